import type { ArtifactRef } from "./load-artifact";

/** The steps of making a vote, in order, as the progress indicator shows them. */
export const VOTE_STAGES = ["members", "path", "artifacts", "proving", "sending"] as const;
export type TVoteStage = (typeof VOTE_STAGES)[number];

/** What the page asks the prover worker to do. The private key stays inside this browser. */
export interface ProveRequest {
  type: "prove";
  /** The identity's private key (Identity.export() format). */
  privateKey: string;
  commitment: string;
  districtId: string;
  /** The poll_opened entry index: the census is fetched as the ledger stood just before it. */
  ledgerSize: string;
  frozenRoot: string;
  depth: number;
  scope: string;
  /** ballotMessage(ballot, sequence), decimal. */
  message: string;
  artifacts: { wasm: ArtifactRef; zkey: ArtifactRef };
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
