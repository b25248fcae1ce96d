import { Group } from "@semaphore-protocol/group";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { joinDistrict } from "@/server/services/census/join-district";
import { listMembers } from "@/server/services/census/list-members";
import { removeMember } from "@/server/services/census/remove-member";
import { createTestDb, type TestDb } from "../../../helpers/create-test-db";
import { censusDistrict, censusEntries } from "./census-fixtures";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.close());

type Op = { kind: "join" } | { kind: "remove"; pick: number };
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ kind: "join" as const }) },
  { weight: 1, arbitrary: fc.nat().map((pick) => ({ kind: "remove" as const, pick })) },
);

describe("joinDistrict and removeMember, in any order", () => {
  it("keep the stored census, its ledger entries and the member list equal to @semaphore-protocol/group's", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(op, { minLength: 1, maxLength: 20, size: "max" }),
        fc.nat(),
        async (ops, seed) => {
          const { district, council, codes } = await censusDistrict(t.db, ops.length);
          const group = new Group();
          const codeOf: string[] = [];
          let next = 0;
          for (const o of ops) {
            if (o.kind === "join") {
              const value = BigInt(seed) * 1_000_003n + BigInt(next) + 1n;
              const code = codes[next++] as string;
              const r = await joinDistrict(t.db, { code, commitment: value.toString() });
              group.addMember(value);
              codeOf[r.memberIndex] = code;
              expect(r.root).toBe(group.root.toString());
            } else {
              const live = group.members.flatMap((m, i) => (m === 0n ? [] : [i]));
              if (live.length === 0) continue;
              const index = live[o.pick % live.length] as number;
              const r = await removeMember(t.db, council, {
                districtId: district.id,
                code: codeOf[index] as string,
                reason: "property test",
              });
              group.removeMember(index);
              expect(r).toMatchObject({ memberIndex: index, root: group.root.toString(), size: group.size });
            }
          }
          const list = await listMembers(t.db, district.id);
          expect(list.members).toEqual(group.members.map(String));
          expect(list.root).toBe(group.root.toString());
          expect(list.depth).toBe(group.depth);
          // Replaying the ledger alone reproduces every root.
          const replay = new Group();
          for (const { entry } of await censusEntries(t.db, district.id)) {
            if (entry.type === "member_added") replay.addMember(BigInt(entry.commitment));
            else if (entry.type === "member_removed") replay.removeMember(entry.memberIndex);
            expect("root" in entry && entry.root).toBe(replay.root.toString());
          }
        },
      ),
      { numRuns: 12 },
    );
  });
});
