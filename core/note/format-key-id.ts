/** Key ID as the 8 lowercase hex digits used in key strings ("c74f20a3"). */
export function formatKeyId(keyId: number): string {
  if (!Number.isInteger(keyId) || keyId < 0 || keyId > 0xffffffff) {
    throw new RangeError(`keyId must be a uint32, got ${keyId}`);
  }
  return keyId.toString(16).padStart(8, "0");
}
