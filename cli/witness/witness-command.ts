import { CliError } from "../cli-error";
import type { Command } from "../command";
import { parseCommandArgs } from "../parse-command-args";
import { DEFAULT_LISTEN, loadWitnessConfig } from "./witness-config";
import { startWitnessServer } from "./witness-server";

const USAGE = `Usage: plaza witness --key <file> --state-dir <dir> --log <verifier key>... [options]

Runs a transparency log witness (c2sp.org/tlog-witness): logs POST each new checkpoint with a
consistency proof to <url>/add-checkpoint; the witness verifies the log's signature and the proof
against the last checkpoint it cosigned, records the new one durably, and returns an Ed25519
cosignature/v1 (c2sp.org/tlog-cosignature). It refuses rollbacks (409), forks (409), unknown
logs (404), bad signatures (403) and bad proofs (422). GET / shows what it has cosigned.

Options:
  --key <file>            the witness signer key (make one with: plaza keygen --witness <name>)
  --log <verifier key>    a log to follow (repeatable); its origin is the key name unless mapped
  --origin <name>=<origin>  the origin line of the log whose key is named <name>
  --listen <host:port>    address to listen on (default ${DEFAULT_LISTEN})
  --state-dir <dir>       where the latest cosigned checkpoint of each log is kept
  --config <file>         JSON with any of {"key", "listen", "stateDir", "logs": [{"key", "origin"}]}
                          (paths relative to the file; flags win, --log adds to "logs")
  -h, --help              show this help

Give the logs the witness's verifier key and URL, e.g. for Plaza:
  PLAZA_WITNESSES="<witness verifier key>@http://127.0.0.1:7380"
`;

/** `plaza witness`: runs the witness until SIGINT or SIGTERM. */
export const witnessCommand: Command = {
  usage: USAGE,
  async run(argv, io) {
    const { values } = parseCommandArgs("witness", argv, {
      key: { type: "string" },
      log: { type: "string", multiple: true },
      origin: { type: "string", multiple: true },
      listen: { type: "string" },
      "state-dir": { type: "string" },
      config: { type: "string" },
      help: { type: "boolean", short: "h" },
    });
    if (values.help) {
      io.stdout(USAGE);
      return;
    }
    const config = await loadWitnessConfig(values);
    for (const warning of config.warnings) io.stderr(`plaza: warning: ${warning}\n`);
    let server: Awaited<ReturnType<typeof startWitnessServer>>;
    try {
      server = await startWitnessServer({
        signer: config.signer,
        logs: config.logs,
        stateDir: config.stateDir,
        host: config.host,
        port: config.port,
        log: (line) => io.stdout(`${line}\n`),
      });
    } catch (e) {
      throw new CliError(`witness: ${(e as Error).message}`);
    }
    io.stdout(`verifier key: ${server.verifierKey}\n`);
    for (const log of config.logs) {
      io.stdout(`following ${log.origin} (${log.verifiers.map((v) => v.name).join(", ")})\n`);
    }
    // Last, so that a supervisor (or a test) can wait for this line to know the witness is ready.
    io.stdout(`plaza witness ${config.signer.name} listening on ${server.url}\n`);

    // Run until asked to stop; in-flight requests finish (their state is already durable or not
    // yet written) before the lock on the state directory is released.
    await new Promise<void>((resolve) => {
      const stop = (signal: NodeJS.Signals) => {
        process.off("SIGINT", stop);
        process.off("SIGTERM", stop);
        io.stdout(`received ${signal}, shutting down\n`);
        void server.close().then(resolve);
      };
      process.on("SIGINT", stop);
      process.on("SIGTERM", stop);
    });
  },
};
