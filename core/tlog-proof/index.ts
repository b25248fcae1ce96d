export { MAX_PROOF_HASHES, TLOG_PROOF_HEADER } from "./constants";
export { formatTlogProof } from "./format-tlog-proof";
export { parseTlogProof } from "./parse-tlog-proof";
export type { TlogProof } from "./types";
export type { VerifyTlogProofParams } from "./verify-tlog-proof";
export { verifyTlogProof } from "./verify-tlog-proof";
