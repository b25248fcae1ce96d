/** Where a command writes: the process's streams in `plaza`, buffers in tests. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Whether stderr is a terminal (progress bars redraw in place only there). */
  readonly stderrIsTTY?: boolean;
}

/**
 * One `plaza` subcommand. `run` receives the arguments after the command name and resolves when
 * the command is done (a server command resolves when it has shut down); it throws `CliError` for
 * anything the user should read.
 */
export interface Command {
  /** The full help text printed for `plaza <command> --help`. */
  readonly usage: string;
  run(argv: readonly string[], io: CliIo): Promise<void>;
}

export const processIo: CliIo = {
  stdout: (text) => {
    process.stdout.write(text);
  },
  stderr: (text) => {
    process.stderr.write(text);
  },
  get stderrIsTTY() {
    return process.stderr.isTTY === true;
  },
};
