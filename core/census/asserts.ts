/** A leaf count or index: a non-negative safe integer (a census never nears 2^53 members). */
export function assertTreeSize(value: unknown, name: string): asserts value is number {
  if (typeof value !== "number" || !Number.isInteger(value))
    throw new TypeError(
      `${name} must be an integer, got ${typeof value === "number" ? value : typeof value}`,
    );
  if (value < 0 || value > Number.MAX_SAFE_INTEGER)
    throw new RangeError(`${name} must be in [0, 2^53), got ${value}`);
}

/** A field element of BN254's scalar field given as a bigint. */
export function assertFieldElement(value: unknown, name: string, r: bigint): asserts value is bigint {
  if (typeof value !== "bigint") throw new TypeError(`${name} must be a bigint, got ${typeof value}`);
  if (value < 0n || value >= r) throw new RangeError(`${name} must be a field element (0 ≤ ${name} < r)`);
}
