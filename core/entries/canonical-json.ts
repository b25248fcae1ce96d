/**
 * Canonical JSON for ledger entries: the RFC 8785 (JSON Canonicalization Scheme) serialisation
 * restricted to what entries contain (objects, arrays, strings, safe integers, booleans, null).
 * For that subset JCS is exactly ECMAScript JSON.stringify with object members sorted by their
 * UTF-16 code units and no white space, so any JCS library reproduces Plaza's entry bytes.
 * Fractions, non-finite numbers and integers beyond 2^53 are refused: entries carry large values
 * (field elements, roots) as decimal strings instead, so no reader ever loses precision.
 */
export function canonicalJson(value: unknown): string {
  return serialise(value, "value");
}

function serialise(value: unknown, path: string): string {
  if (value === null || typeof value === "boolean" || typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value)) throw new TypeError(`${path} must be a safe integer, got ${value}`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v, i) => serialise(v, `${path}[${i}]`)).join(",")}]`;
  if (typeof value === "object") {
    if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) {
      throw new TypeError(`${path} must be a plain object`);
    }
    const keys = Object.keys(value).sort(compareUtf16);
    const members: string[] = [];
    for (const k of keys) {
      const v = (value as Record<string, unknown>)[k];
      if (v === undefined) throw new TypeError(`${path}.${k} is undefined`);
      members.push(`${JSON.stringify(k)}:${serialise(v, `${path}.${k}`)}`);
    }
    return `{${members.join(",")}}`;
  }
  throw new TypeError(`${path} has unsupported type ${typeof value}`);
}

/** JCS sorts member names by UTF-16 code units, which is what < on JS strings compares. */
function compareUtf16(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
