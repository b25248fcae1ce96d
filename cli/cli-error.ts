/**
 * An error meant for the person at the terminal: `plaza` prints its message as one line on stderr
 * and exits with `exitCode`, never with a stack trace. Exit code 2 is for wrong usage (unknown
 * flag, missing argument), 1 for everything else, as most Unix tools do.
 */
export class CliError extends Error {
  override name = "CliError";
  readonly exitCode: number;

  constructor(message: string, exitCode = 1) {
    super(message);
    this.exitCode = exitCode;
  }
}

/** A usage error: wrong or missing flags and arguments (exit code 2). */
export function usageError(message: string): CliError {
  return new CliError(message, 2);
}
