/**
 * Largest allowed cosignature timestamp: c2sp.org/tlog-cosignature says it "MUST NOT exceed
 * 2^63 - 1" (so it fits a signed 64-bit time everywhere), though it is encoded as a u64.
 */
export const MAX_COSIGNATURE_TIMESTAMP = (1n << 63n) - 1n;

/** First line of the cosignature/v1 signed message, for domain separation. */
export const COSIGNATURE_V1_HEADER = "cosignature/v1";
