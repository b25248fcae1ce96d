// BN254 (alt_bn128, "bn128" in snarkjs) parameters used by Semaphore v4's Groth16 proofs
// (EIP-196/197). The curve is y^2 = x^3 + 3 over F_p; G2 lives on the sextic D-twist
// y^2 = x^3 + 3/(9+u) over F_p2 = F_p[u]/(u^2+1). Every parameter below is derived from the seed x.

/** The seed x of the BN family: p = 36x^4+36x^3+24x^2+6x+1, r = 36x^4+36x^3+18x^2+6x+1. */
export const BN254_SEED = 4965661367192848881n;

/** p, the base field modulus: every point coordinate is a canonical element of [0, p). */
export const BN254_FIELD_MODULUS =
  21888242871839275222246405745257275088696311157297823662689037894645226208583n;

/** r, the prime order of G1, G2 and GT: every public signal is a canonical element of [0, r). */
export const BN254_SCALAR_MODULUS =
  21888242871839275222246405745257275088548364400416034343698204186575808495617n;

/** b' = 3/(9+u), the constant of the twist that holds G2, as (c0, c1). */
export const BN254_TWIST_B: readonly [bigint, bigint] = [
  19485874751759354771024239261021720505790618469301721065564631296452457478373n,
  266929791119991161246907387137283842545076965332900288569378510910307636690n,
];

/** Semaphore v4 ships a circuit and verification key per tree depth from 1 to 32. */
export const SEMAPHORE_MIN_DEPTH = 1;
export const SEMAPHORE_MAX_DEPTH = 32;

/**
 * Bits of each random weight in a batch check. A batch holding a bad proof passes only if the
 * weights happen to cancel it, which for weights drawn after the batch is fixed happens with
 * probability at most 2^-128 per check (GT has prime order r > 2^253).
 */
export const BATCH_WEIGHT_BITS = 128;
