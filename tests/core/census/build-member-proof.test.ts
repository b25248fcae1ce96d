import { Group } from "@semaphore-protocol/group";
import { Identity } from "@semaphore-protocol/identity";
import { generateProof, verifyProof } from "@semaphore-protocol/proof";
import { LeanIMT } from "@zk-kit/lean-imt";
import { poseidon2 as litePoseidon2 } from "poseidon-lite/poseidon2";
import { describe, expect, it } from "vitest";
import { buildMemberProof, type CensusMerkleProof, verifyMemberProof } from "@/core/census";
import { SNARK_SCALAR_FIELD as R } from "@/core/entries";
import { artifactPath } from "@/server/zk/artifact-path";

const lean = (a: bigint, b: bigint) => litePoseidon2([a, b]);

/** A census that grew by joins and removals, as the server's would. */
function census(size: number, removed: number[]) {
  const group = new Group();
  const identities = Array.from({ length: size }, (_, i) => new Identity(`census-member-${i}`));
  for (const id of identities) group.addMember(id.commitment);
  for (const i of removed) group.removeMember(i);
  return { group, identities };
}

describe("buildMemberProof", () => {
  it("builds, from the member list with zeros for removed members, the proof @semaphore-protocol/group gives", () => {
    const { group, identities } = census(13, [3, 12, 6]);
    for (const index of [0, 1, 2, 5, 11]) {
      const commitment = (identities[index] as Identity).commitment;
      const proof = buildMemberProof(group.members, commitment);
      expect(proof, `member ${index}`).toEqual(group.generateMerkleProof(index));
      expect(verifyMemberProof(proof as CensusMerkleProof)).toBe(true);
      expect(LeanIMT.verifyProof(proof as CensusMerkleProof, lean)).toBe(true);
    }
  });

  it("returns null for a commitment that is not (or no longer) a member", () => {
    const { group, identities } = census(5, [2]);
    expect(buildMemberProof(group.members, (identities[2] as Identity).commitment)).toBeNull();
    expect(buildMemberProof(group.members, 12345n)).toBeNull();
    expect(buildMemberProof([], 12345n)).toBeNull();
  });

  it("proves a single member (depth 0, no siblings)", () => {
    const proof = buildMemberProof([42n], 42n);
    expect(proof).toEqual({ root: 42n, leaf: 42n, index: 0, siblings: [] });
  });

  it("gives a path a Semaphore v4 proof verifies with", async () => {
    const { group, identities } = census(6, [1, 4]);
    const me = identities[5] as Identity;
    const merkleProof = buildMemberProof(group.members, me.commitment) as CensusMerkleProof;
    const depth = Math.max(1, merkleProof.siblings.length);
    const proof = await generateProof(me, merkleProof, "ballot", "poll-1", depth, {
      wasm: artifactPath(depth, "wasm"),
      zkey: artifactPath(depth, "zkey"),
    });
    expect(BigInt(proof.merkleTreeRoot)).toBe(group.root);
    expect(await verifyProof(proof)).toBe(true);
  }, 60_000);

  it.each([
    ["commitment 0", () => buildMemberProof([1n], 0n), RangeError],
    ["commitment r", () => buildMemberProof([1n], R), RangeError],
    ["members that are not an array", () => buildMemberProof("1,2" as unknown as bigint[], 1n), TypeError],
    ["a member that is not a field element", () => buildMemberProof([1n, R + 1n], 1n), RangeError],
    ["a member that is not a bigint", () => buildMemberProof([1n, "2" as unknown as bigint], 1n), TypeError],
  ])("rejects %s", (_, call, type) => {
    expect(call).toThrow(type);
  });
});

describe("verifyMemberProof", () => {
  const { group } = census(9, [4]);
  const good = group.generateMerkleProof(2);

  it("returns false for a well-formed proof of another root, leaf or position", () => {
    expect(verifyMemberProof({ ...good, root: good.root + 1n })).toBe(false);
    expect(verifyMemberProof({ ...good, leaf: 1n })).toBe(false);
    expect(verifyMemberProof({ ...good, index: good.index ^ 1 })).toBe(false);
    expect(verifyMemberProof({ ...good, siblings: [...good.siblings].reverse() })).toBe(false);
  });

  it.each([
    ["no object", null, TypeError],
    ["a string root", { ...good, root: "1" }, TypeError],
    ["siblings that are not bigints", { ...good, siblings: [1] }, TypeError],
    ["an index beyond 2^siblings", { ...good, index: 2 ** good.siblings.length }, RangeError],
    ["a negative index", { ...good, index: -1 }, RangeError],
  ])("rejects %s", (_, proof, type) => {
    expect(() => verifyMemberProof(proof as CensusMerkleProof)).toThrow(type);
  });
});
