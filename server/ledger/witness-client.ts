import { desc, eq, max } from "drizzle-orm";
import { parseCosignature } from "@/core/cosignature";
import { generateConsistencyProof } from "@/core/merkle";
import { type NoteVerifier, parseSignatureLine, parseSignedNote, parseVerifierKey } from "@/core/note";
import { formatAddCheckpointRequest } from "@/core/witness";
import type { Db } from "../db/client";
import { ledgerCheckpoints, ledgerCosignatures } from "../db/schema";
import type { TWitnessEndpoint } from "../env";
import { createDbHashReader } from "./create-db-hash-reader";

/** A checkpoint the log signed: its size and the signed note exactly as stored. */
export interface CheckpointForWitnesses {
  readonly size: bigint;
  readonly note: string;
}

export type WitnessOutcome =
  | { readonly witness: string; readonly status: "cosigned"; readonly line: string }
  /** The witness already cosigned this checkpoint, or a newer one (nothing to send). */
  | { readonly witness: string; readonly status: "up-to-date" }
  | { readonly witness: string; readonly status: "failed"; readonly reason: string };

export interface WitnessClientOptions {
  /** Per HTTP request; default 10 s. A slow witness must not hold its queue forever. */
  readonly timeoutMs?: number;
  /** One line per failure; default console.error. */
  readonly log?: (line: string) => void;
}

/** c2sp.org/tlog-witness: the 409 body that tells the client the witness's size. */
const TLOG_SIZE = "text/x.tlog.size";
/** A witness answers with a few signature lines; anything much larger is not a witness. */
const MAX_RESPONSE = 64 * 1024;
/** Cosignatures dated further ahead than this are refused (tlog-cosignature: verifiers MAY). */
const MAX_CLOCK_SKEW_SECONDS = 600n;

class WitnessFailure extends Error {}

type ConfiguredWitness = TWitnessEndpoint & { readonly verifier: NoteVerifier };

interface Queue {
  running: Promise<void> | null;
  pending: CheckpointForWitnesses | null;
}

/**
 * Asks witnesses to cosign the log's checkpoints (c2sp.org/tlog-witness, add-checkpoint) and
 * stores the cosignature lines they return in ledger_cosignatures, where getLatestCheckpoint
 * appends them to the served checkpoint. For each witness and checkpoint:
 *
 * 1. The old size is the largest checkpoint that witness has cosigned for us (0 if none), and the
 *    RFC 6962 consistency proof from it to the new size is built from the stored subtrees.
 * 2. On 409 with a text/x.tlog.size body, the witness's record differs from ours (it lost state,
 *    was restored from a backup, or cosigned a checkpoint whose answer we never stored): resync to
 *    the size it reports, only if this log signed a checkpoint of that size, and retry once.
 * 3. A returned line counts only if it is a cosignature/v1 by the configured key over exactly
 *    this checkpoint's text; lines from other keys are ignored, as the spec requires.
 *
 * Nothing here throws into the signing loop: every failure is one log line and an outcome.
 */
export class WitnessClient {
  private readonly witnesses: readonly ConfiguredWitness[];
  private readonly queues = new Map<string, Queue>();
  private readonly timeoutMs: number;
  private readonly log: (line: string) => void;

  constructor(
    private readonly db: Db,
    witnesses: readonly TWitnessEndpoint[],
    options: WitnessClientOptions = {},
  ) {
    this.witnesses = witnesses.map((w) => ({ ...w, verifier: parseVerifierKey(w.verifierKey) }));
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.log = options.log ?? ((line) => console.error(line));
  }

  /**
   * For the signing loop: sends `checkpoint` to every witness in the background. Requests to one
   * witness never overlap (they would race each other into 409s); if checkpoints arrive faster
   * than a witness answers, only the newest waiting one is sent, since cosigning it covers the
   * ones before it.
   */
  submit(checkpoint: CheckpointForWitnesses): void {
    for (const witness of this.witnesses) this.submitTo(witness, checkpoint);
  }

  private submitTo(witness: ConfiguredWitness, checkpoint: CheckpointForWitnesses): void {
    const queue = this.queues.get(witness.name) ?? { running: null, pending: null };
    this.queues.set(witness.name, queue);
    if (queue.pending === null || queue.pending.size < checkpoint.size) queue.pending = checkpoint;
    if (queue.running === null) queue.running = this.drain(witness, queue);
  }

