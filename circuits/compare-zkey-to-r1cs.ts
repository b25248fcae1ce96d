import { BinReader, bigIntToBytesLE, readBinFile } from "./read-bin-file";

export type TZkeyR1csComparison =
  | {
      ok: true;
      nConstraints: number;
      nVars: number;
      nPublic: number;
      domainSize: number;
      nCoefficients: number;
    }
  | { ok: false; reason: string };

const GROTH16 = 1;

/**
 * Whether a Groth16 proving key was set up for exactly this constraint system.
 *
 * A proof that verifies only shows that the key accepts one honest witness; a key set up for a
 * weaker circuit (say, without the Merkle membership constraints) would accept it too, and would
 * also accept forgeries. So this compares what the key itself records about the circuit, the way
 * `snarkjs zkey new` writes it from the `.r1cs`:
 * - the scalar field, the number of wires, of public signals, and the evaluation domain size;
 * - section 4, every non-zero coefficient of the A and B matrices, constraint by constraint and in
 *   order, followed by the `1 * public_i` rows snarkjs appends so public inputs are bound to the proof.
 *   C is not stored: the prover derives it from A·w and B·w.
 *
 * What this cannot show without the powers-of-tau file is that the key's curve points were
 * computed from these matrices (`snarkjs zkey verify`); the proof round trip covers the practical
 * side of that, since points from another circuit would not yield a verifying proof.
 */
export function compareZkeyToR1cs(zkeyBytes: Uint8Array, r1csBytes: Uint8Array): TZkeyR1csComparison {
  const r1cs = readR1cs(r1csBytes);
  const zkey = readBinFile(zkeyBytes, "zkey");

  const protocol = new BinReader(section(zkey, 1, "zkey")).u32();
  if (protocol !== GROTH16) return { ok: false, reason: `zkey protocol id is ${protocol}, not Groth16 (1)` };

  const header = new BinReader(section(zkey, 2, "zkey"));
  header.uintLE(header.u32()); // q, the base field prime: implied by r for bn128
  const n8r = header.u32();
  const r = header.uintLE(n8r);
  const nVars = header.u32();
  const nPublic = header.u32();
  const domainSize = header.u32();

  if (r !== r1cs.prime)
    return { ok: false, reason: `zkey scalar field ${r} differs from the circuit's ${r1cs.prime}` };
  if (nVars !== r1cs.nWires)
    return { ok: false, reason: `zkey has ${nVars} wires, the circuit ${r1cs.nWires}` };
  const circuitPublic = r1cs.nOutputs + r1cs.nPublicInputs;
  if (nPublic !== circuitPublic) {
    return { ok: false, reason: `zkey has ${nPublic} public signals, the circuit ${circuitPublic}` };
  }
  // snarkjs picks the smallest power of two strictly above nConstraints + nPublic - 1.
  const expectedDomain = 2 ** (Math.floor(Math.log2(r1cs.nConstraints + nPublic)) + 1);
  if (domainSize !== expectedDomain) {
    return { ok: false, reason: `zkey domain size is ${domainSize}, the circuit needs ${expectedDomain}` };
  }

  const expected = expectedCoefficients(r1cs, nPublic, n8r);
  const actual = section(zkey, 4, "zkey");
  if (Buffer.compare(Buffer.from(actual), Buffer.from(expected.bytes)) !== 0) {
    return { ok: false, reason: firstDifference(actual, expected.bytes, n8r) };
  }
  return {
    ok: true,
    nConstraints: r1cs.nConstraints,
    nVars,
    nPublic,
    domainSize,
    nCoefficients: expected.count,
  };
}

interface TR1cs {
  prime: bigint;
  n8: number;
  nWires: number;
  nOutputs: number;
  nPublicInputs: number;
  nConstraints: number;
  constraints: Uint8Array;
}

