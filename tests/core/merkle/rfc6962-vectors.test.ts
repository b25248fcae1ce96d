import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { decodeBase64 } from "@/core/encoding";
import {
  rootFromInclusionProof,
  verifyConsistency,
  verifyInclusion,
  verifySubtreeConsistency,
  verifySubtreeInclusion,
} from "@/core/merkle";

// Conformance against transparency-dev/merkle's testdata, copied unchanged into
// shared/vectors/rfc6962 (see its README). Every case must behave as labelled: wantErr:false
// verifies, wantErr:true is rejected by returning false or by throwing. The folder must exist: a
// missing shared/ fails the suite instead of skipping it.
const VECTORS = path.resolve(import.meta.dirname, "../../..", "../shared/vectors/rfc6962");

interface Vector {
  readonly file: string;
  readonly data: Record<string, unknown>;
}

function loadVectors(folder: string): Vector[] {
  const root = path.join(VECTORS, folder);
  const out: Vector[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith(".json")) {
        // Sizes go up to 2^63 + 2, past Number.MAX_SAFE_INTEGER: quote integers before JSON.parse
        // so they can become bigints without rounding.
        const text = readFileSync(full, "utf8").replace(
          /"(leafIdx|treeSize|size1|size2|start|end|size)":\s*(\d+)/g,
          '"$1": "$2"',
        );
        out.push({ file: path.relative(VECTORS, full), data: JSON.parse(text) as Record<string, unknown> });
      }
    }
  };
  walk(root);
  return out;
}

const big = (value: unknown): bigint => BigInt(value as string);
const bytes = (value: unknown): Uint8Array => decodeBase64(value as string, "vector field");
const hashes = (value: unknown): Uint8Array[] => ((value as string[] | null) ?? []).map(bytes);

/** Runs `check` and reports whether it accepted: false for a false result or a thrown error. */
function accepted(check: () => boolean): boolean {
  try {
    return check();
  } catch (error) {
    // Only our argument errors count as rejections; anything else is a bug.
    if (error instanceof TypeError || error instanceof RangeError) return false;
    throw error;
  }
}

describe("rfc6962 vectors", () => {
  it("finds the shared vector folder", () => {
    expect(existsSync(VECTORS), `missing ${VECTORS}`).toBe(true);
  });

  describe("verifyInclusion", () => {
    const vectors = loadVectors("inclusion");
    it("has inclusion vectors", () => expect(vectors.length).toBeGreaterThan(90));
    it.each(vectors)("$file", ({ file, data }) => {
      const params = {
        index: big(data.leafIdx),
        size: big(data.treeSize),
        leafHash: bytes(data.leafHash),
        proof: hashes(data.proof),
        root: bytes(data.root),
      };
      expect(
        accepted(() => verifyInclusion(params)),
        `${file}: ${data.desc}`,
      ).toBe(!data.wantErr);
      if (!data.wantErr) {
        expect(rootFromInclusionProof(params), `${file}: root`).toEqual(params.root);
      }
    });
  });

  describe("verifyConsistency", () => {
    const vectors = loadVectors("consistency");
    it("has consistency vectors", () => expect(vectors.length).toBeGreaterThan(90));
    it.each(vectors)("$file", ({ file, data }) => {
      const params = {
        size1: big(data.size1),
        size2: big(data.size2),
        root1: bytes(data.root1),
        root2: bytes(data.root2),
        proof: hashes(data.proof),
      };
      expect(
        accepted(() => verifyConsistency(params)),
        `${file}: ${data.desc}`,
      ).toBe(!data.wantErr);
    });
  });

  describe("verifySubtreeInclusion", () => {
    const vectors = loadVectors("subtreeinclusion");
    it("has subtree inclusion vectors", () => expect(vectors.length).toBeGreaterThan(200));
    it.each(vectors)("$file", ({ file, data }) => {
      const params = {
        index: big(data.leafIdx),
        start: big(data.start),
        end: big(data.end),
        leafHash: bytes(data.leafHash),
        proof: hashes(data.proof),
        subtreeHash: bytes(data.root),
      };
      expect(
        accepted(() => verifySubtreeInclusion(params)),
        `${file}: ${data.desc}`,
      ).toBe(!data.wantErr);
    });
  });

  describe("verifySubtreeConsistency", () => {
    const vectors = loadVectors("subtreeconsistency");
    it("has subtree consistency vectors", () => expect(vectors.length).toBeGreaterThan(110));
    it.each(vectors)("$file", ({ file, data }) => {
      const params = {
        start: big(data.start),
        end: big(data.end),
        size: big(data.size),
        subtreeHash: bytes(data.root1),
        root: bytes(data.root2),
        proof: hashes(data.proof),
      };
      expect(
        accepted(() => verifySubtreeConsistency(params)),
        `${file}: ${data.desc}`,
      ).toBe(!data.wantErr);
    });
  });
});
