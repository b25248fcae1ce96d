import type { CompactRange } from "@/core/merkle";

/** The head row keeps the compact range as its hashes concatenated, 32 bytes each. */
export function encodeFrontier(range: CompactRange): Uint8Array {
  const out = new Uint8Array(range.hashes.length * 32);
  range.hashes.forEach((h, i) => {
    out.set(h, i * 32);
  });
  return out;
}

export function readFrontier(size: bigint, bytes: Uint8Array): CompactRange {
  let ones = 0;
  for (let s = size; s > 0n; s >>= 1n) if (s & 1n) ones++;
  if (bytes.length !== ones * 32) {
    throw new Error(
      `ledger head is corrupt: ${bytes.length} frontier bytes for size ${size} (want ${ones * 32})`,
    );
  }
  const hashes: Uint8Array[] = [];
  for (let i = 0; i < ones; i++) hashes.push(bytes.slice(i * 32, (i + 1) * 32));
  return { size, hashes };
}
