import { open } from "node:fs/promises";
import { generateSignerKey, isValidKeyName, SIGNATURE_TYPE_COSIGNATURE_V1 } from "../../core/note";
import { CliError, usageError } from "../cli-error";
import type { Command } from "../command";
import { parseCommandArgs } from "../parse-command-args";

const USAGE = `Usage: plaza keygen [--witness] [--out <file>] <name>

Generates an Ed25519 key pair named <name> (a schema-less URL such as example.org/ledger) and
prints the signer key (PRIVATE+KEY+..., secret) and the verifier key (public), one per line.

Options:
  --witness      make a cosignature/v1 witness key (c2sp.org/tlog-cosignature, type 0x04)
                 instead of a log key that signs checkpoints (type 0x01)
  --out <file>   write the signer key to <file> (created with mode 0600, never overwritten)
                 and print only the verifier key
  -h, --help     show this help

The signer key file is what "plaza witness --key" reads; give the verifier key to the logs
(PLAZA_WITNESSES) and to anyone who verifies the witness's cosignatures.
`;

/** `plaza keygen`: a new note signer key and its verifier key (golang.org/x/mod/sumdb/note format). */
export const keygenCommand: Command = {
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(
      "keygen",
      argv,
      { witness: { type: "boolean" }, out: { type: "string" }, help: { type: "boolean", short: "h" } },
      true,
    );
    if (values.help) {
      io.stdout(USAGE);
      return;
    }
    if (positionals.length !== 1)
      throw usageError('keygen: expected one key name (see "plaza keygen --help")');
    const name = positionals[0] as string;
    // The name goes into every signature line and key string, which split on spaces and "+".
    if (!isValidKeyName(name)) {
      throw usageError(`keygen: ${JSON.stringify(name)} is not a valid key name (no spaces or "+")`);
    }
    const key = generateSignerKey(name, values.witness ? { type: SIGNATURE_TYPE_COSIGNATURE_V1 } : {});
    if (values.out === undefined) {
      io.stdout(`${key.signerKey}\n${key.verifierKey}\n`);
      return;
    }
    try {
      // "wx": refuse to replace an existing key, which may be the only copy of a witness identity.
      const file = await open(values.out, "wx", 0o600);
      try {
        await file.writeFile(`${key.signerKey}\n`);
        await file.sync();
      } finally {
        await file.close();
      }
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "EEXIST") throw new CliError(`keygen: ${values.out} already exists; not overwriting it`);
      throw new CliError(`keygen: cannot write ${values.out}: ${(e as Error).message}`);
    }
    io.stdout(`${key.verifierKey}\n`);
  },
};
