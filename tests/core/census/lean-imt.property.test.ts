import { Group } from "@semaphore-protocol/group";
import { LeanIMT } from "@zk-kit/lean-imt";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type CensusHash,
  type CensusNodeId,
  insertLeaf,
  leanIMTDepth,
  MemoryLeanIMT,
  siblingsForInsert,
  siblingsForUpdate,
  updateLeaf,
} from "@/core/census";
import { SNARK_SCALAR_FIELD as R } from "@/core/entries";

// A cheap, order-sensitive stand-in for Poseidon: the tree's shape rules are what these
// properties check, over many more cases than real hashes would allow.
const cheap: CensusHash = (a, b) => (a * 1_000_003n + b * 7n + 11n) % R;

type Op =
  | { kind: "add"; value: bigint }
  | { kind: "remove"; pick: number }
  | { kind: "update"; pick: number; value: bigint };
const member = fc.bigInt({ min: 1n, max: R - 1n });
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: member.map((value) => ({ kind: "add" as const, value })) },
  { weight: 2, arbitrary: fc.nat().map((pick) => ({ kind: "remove" as const, pick })) },
  {
    weight: 1,
    arbitrary: fc.record({ pick: fc.nat(), value: member }).map((o) => ({ kind: "update" as const, ...o })),
  },
);

/** A store that holds only what insertLeaf / updateLeaf wrote, and records what they read. */
class RecordingStore {
  readonly nodes = new Map<string, bigint>();
  reads: string[] = [];
  size = 0;
  lookup = (level: number, index: number) => {
    this.reads.push(`${level}/${index}`);
    return this.nodes.get(`${level}/${index}`);
  };
  write(change: { size: number; nodes: readonly { level: number; index: number; hash: bigint }[] }) {
    for (const n of change.nodes) this.nodes.set(`${n.level}/${n.index}`, n.hash);
    this.size = change.size;
  }
}
const keys = (ids: readonly CensusNodeId[]) => ids.map((i) => `${i.level}/${i.index}`).sort();

