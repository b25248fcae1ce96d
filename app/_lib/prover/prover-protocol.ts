import type { ArtifactRef } from "./load-artifact";

/** The steps of making a vote, in order, as the progress indicator shows them. */
export const VOTE_STAGES = ["members", "path", "artifacts", "proving", "sending"] as const;
export type TVoteStage = (typeof VOTE_STAGES)[number];

export interface TArtifactRefs {
  wasm: ArtifactRef;
  zkey: ArtifactRef;
}

/**
 * Which census a proof is made from:
 * - frozen: a poll's, as the ledger stood just before its poll_opened entry (`ledgerSize`), whose
 *   root and depth the poll froze; the rebuilt list must give exactly that root.
 * - current: the district's census today, for a process's anonymous acts (the server takes any
 *   root since the process started and the last removal, so residents who joined later take
 *   part); the depth, hence the artifacts, follow the list's size.
 */
export type TProveCensus =
  | { kind: "frozen"; ledgerSize: string; frozenRoot: string; depth: number; artifacts: TArtifactRefs }
  | { kind: "current"; artifactsByDepth: Record<number, TArtifactRefs> };

/** What the page asks the prover worker to do. The private key stays inside this browser. */
export interface ProveRequest {
  type: "prove";
  /** The identity's private key (Identity.export() format). */
  privateKey: string;
  commitment: string;
  districtId: string;
  census: TProveCensus;
  scope: string;
  /** The Semaphore message (ballotMessage, or the content hash of an act), decimal. */
  message: string;
}

/** A Semaphore v4 proof exactly as POST /api/anon/vote takes it. */
export interface WireSemaphoreProof {
  merkleTreeDepth: number;
  merkleTreeRoot: string;
  nullifier: string;
  message: string;
  scope: string;
  points: string[];
}

export type ProverMessage =
  | { type: "stage"; stage: Exclude<TVoteStage, "sending"> }
  | { type: "done"; proof: WireSemaphoreProof; provingMs: number }
  | { type: "error"; code: string; message: string };
