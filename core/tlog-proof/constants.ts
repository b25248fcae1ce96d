/** First line of every proof (c2sp.org/tlog-proof, "Format"). */
export const TLOG_PROOF_HEADER = "c2sp.org/tlog-proof@v1";
/** An inclusion proof in a tree of fewer than 2^64 leaves has at most 64 hashes. */
export const MAX_PROOF_HASHES = 64;
