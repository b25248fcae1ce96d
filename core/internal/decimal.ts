import { MAX_UINT64 } from "./assert";

// ASCII decimal with no leading zeroes ("0" alone for zero), as C2SP requires for checkpoint tree
// sizes, cosignature timestamps, tlog-proof indices and witness old sizes. Rejecting "007", "+7",
// " 7" and "7.0" keeps every number with exactly one encoding, so two parties hashing or signing
// the same statement always see the same bytes.
const DECIMAL = /^(?:0|[1-9][0-9]{0,19})$/;

export function parseUint64Decimal(text: string, name: string, max: bigint = MAX_UINT64): bigint {
  if (!DECIMAL.test(text)) {
    throw new TypeError(
      `${name} must be an ASCII decimal with no leading zeroes, got ${JSON.stringify(text)}`,
    );
  }
  const value = BigInt(text);
  if (value > max) throw new RangeError(`${name} must be at most ${max}, got ${text}`);
  return value;
}
