/**
 * The sections of an iden3 binary file (`.r1cs`, `.zkey`, `.wtns`): a 4-byte type tag, a u32
 * version, a u32 section count, then `(u32 id, u64 size, bytes)` per section, all little-endian.
 * Read here directly, rather than through snarkjs internals, so the check compares the exact
 * bytes of the official files with the exact bytes the compiler produced.
 */
export function readBinFile(bytes: Uint8Array, type: "r1cs" | "zkey" | "wtns"): Map<number, Uint8Array> {
  const reader = new BinReader(bytes);
  const tag = new TextDecoder().decode(reader.bytes(4));
  if (tag !== type) throw new TypeError(`expected a ${type} file, found tag ${JSON.stringify(tag)}`);
  reader.u32(); // version: the layouts read below are the same in every version snarkjs 0.7 writes
  const count = reader.u32();
  const sections = new Map<number, Uint8Array>();
  for (let i = 0; i < count; i++) {
    const id = reader.u32();
    const size = reader.u64();
    if (sections.has(id)) throw new TypeError(`${type} file has section ${id} twice`);
    sections.set(id, reader.bytes(size));
  }
  return sections;
}

/** A bounds-checked little-endian cursor over a byte array; reading past the end throws `RangeError`. */
export class BinReader {
  private readonly view: DataView;
  offset = 0;

  constructor(private readonly data: Uint8Array) {
    this.view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  }

  get remaining(): number {
    return this.data.length - this.offset;
  }

  bytes(length: number): Uint8Array {
    if (!Number.isSafeInteger(length) || length < 0 || length > this.remaining) {
      throw new RangeError(`cannot read ${length} bytes at offset ${this.offset} of ${this.data.length}`);
    }
    const out = this.data.subarray(this.offset, this.offset + length);
    this.offset += length;
    return out;
  }

  u32(): number {
    const value = this.view.getUint32(this.at(4), true);
    this.offset += 4;
    return value;
  }

  u64(): number {
    const value = this.view.getBigUint64(this.at(8), true);
    if (value > BigInt(Number.MAX_SAFE_INTEGER))
      throw new RangeError(`u64 ${value} at offset ${this.offset} is too large`);
    this.offset += 8;
    return Number(value);
  }

  /** An unsigned little-endian integer of `length` bytes (a field element or a prime). */
  uintLE(length: number): bigint {
    return bytesToBigIntLE(this.bytes(length));
  }

  private at(length: number): number {
    if (length > this.remaining) throw new RangeError(`cannot read ${length} bytes at offset ${this.offset}`);
    return this.offset;
  }
}

export function bytesToBigIntLE(bytes: Uint8Array): bigint {
  let value = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i] as number);
  return value;
}

export function bigIntToBytesLE(value: bigint, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let rest = value;
  for (let i = 0; i < length; i++) {
    out[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  if (rest !== 0n) throw new RangeError(`${value} does not fit in ${length} bytes`);
  return out;
}
