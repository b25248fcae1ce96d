// Bit arithmetic on bigint tree sizes and indices. Log indices are uint64, so JavaScript's 32-bit
// bitwise operators on numbers would silently truncate them: everything here stays in bigint
// (shared/STYLE.md, "Index arithmetic for logs uses bigint").

/** Number of bits needed to represent x (Go's bits.Len64); 0 for 0. */
export function bitLength(x: bigint): number {
  return x === 0n ? 0 : x.toString(2).length;
}

/** Number of trailing zero bits of x > 0 (Go's bits.TrailingZeros64). */
export function trailingZeros(x: bigint): number {
  if (x === 0n) return 64;
  let n = 0;
  let v = x;
  while ((v & 1n) === 0n) {
    v >>= 1n;
    n++;
  }
  return n;
}

/** Largest power of two strictly smaller than n, for n > 1: the split point k of RFC 6962 2.1. */
export function largestPowerOfTwoBelow(n: bigint): bigint {
  return 1n << BigInt(bitLength(n - 1n) - 1);
}

/** Smallest power of two greater than or equal to n (BIT_CEIL in the MTC draft); 1 for n <= 1. */
export function bitCeil(n: bigint): bigint {
  return n <= 1n ? 1n : 1n << BigInt(bitLength(n - 1n));
}

export function isPowerOfTwo(n: bigint): boolean {
  return n > 0n && (n & (n - 1n)) === 0n;
}
