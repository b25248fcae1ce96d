// Argument checks shared by the protocol modules. They follow noble's `abytes`/`anumber` and
// Semaphore's convention (see shared/STYLE.md): malformed input throws a TypeError (wrong type or
// byte length) or RangeError (value out of range) whose message names the parameter, so a caller
// bug is loud, while a well-formed but wrong proof or signature makes the verifier return false.

/** Largest value of a uint64, the type of every tree size and index in RFC 6962 and C2SP. */
export const MAX_UINT64 = (1n << 64n) - 1n;

/** SHA-256 output length: every Merkle tree hash in RFC 6962 / RFC 9162 is this long. */
export const HASH_SIZE = 32;

/** Short description of a value for error messages, without dumping large buffers. */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (value instanceof Uint8Array) return `Uint8Array(${value.length})`;
  if (Array.isArray(value)) return `array(${value.length})`;
  if (typeof value === "string") return value.length > 40 ? `string(${value.length})` : JSON.stringify(value);
  if (typeof value === "bigint") return `${value}n`;
  return typeof value;
}

export function assertBigint(value: unknown, name: string): asserts value is bigint {
  if (typeof value !== "bigint") throw new TypeError(`${name} must be a bigint, got ${describeValue(value)}`);
}

/** Checks a tree size or index: a bigint in [0, 2^64). */
export function assertUint64(value: unknown, name: string): asserts value is bigint {
  assertBigint(value, name);
  if (value < 0n || value > MAX_UINT64) {
    throw new RangeError(`${name} must be in [0, 2^64), got ${value}`);
  }
}

export function assertBytes(value: unknown, name: string, length?: number): asserts value is Uint8Array {
  if (!(value instanceof Uint8Array)) {
    throw new TypeError(`${name} must be a Uint8Array, got ${describeValue(value)}`);
  }
  if (length !== undefined && value.length !== length) {
    throw new TypeError(`${name} must be ${length} bytes, got ${value.length}`);
  }
}

/** Checks a SHA-256 Merkle tree hash: exactly 32 bytes. */
export function assertHash(value: unknown, name: string): asserts value is Uint8Array {
  assertBytes(value, name, HASH_SIZE);
}

/** Checks a proof: an array of 32-byte hashes, naming the bad element (`proof[3]`). */
export function assertHashList(value: unknown, name: string): asserts value is readonly Uint8Array[] {
  if (!Array.isArray(value))
    throw new TypeError(`${name} must be an array of hashes, got ${describeValue(value)}`);
  value.forEach((item, i) => {
    assertHash(item, `${name}[${i}]`);
  });
}

export function assertString(value: unknown, name: string): asserts value is string {
  if (typeof value !== "string") throw new TypeError(`${name} must be a string, got ${describeValue(value)}`);
}

export function assertFunction(value: unknown, name: string): asserts value is (...args: never[]) => unknown {
  if (typeof value !== "function")
    throw new TypeError(`${name} must be a function, got ${describeValue(value)}`);
}

export function assertObject(value: unknown, name: string): asserts value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new TypeError(`${name} must be an object, got ${describeValue(value)}`);
  }
}
