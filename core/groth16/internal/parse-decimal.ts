import { describeValue } from "../../internal/assert";

// Canonical ASCII decimal: no sign, no leading zeroes ("0" alone for zero), at most 78 digits
// (2^256 has 78). snarkjs would also accept "0x…", "007" or a value above the modulus and reduce
// it; Plaza does not, so each proof has exactly one encoding and what is stored is what is checked.
const DECIMAL = /^(?:0|[1-9][0-9]{0,77})$/;

/**
 * Parses a canonical decimal string below `bound` (exclusive). Throws a TypeError naming `name`
 * for anything that is not such a string, and a RangeError for a value at or above `bound`.
 */
export function parseDecimalBelow(value: unknown, name: string, bound: bigint, boundName: string): bigint {
  if (typeof value !== "string") {
    throw new TypeError(`${name} must be a decimal string, got ${describeValue(value)}`);
  }
  if (!DECIMAL.test(value)) {
    throw new TypeError(
      `${name} must be an ASCII decimal with no sign or leading zeroes, got ${describeValue(value)}`,
    );
  }
  const parsed = BigInt(value);
  if (parsed >= bound) throw new RangeError(`${name} must be below ${boundName}, got ${value}`);
  return parsed;
}
