import type { SemaphoreProofInput, VerifyProgress, VerifyReport } from "@/core/verify";

/** Page → verify worker. */
export type TVerifyWorkerRequest =
  | {
      readonly type: "start";
      readonly verifierKey: string;
      readonly witnessPolicy?: string;
      readonly previous?: string;
    }
  | {
      readonly type: "proofs-done";
      readonly id: number;
      readonly results?: boolean[];
      readonly error?: string;
    };

/** Verify worker → page. The worker asks the page to fan proof batches out to proof workers. */
export type TVerifyWorkerMessage =
  | { readonly type: "progress"; readonly progress: VerifyProgress }
  | { readonly type: "proofs"; readonly id: number; readonly proofs: readonly SemaphoreProofInput[] }
  | { readonly type: "done"; readonly report: VerifyReport }
  | { readonly type: "failed"; readonly message: string };

/** Page ↔ proof worker. */
export type TProofWorkerRequest = { readonly id: number; readonly proofs: readonly SemaphoreProofInput[] };
export type TProofWorkerMessage =
  | { readonly id: number; readonly results: boolean[] }
  | { readonly id: number; readonly error: string };
