import { participationScope, type TParticipationAct } from "@/core/participation";
import type { StoredIdentity } from "../identity-store";
import { AnonymousRequestError, residentErrorCode } from "../prover/anonymous-request";
import { artifactRef } from "../prover/load-artifact";
import type { VoteProver } from "../prover/prove-in-worker";
import type { TVoteStage, WireSemaphoreProof } from "../prover/prover-protocol";
import { ledgerOrigin } from "./ledger-origin";
import { markSlotUsed, pickSlot, slotKey, usedSlots } from "./used-slots";

/**
 * Where a process's anonymous acts prove membership: the district's current census (the server
 * accepts any root since the process started and the last removal).
 */
export interface TProcessCensus {
  districtId: string;
}

/** Proving artifact URLs by tree depth: the census's depth now and the next, in case it grows. */
export type TArtifactUrlsByDepth = Record<number, { wasm: string; zkey: string }>;

export interface TAnonymousAct<T> {
  prover: VoteProver;
  identity: StoredIdentity;
  census: TProcessCensus;
  artifacts: TArtifactUrlsByDepth;
  act: TParticipationAct;
  /** The process (propose) or the proposal (support, comment). */
  targetId: string;
  /** How many slots the act has: proposalsPerResident, commentsPerResident, 1 for a support. */
  slots: number;
  /** The Semaphore message (content hash), decimal. */
  message: string;
  send: (slot: number, proof: WireSemaphoreProof) => Promise<T>;
  onStage: (stage: TVoteStage) => void;
}

/**
 * One anonymous act: pick the first slot this browser has not used, prove membership of the
 * district's current census under that slot's scope (in the worker), send it alone and cookie-less, and note
 * the slot as used. A slot refused as already used (another device, lost local data) is noted and
 * the next free slot is tried once, automatically.
 */
export async function actAnonymously<T>(a: TAnonymousAct<T>): Promise<{ reply: T; slot: number }> {
  const origin = await ledgerOrigin();
  const key = slotKey(a.identity.commitment, a.act, a.targetId);
  // A support has one slot and the server decides: it is always sent, even when noted as used.
  const used = a.act === "support" ? [] : await usedSlots(key);
  for (let attempt = 0; ; attempt++) {
    const slot = pickSlot(used, a.slots);
    if (slot === null)
      throw new AnonymousRequestError("SLOT_OUT_OF_RANGE", "Every slot of this act is used.");
    a.onStage("members");
    const { proof } = await a.prover.prove(
      {
        privateKey: a.identity.privateKey,
        commitment: a.identity.commitment,
        districtId: a.census.districtId,
        census: {
          kind: "current",
          artifactsByDepth: Object.fromEntries(
            Object.entries(a.artifacts).map(([depth, urls]) => [
              depth,
              { wasm: artifactRef(urls.wasm), zkey: artifactRef(urls.zkey) },
            ]),
          ),
        },
        scope: participationScope(origin, a.act, a.targetId, slot).toString(),
        message: a.message,
      },
      a.onStage,
    );
    a.onStage("sending");
    try {
      const reply = await a.send(slot, proof);
      await markSlotUsed(key, slot).catch(() => undefined);
      return { reply, slot };
    } catch (e) {
      if (residentErrorCode(e) !== "ALREADY_ACTED") throw e;
      await markSlotUsed(key, slot).catch(() => undefined);
      used.push(slot);
      if (attempt > 0 || a.act === "support" || pickSlot(used, a.slots) === null) throw e;
    }
  }
}
