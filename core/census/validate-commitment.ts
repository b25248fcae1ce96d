import { SNARK_SCALAR_FIELD } from "../entries/entry-fields";

/**
 * Whether `commitment` can be a census member: 0 < commitment < r.
 *
 * Below r because the Semaphore circuit works in BN254's scalar field: a value ≥ r would be
 * reduced modulo r inside the circuit, so two spellings would name one leaf. Not 0 because 0 is
 * the value of a removed member's leaf (@semaphore-protocol/group refuses to add it): a "member"
 * 0 would be indistinguishable from a removal and, since no identity's commitment is 0, nobody
 * could ever prove membership with it. A Semaphore v4 commitment is Poseidon(public key), so
 * every honest client produces a value in range; this check is what keeps a hostile one out.
 */
export function validateCommitment(commitment: bigint): boolean {
  if (typeof commitment !== "bigint")
    throw new TypeError(`commitment must be a bigint, got ${typeof commitment}`);
  return commitment > 0n && commitment < SNARK_SCALAR_FIELD;
}
