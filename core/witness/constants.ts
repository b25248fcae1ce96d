/** A client "MUST NOT send more than 63 consistency proof lines" (c2sp.org/tlog-witness). */
export const MAX_CONSISTENCY_PROOF_LINES = 63;
