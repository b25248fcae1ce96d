import { formatCheckpoint } from "@/core/checkpoint";
import { createMemoryHashReader, generateConsistencyProof, hashLeaf, merkleTreeHash } from "@/core/merkle";
import { formatVerifierKey, generateSignerKey, type NoteSigner, parseSignerKey, signNote } from "@/core/note";
import { formatAddCheckpointRequest } from "@/core/witness";

/**
 * A transparency log in memory, built from core functions only: leaves "<label> <i>", signed
 * checkpoints of any size, and consistency proofs between sizes. Two logs with the same key and
 * origin but different labels are a fork.
 */
export interface SimulatedLog {
  readonly origin: string;
  readonly signer: NoteSigner;
  /** "<origin>+<id>+<key>", as a witness is configured with. */
  readonly verifierKey: string;
  readonly signerKey: string;
  leaves(size: number): Uint8Array[];
  root(size: number): Uint8Array;
  checkpoint(size: number): string;
  proof(oldSize: number, newSize: number): Promise<Uint8Array[]>;
  /** An add-checkpoint body from oldSize (with a valid proof) to a checkpoint of newSize. */
  request(oldSize: number, newSize: number): Promise<string>;
  /** The same log (key and origin) with other leaves: a fork. */
  fork(label: string): SimulatedLog;
}

export function simulatedLog(origin = "log.example/test", signerKey?: string, label = "entry"): SimulatedLog {
  const key = signerKey ?? generateSignerKey(origin).signerKey;
  const signer = parseSignerKey(key);
  const verifierKey = formatVerifierKey(signer.name, signer.type, signer.publicKey);
  const leaves = (size: number) =>
    Array.from({ length: size }, (_, i) => hashLeaf(new TextEncoder().encode(`${label} ${i}`)));
  const log: SimulatedLog = {
    origin,
    signer,
    verifierKey,
    signerKey: key,
    leaves,
    root: (size) => merkleTreeHash(leaves(size)),
    checkpoint: (size) =>
      signNote(formatCheckpoint({ origin, size: BigInt(size), rootHash: merkleTreeHash(leaves(size)) }), [
        signer,
      ]),
    proof: async (oldSize, newSize) =>
      oldSize === 0
        ? []
        : generateConsistencyProof({
            size1: BigInt(oldSize),
            size2: BigInt(newSize),
            readHashes: createMemoryHashReader(leaves(newSize)),
          }),
    request: async (oldSize, newSize) =>
      formatAddCheckpointRequest({
        oldSize: BigInt(oldSize),
        proof: await log.proof(oldSize, newSize),
        checkpoint: log.checkpoint(newSize),
      }),
    fork: (other) => simulatedLog(origin, key, other),
  };
  return log;
}