describe("census LeanIMT (insertLeaf, updateLeaf, MemoryLeanIMT)", () => {
  it("gives @zk-kit/lean-imt's roots and depths after any sequence of inserts, updates and removals", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 120, size: "max" }), (ops) => {
        const reference = new LeanIMT<bigint>(cheap);
        const memory = new MemoryLeanIMT(cheap);
        const store = new RecordingStore();
        for (const o of ops) {
          const live = reference.leaves.flatMap((l, i) => (l === 0n ? [] : [i]));
          if (o.kind === "add") {
            reference.insert(o.value);
            memory.insert(o.value);
            const expected = keys(siblingsForInsert(store.size));
            store.reads = [];
            const change = insertLeaf({ size: store.size, leaf: o.value, lookup: store.lookup, hash: cheap });
            // It reads exactly the siblings it announced, so a database can prefetch them.
            expect(store.reads.sort()).toEqual(expected);
            store.write(change);
            expect(change.nodes.length).toBe(change.depth + 1);
          } else {
            if (live.length === 0) continue;
            const index = live[o.pick % live.length] as number;
            const value = o.kind === "remove" ? 0n : o.value;
            reference.update(index, value);
            memory.update(index, value);
            const expected = keys(siblingsForUpdate(store.size, index));
            store.reads = [];
            const change = updateLeaf({
              size: store.size,
              index,
              leaf: value,
              lookup: store.lookup,
              hash: cheap,
            });
            expect(store.reads.sort()).toEqual(expected);
            store.write(change);
          }
          const root = reference.root ?? 0n;
          expect(memory.root).toBe(root);
          expect(store.nodes.get(`${reference.depth}/0`)).toBe(reference.root);
          expect(memory.depth).toBe(reference.depth);
          expect(leanIMTDepth(reference.size)).toBe(reference.depth);
        }
        // Building the same leaves in one pass gives the same tree (zeros included).
        expect(MemoryLeanIMT.fromLeaves(reference.leaves, cheap).root).toBe(memory.root);
        // And every proof matches the reference's.
        for (let i = 0; i < reference.size; i += Math.max(1, Math.floor(reference.size / 7))) {
          expect(memory.generateProof(i)).toEqual(reference.generateProof(i));
        }
      }),
      { numRuns: 300 },
    );
  });

  it("gives @semaphore-protocol/group's roots with Poseidon after random joins and removals", () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 40, size: "max" }), (ops) => {
        const group = new Group();
        const memory = new MemoryLeanIMT();
        for (const o of ops) {
          const live = group.members.flatMap((m, i) => (m === 0n ? [] : [i]));
          if (o.kind === "add") {
            group.addMember(o.value);
            memory.insert(o.value);
          } else if (live.length > 0) {
            const index = live[o.pick % live.length] as number;
            if (o.kind === "remove") {
              group.removeMember(index);
              memory.remove(index);
            } else {
              group.updateMember(index, o.value);
              memory.update(index, o.value);
            }
          }
          expect(memory.root).toBe(group.root);
          expect(memory.depth).toBe(group.depth);
        }
        expect(MemoryLeanIMT.fromLeaves(group.members).root).toBe(group.root);
      }),
      { numRuns: 25 },
    );
  });

  it("counts zero leaves as nodes, unlike @zk-kit/lean-imt 2.2.4's insertMany (zk-kit issue #419)", () => {
    const incremental = new LeanIMT<bigint>(cheap);
    incremental.insert(5n);
    incremental.insert(6n);
    incremental.insert(7n);
    incremental.update(2, 0n);
    expect(MemoryLeanIMT.fromLeaves([5n, 6n, 0n], cheap).root).toBe(incremental.root);
    // The bulk constructor skips the 0 at the right edge and gets another root.
    expect(new LeanIMT<bigint>(cheap, [5n, 6n, 0n]).root).not.toBe(incremental.root);
  });

  it("has depth ceil(log2(size))", () => {
    expect([0, 1, 2, 3, 4, 5, 8, 9, 1024, 1025, 100_000].map(leanIMTDepth)).toEqual([
      0, 0, 1, 2, 2, 3, 3, 4, 10, 11, 17,
    ]);
  });

  it("reads at most depth nodes per change and writes depth + 1", () => {
    expect(siblingsForInsert(100_000).length).toBeLessThanOrEqual(17);
    expect(siblingsForUpdate(100_001, 77).length).toBeLessThanOrEqual(17);
  });

  it("refuses a store that lost a sibling", () => {
    const tree = new MemoryLeanIMT(cheap);
    tree.insert(1n);
    expect(() => insertLeaf({ size: 1, leaf: 2n, lookup: () => undefined, hash: cheap })).toThrow(/missing/);
  });

  it.each([
    ["a negative size", () => siblingsForInsert(-1), RangeError],
    ["a fractional size", () => siblingsForInsert(1.5), TypeError],
    ["an index beyond the size", () => siblingsForUpdate(3, 3), RangeError],
    ["a leaf of r", () => insertLeaf({ size: 0, leaf: R, lookup: () => undefined }), RangeError],
    ["a negative leaf", () => insertLeaf({ size: 0, leaf: -1n, lookup: () => undefined }), RangeError],
    [
      "a number leaf",
      () => insertLeaf({ size: 0, leaf: 1 as unknown as bigint, lookup: () => undefined }),
      TypeError,
    ],
    [
      "an update past the end",
      () => updateLeaf({ size: 2, index: 2, leaf: 1n, lookup: () => 1n }),
      RangeError,
    ],
    ["a proof of a missing leaf", () => new MemoryLeanIMT().generateProof(0), RangeError],
    ["leaves that are not field elements", () => MemoryLeanIMT.fromLeaves([1n, R]), RangeError],
  ])("rejects %s", (_, call, type) => {
    expect(call).toThrow(type);
  });
});
