/** The parts of a c2sp.org/tlog-proof@v1 proof. */
export interface TlogProof {
  /** Optional opaque, unauthenticated application data (the "extra" line). */
  readonly extra?: Uint8Array;
  /** Zero-based index of the entry in the log. */
  readonly index: bigint;
  /** RFC 6962 inclusion proof, leaf sibling first. */
  readonly proof: readonly Uint8Array[];
  /** The signed checkpoint, verbatim, including its signature lines. */
  readonly checkpoint: string;
}
