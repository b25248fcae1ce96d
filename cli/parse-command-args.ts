import { type ParseArgsConfig, parseArgs } from "node:util";
import { usageError } from "./cli-error";

type Options = NonNullable<ParseArgsConfig["options"]>;

/**
 * node:util parseArgs in strict mode, with its errors (unknown flag, missing value) turned into a
 * one-line usage error that names the command, so every subcommand reports them the same way.
 */
export function parseCommandArgs<T extends Options>(
  command: string,
  argv: readonly string[],
  options: T,
  allowPositionals = false,
) {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals, strict: true });
  } catch (e) {
    // Node's messages carry hints for positionals that start with "-"; the first sentence is enough.
    const message = (e as Error).message.split(". ")[0] ?? "invalid arguments";
    throw usageError(`${command}: ${message} (see "plaza ${command} --help")`);
  }
}