  /**
   * Sends the newest checkpoint to each witness that has not cosigned it yet: at start, so an idle
   * log still gets cosigned, and periodically, so a witness that was down or unreachable catches
   * up without waiting for the next checkpoint.
   */
  async retryBehind(): Promise<void> {
    try {
      const [latest] = await this.db
        .select({ size: ledgerCheckpoints.size, note: ledgerCheckpoints.note })
        .from(ledgerCheckpoints)
        .orderBy(desc(ledgerCheckpoints.size))
        .limit(1);
      if (!latest) return;
      for (const witness of this.witnesses) {
        const last = await this.lastCosignedSize(witness.name);
        if (last === null || last < latest.size) this.submitTo(witness, latest);
      }
    } catch (e) {
      this.log(`[plaza] witnesses: cannot read the latest checkpoint: ${(e as Error).message}`);
    }
  }

  /** Resolves once no submitted checkpoint is waiting or in flight. */
  async idle(): Promise<void> {
    for (;;) {
      const running = [...this.queues.values()].map((q) => q.running).filter((r) => r !== null);
      if (running.length === 0) return;
      await Promise.all(running);
    }
  }

  /** Sends `checkpoint` to every witness now and reports each outcome (never rejects). */
  cosign(checkpoint: CheckpointForWitnesses): Promise<WitnessOutcome[]> {
    return Promise.all(this.witnesses.map((w) => this.cosignWith(w, checkpoint)));
  }

  private async drain(witness: ConfiguredWitness, queue: Queue): Promise<void> {
    while (queue.pending !== null) {
      const next = queue.pending;
      queue.pending = null;
      await this.cosignWith(witness, next);
    }
    queue.running = null;
  }

  private async cosignWith(
    witness: ConfiguredWitness,
    checkpoint: CheckpointForWitnesses,
  ): Promise<WitnessOutcome> {
    try {
      const text = parseSignedNote(checkpoint.note).textBytes;
      let oldSize = await this.lastCosignedSize(witness.name);
      if (oldSize !== null && oldSize >= checkpoint.size)
        return { witness: witness.name, status: "up-to-date" };
      oldSize ??= 0n;
      for (let attempt = 0; ; attempt++) {
        const response = await this.post(witness, oldSize, checkpoint);
        if (response.status === 200) {
          const line = verifiedCosignature(response.body, text, witness.verifier);
          await this.db
            .insert(ledgerCosignatures)
            .values({ checkpointSize: checkpoint.size, witness: witness.name, line })
            .onConflictDoUpdate({
              target: [ledgerCosignatures.checkpointSize, ledgerCosignatures.witness],
              set: { line },
            });
          return { witness: witness.name, status: "cosigned", line };
        }
        if (response.status === 409 && response.contentType.startsWith(TLOG_SIZE)) {
          const reported = parseSize(response.body);
          if (attempt > 0 || reported === oldSize) {
            throw new WitnessFailure(`still conflicting after resync (witness reports size ${reported})`);
          }
          if (reported !== 0n && !(await this.hasCheckpoint(reported))) {
            // The witness holds a tree head this log never signed: only a fork, a log that was
            // restored from an older backup, or another log with our origin and key can explain it.
            throw new WitnessFailure(
              `the witness is at size ${reported}, for which this log has no signed checkpoint (log rolled back or forked?)`,
            );
          }
          // A newer checkpoint got there first: cosigning it covered this one.
          if (reported > checkpoint.size) return { witness: witness.name, status: "up-to-date" };
          // Otherwise retry from the witness's size (equal to ours if only its answer was lost:
          // then an empty proof asks it to cosign the same tree again).
          oldSize = reported;
          continue;
        }
        if (response.status === 409) {
          throw new WitnessFailure(
            `the witness holds a different checkpoint of this size (fork!): ${firstLine(response.body)}`,
          );
        }
        throw new WitnessFailure(`HTTP ${response.status}: ${firstLine(response.body)}`);
      }
    } catch (e) {
      const reason = describeError(e);
      this.log(`[plaza] witness ${witness.name}: checkpoint ${checkpoint.size} not cosigned: ${reason}`);
      return { witness: witness.name, status: "failed", reason };
    }
  }

