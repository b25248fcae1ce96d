// The observer's verifier: everything `plaza verify` and the browser's /verify page check, from
// the public tiles alone. Pure code; proof checking and reading tiles are injected.
export { formatVerifyReport } from "./format-verify-report";
export { type RecomputedTree, recomputeTree } from "./recompute-tree";
export { LedgerReplay, type ProofCheck } from "./replay-ledger";
export * from "./types";
export { type VerifyLedgerParams, verifyLedger } from "./verify-ledger";
export { describeQuorum, parseWitnessPolicy, type WitnessPolicy, witnessQuorumMet } from "./witness-policy";