function readR1cs(bytes: Uint8Array): TR1cs {
  const sections = readBinFile(bytes, "r1cs");
  const header = new BinReader(section(sections, 1, "r1cs"));
  const n8 = header.u32();
  const prime = header.uintLE(n8);
  const nWires = header.u32();
  const nOutputs = header.u32();
  const nPublicInputs = header.u32();
  header.u32(); // private inputs
  header.u64(); // labels
  const nConstraints = header.u32();
  return {
    prime,
    n8,
    nWires,
    nOutputs,
    nPublicInputs,
    nConstraints,
    constraints: section(sections, 2, "r1cs"),
  };
}

/**
 * Section 4 as `snarkjs zkey new` would write it: a u32 count, then `(u32 matrix, u32 constraint,
 * u32 signal, value)` with matrix 0 = A, 1 = B and value = coefficient * R^2 mod r, R = 2^(8 * n8r)
 * (ffjavascript's Montgomery form, stored as a plain little-endian number).
 */
function expectedCoefficients(
  r1cs: TR1cs,
  nPublic: number,
  n8r: number,
): { bytes: Uint8Array; count: number } {
  const montgomery = 2n ** BigInt(8 * n8r) % r1cs.prime;
  const r2 = (montgomery * montgomery) % r1cs.prime;
  const entries: Uint8Array[] = [];
  const entry = (matrix: number, constraint: number, signal: number, value: bigint) => {
    const out = new Uint8Array(12 + n8r);
    const view = new DataView(out.buffer);
    view.setUint32(0, matrix, true);
    view.setUint32(4, constraint, true);
    view.setUint32(8, signal, true);
    out.set(bigIntToBytesLE((value * r2) % r1cs.prime, n8r), 12);
    entries.push(out);
  };

  const reader = new BinReader(r1cs.constraints);
  for (let c = 0; c < r1cs.nConstraints; c++) {
    for (let matrix = 0; matrix < 3; matrix++) {
      const terms = reader.u32();
      for (let t = 0; t < terms; t++) {
        const signal = reader.u32();
        const value = reader.uintLE(r1cs.n8);
        if (matrix < 2) entry(matrix, c, signal, value);
      }
    }
  }
  if (reader.remaining !== 0)
    throw new TypeError(`r1cs constraints section has ${reader.remaining} trailing bytes`);
  for (let s = 0; s <= nPublic; s++) entry(0, r1cs.nConstraints + s, s, 1n);

  const bytes = new Uint8Array(4 + entries.length * (12 + n8r));
  new DataView(bytes.buffer).setUint32(0, entries.length, true);
  entries.forEach((e, i) => {
    bytes.set(e, 4 + i * e.length);
  });
  return { bytes, count: entries.length };
}

function firstDifference(actual: Uint8Array, expected: Uint8Array, n8r: number): string {
  const head = (b: Uint8Array) =>
    b.length >= 4 ? new DataView(b.buffer, b.byteOffset).getUint32(0, true) : -1;
  if (head(actual) !== head(expected)) {
    return `zkey has ${head(actual)} A/B coefficients, the circuit ${head(expected)}`;
  }
  const size = 12 + n8r;
  for (let i = 0; 4 + i * size < expected.length; i++) {
    const at = 4 + i * size;
    const a = actual.subarray(at, at + size);
    const e = expected.subarray(at, at + size);
    if (Buffer.compare(Buffer.from(a), Buffer.from(e)) !== 0) {
      const v = new DataView(e.buffer, e.byteOffset);
      const [matrix, constraint, signal] = [v.getUint32(0, true), v.getUint32(4, true), v.getUint32(8, true)];
      return `zkey coefficient ${i} differs from the circuit's (${matrix === 0 ? "A" : "B"}, constraint ${constraint}, signal ${signal})`;
    }
  }
  return "zkey coefficients section has a different length than the circuit's";
}

function section(sections: Map<number, Uint8Array>, id: number, type: string): Uint8Array {
  const found = sections.get(id);
  if (!found) throw new TypeError(`${type} file has no section ${id}`);
  return found;
}
