import type { SemaphoreProof } from "@semaphore-protocol/core";

/** A proof as a browser sends it to the anonymous endpoints: every number a decimal string. */
export function wireProof(p: SemaphoreProof) {
  return {
    merkleTreeDepth: p.merkleTreeDepth,
    merkleTreeRoot: p.merkleTreeRoot.toString(),
    nullifier: p.nullifier.toString(),
    message: p.message.toString(),
    scope: p.scope.toString(),
    points: p.points.map(String),
  };
}
