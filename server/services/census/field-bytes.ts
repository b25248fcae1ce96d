/**
 * Census node hashes are stored as 32-byte big-endian field elements (bytea): half the size of
 * their decimal form and compared byte for byte. The ledger and the API speak canonical decimal.
 */
export function fieldToBytes(value: bigint): Uint8Array {
  if (value < 0n || value >= 1n << 256n) throw new RangeError("field element out of range");
  const out = new Uint8Array(32);
  let v = value;
  for (let i = 31; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

export function bytesToField(bytes: Uint8Array): bigint {
  if (bytes.length !== 32)
    throw new TypeError(`a stored field element must be 32 bytes, got ${bytes.length}`);
  let hex = "0x";
  for (const b of bytes) hex += b.toString(16).padStart(2, "0");
  return BigInt(hex);
}
