/** The body of a checkpoint (c2sp.org/tlog-checkpoint, "Note text"). */
export interface Checkpoint {
  /** Unique identifier of the log, e.g. "plaza.example/log". */
  readonly origin: string;
  /** Number of leaves in the tree. */
  readonly size: bigint;
  /** RFC 6962 root hash of the tree at `size`, 32 bytes. */
  readonly rootHash: Uint8Array;
  /** Opaque extension lines after the root hash; usually none. */
  readonly extensions: readonly string[];
}
