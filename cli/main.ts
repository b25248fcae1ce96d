import { CliError } from "./cli-error";
import { type CliIo, type Command, processIo } from "./command";

/**
 * The `plaza` command line. Each subcommand is loaded only when it runs, so `plaza keygen` does not
 * pay for the witness server, and a new subcommand is one entry here plus its own folder.
 */
const COMMANDS: Record<string, { readonly summary: string; readonly load: () => Promise<Command> }> = {
  keygen: {
    summary: "generate a signer key and its verifier key (--witness: a cosigning key)",
    load: async () => (await import("./keygen/keygen-command")).keygenCommand,
  },
  verify: {
    summary: "mirror a Plaza ledger and recount everything in it from the public tiles",
    load: async () => (await import("./verify/verify-command")).verifyCommand,
  },
  receipt: {
    summary: "check a voter's receipt file offline against a mirror",
    load: async () => (await import("./receipt/receipt-command")).receiptCommand,
  },
  witness: {
    summary: "run a c2sp.org/tlog-witness witness that cosigns the checkpoints of logs it follows",
    load: async () => (await import("./witness/witness-command")).witnessCommand,
  },
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `Usage: plaza <command> [options]

Commands:
${lines.join("\n")}

Run "plaza <command> --help" for the options of a command.
`;
}

/**
 * Runs `plaza` with `argv` (the arguments after the program name) and returns the exit code.
 * Every failure becomes one line on stderr, "plaza: <message>", never a stack trace: the person
 * at the terminal needs to know what to fix, not where in the code it was noticed.
 */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr(usage());
    return 2;
  }
  if (name === "--help" || name === "-h" || name === "help") {
    io.stdout(usage());
    return 0;
  }
  const entry = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (entry === undefined) {
    io.stderr(`plaza: unknown command ${JSON.stringify(name)} (see "plaza --help")\n`);
    return 2;
  }
  try {
    await (await entry.load()).run(rest, io);
    return 0;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    io.stderr(`plaza: ${message.split("\n")[0]}\n`);
    return e instanceof CliError ? e.exitCode : 1;
  }
}
