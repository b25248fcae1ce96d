/** The body of a c2sp.org/tlog-witness add-checkpoint request. */
export interface AddCheckpointRequest {
  /** Size of the latest checkpoint the witness cosigned for this log (0 if none). */
  readonly oldSize: bigint;
  /** Consistency proof from oldSize to the new checkpoint's size; empty if oldSize is 0. */
  readonly proof: readonly Uint8Array[];
  /** The new signed checkpoint, verbatim. */
  readonly checkpoint: string;
}