  private async post(
    witness: TWitnessEndpoint,
    oldSize: bigint,
    checkpoint: CheckpointForWitnesses,
  ): Promise<{ status: number; contentType: string; body: string }> {
    // Old size 0 is the witness's "never cosigned" and takes an empty proof (c2sp.org/tlog-witness).
    const proof =
      oldSize === 0n
        ? []
        : await generateConsistencyProof({
            size1: oldSize,
            size2: checkpoint.size,
            readHashes: createDbHashReader(this.db),
          });
    const res = await fetch(`${witness.url}/add-checkpoint`, {
      method: "POST",
      headers: { "Content-Type": "text/plain; charset=utf-8" },
      body: formatAddCheckpointRequest({ oldSize, proof, checkpoint: checkpoint.note }),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    return {
      status: res.status,
      contentType: res.headers.get("content-type") ?? "",
      body: await readLimited(res),
    };
  }

  private async lastCosignedSize(witness: string): Promise<bigint | null> {
    const [row] = await this.db
      .select({ size: max(ledgerCosignatures.checkpointSize) })
      .from(ledgerCosignatures)
      .where(eq(ledgerCosignatures.witness, witness));
    return row?.size ?? null;
  }

  private async hasCheckpoint(size: bigint): Promise<boolean> {
    const rows = await this.db
      .select({ size: ledgerCheckpoints.size })
      .from(ledgerCheckpoints)
      .where(eq(ledgerCheckpoints.size, size));
    return rows.length > 0;
  }
}

/**
 * The witness's cosignature line from a 200 body: one or more note signature lines, each ending in
 * a newline. Lines by other keys are ignored; a line by the witness's key (name and key ID) must
 * verify as cosignature/v1 over `text`, the checkpoint body we sent, or the answer is refused.
 */
function verifiedCosignature(body: string, text: Uint8Array, verifier: NoteVerifier): string {
  if (body === "" || !body.endsWith("\n"))
    throw new WitnessFailure("malformed response: not signature lines");
  let found: string | null = null;
  for (const line of body.slice(0, -1).split("\n")) {
    let signature: ReturnType<typeof parseSignatureLine>;
    try {
      signature = parseSignatureLine(line);
    } catch (e) {
      throw new WitnessFailure(`malformed response: ${(e as Error).message}`);
    }
    if (signature.name !== verifier.name || signature.keyId !== verifier.keyId) continue;
    if (!verifier.verify(text, signature.signature)) {
      throw new WitnessFailure("the cosignature does not verify against the witness key and this checkpoint");
    }
    const { timestamp } = parseCosignature(signature.signature);
    if (timestamp > BigInt(Math.floor(Date.now() / 1000)) + MAX_CLOCK_SKEW_SECONDS) {
      throw new WitnessFailure(`the cosignature is dated in the future (${timestamp})`);
    }
    found ??= line;
  }
  if (found === null) throw new WitnessFailure("the response holds no cosignature from the witness key");
  return found;
}

function parseSize(body: string): bigint {
  if (!/^(0|[1-9][0-9]{0,19})\n$/.test(body)) {
    throw new WitnessFailure(`malformed 409 body ${JSON.stringify(body.slice(0, 40))}`);
  }
  return BigInt(body.slice(0, -1));
}

async function readLimited(res: Response): Promise<string> {
  const declared = Number(res.headers.get("content-length") ?? 0);
  if (declared > MAX_RESPONSE) {
    await res.body?.cancel();
    throw new WitnessFailure(`response larger than ${MAX_RESPONSE} bytes`);
  }
  const reader = res.body?.getReader();
  if (!reader) return "";
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.length;
    if (length > MAX_RESPONSE) {
      await reader.cancel();
      throw new WitnessFailure(`response larger than ${MAX_RESPONSE} bytes`);
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

function firstLine(body: string): string {
  return (body.split("\n", 1)[0] ?? "").slice(0, 200) || "(empty body)";
}

function describeError(e: unknown): string {
  if (e instanceof WitnessFailure) return e.message;
  if (e instanceof Error && (e.name === "TimeoutError" || e.name === "AbortError")) return "timed out";
  // fetch reports network errors as "fetch failed" with the reason (ECONNREFUSED, ...) as cause.
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  const message = e instanceof Error ? e.message : String(e);
  const detail = cause?.code ?? cause?.message;
  return detail ? `${message} (${detail})` : message;
}
