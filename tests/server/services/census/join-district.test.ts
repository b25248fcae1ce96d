import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Group } from "@semaphore-protocol/group";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MemoryLeanIMT } from "@/core/census";
import { SNARK_SCALAR_FIELD as R } from "@/core/entries";
import { type DatabaseHandle, openDatabase } from "@/server/db/client";
import { migrateDatabase } from "@/server/db/migrate-database";
import { censusInvitationCodes, censusMembers, censusNodes } from "@/server/db/schema";
import { hashInvitationCode } from "@/server/services/census/hash-invitation-code";
import { joinDistrict } from "@/server/services/census/join-district";
import { listMembers } from "@/server/services/census/list-members";
import { createTestDb, type TestDb } from "../../../helpers/create-test-db";
import { censusDistrict, censusEntries, commitment } from "./census-fixtures";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.close());

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => "accepted",
    (e: { code?: string }) => e.code ?? String(e),
  );

describe("joinDistrict", () => {
  it("adds the commitment to the code's district, spends the code and logs member_added with the new root and size", async () => {
    const { district, codes } = await censusDistrict(t.db, 3);
    const group = new Group();
    for (let i = 0; i < 3; i++) {
      const r = await joinDistrict(t.db, { code: codes[i] as string, commitment: commitment(i) });
      group.addMember(BigInt(commitment(i)));
      expect(r).toMatchObject({
        districtId: district.id,
        memberIndex: i,
        root: group.root.toString(),
        size: i + 1,
        depth: group.depth,
      });
    }
    const entries = await censusEntries(t.db, district.id);
    expect(entries.map((e) => e.entry)).toEqual(
      [0, 1, 2].map((i) => {
        const g = new Group([0, 1, 2].slice(0, i + 1).map((j) => BigInt(commitment(j))));
        return {
          v: 1,
          type: "member_added",
          districtId: district.id,
          commitment: commitment(i),
          memberIndex: i,
          root: g.root.toString(),
          size: i + 1,
        };
      }),
    );
    const used = await t.db
      .select({ used: censusInvitationCodes.used })
      .from(censusInvitationCodes)
      .where(eq(censusInvitationCodes.districtId, district.id));
    expect(used.every((u) => u.used)).toBe(true);
  });

  it("accepts the code typed in lower case with spaces", async () => {
    const { codes } = await censusDistrict(t.db, 1);
    const typed = ` ${(codes[0] as string).toLowerCase().replaceAll("-", " ")} `;
    expect((await joinDistrict(t.db, { code: typed, commitment: commitment(0) })).memberIndex).toBe(0);
  });

  it.each([
    ["0 (a removed member's value)", "0"],
    ["r", R.toString()],
    ["r + 1", (R + 1n).toString()],
    ["a negative number", "-5"],
    ["a leading zero", "0123"],
    ["hexadecimal", "0x1f"],
    ["an exponent", "1e5"],
    ["words", "my commitment"],
    ["nothing", ""],
  ])("refuses a commitment that is %s with INVALID_COMMITMENT, leaving the code unused", async (_, value) => {
    const { codes } = await censusDistrict(t.db, 1);
    expect(await refusal(joinDistrict(t.db, { code: codes[0] as string, commitment: value }))).toBe(
      "INVALID_COMMITMENT",
    );
    expect((await joinDistrict(t.db, { code: codes[0] as string, commitment: commitment(1) })).size).toBe(1);
  });

  it.each([
    ["malformed", "not-a-code"],
    ["well formed but never issued", "2222-3333-4444-5555"],
    ["one symbol off", null],
  ])("refuses a code that is %s with INVALID_CODE", async (_, value) => {
    const { codes } = await censusDistrict(t.db, 1);
    const real = codes[0] as string;
    const code = value ?? `${real.slice(0, -1)}${real.endsWith("Z") ? "Y" : "Z"}`;
    expect(await refusal(joinDistrict(t.db, { code, commitment: commitment(0) }))).toBe("INVALID_CODE");
  });

  it("refuses a code of another district than the one asked for with WRONG_DISTRICT, leaving it unused", async () => {
    const a = await censusDistrict(t.db, 1);
    const b = await censusDistrict(t.db, 1);
    const code = a.codes[0] as string;
    expect(
      await refusal(joinDistrict(t.db, { code, commitment: commitment(0), districtId: b.district.id })),
    ).toBe("WRONG_DISTRICT");
    const r = await joinDistrict(t.db, { code, commitment: commitment(0), districtId: a.district.id });
    expect(r).toMatchObject({ districtId: a.district.id, memberIndex: 0 });
  });

  it("refuses a code used before with CODE_USED", async () => {
    const { codes } = await censusDistrict(t.db, 1);
    await joinDistrict(t.db, { code: codes[0] as string, commitment: commitment(0) });
    expect(await refusal(joinDistrict(t.db, { code: codes[0] as string, commitment: commitment(1) }))).toBe(
      "CODE_USED",
    );
  });

  it("refuses a commitment already in the district with ALREADY_MEMBER, leaving the second code unused", async () => {
    const { district, codes } = await censusDistrict(t.db, 2);
    await joinDistrict(t.db, { code: codes[0] as string, commitment: commitment(0) });
    expect(await refusal(joinDistrict(t.db, { code: codes[1] as string, commitment: commitment(0) }))).toBe(
      "ALREADY_MEMBER",
    );
    const [second] = await t.db
      .select({ used: censusInvitationCodes.used })
      .from(censusInvitationCodes)
      .where(eq(censusInvitationCodes.codeHash, await hashInvitationCode(t.db, codes[1] as string)));
    expect(second?.used).toBe(false);
    expect((await listMembers(t.db, district.id)).size).toBe(1);
  });

  it("lets the same commitment join another district (each census is separate)", async () => {
    const a = await censusDistrict(t.db, 1);
    const b = await censusDistrict(t.db, 1);
    await joinDistrict(t.db, { code: a.codes[0] as string, commitment: commitment(7) });
    const r = await joinDistrict(t.db, { code: b.codes[0] as string, commitment: commitment(7) });
    expect(r).toMatchObject({ districtId: b.district.id, memberIndex: 0 });
  });

  it("serializes 20 concurrent joins in one district: distinct indices, and the final root equals a recomputation", async () => {
    const { district, codes } = await censusDistrict(t.db, 25);
    // Five members first, so the concurrent joins also cross a depth change (8 → 16 → 32).
    for (let i = 0; i < 5; i++)
      await joinDistrict(t.db, { code: codes[i] as string, commitment: commitment(i) });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, k) =>
        joinDistrict(t.db, { code: codes[5 + k] as string, commitment: commitment(5 + k) }),
      ),
    );
    expect(results.map((r) => r.memberIndex).sort((x, y) => x - y)).toEqual(
      Array.from({ length: 20 }, (_, k) => 5 + k),
    );
    const list = await listMembers(t.db, district.id);
    expect(list.size).toBe(25);
    const recomputed = MemoryLeanIMT.fromLeaves(list.members.map(BigInt));
    expect(list.root).toBe(recomputed.root.toString());
    // The ledger tells the same story: replaying member_added entries in order gives each root.
    const replay = new Group();
    for (const { entry } of await censusEntries(t.db, district.id)) {
      if (entry.type !== "member_added") throw new Error("unexpected entry");
      expect(entry.memberIndex).toBe(replay.size);
      replay.addMember(BigInt(entry.commitment));
      expect(entry.root).toBe(replay.root.toString());
      expect(entry.size).toBe(replay.size);
    }
    expect(replay.root.toString()).toBe(list.root);
    // Every node the tree has is stored exactly once.
    const stored = await t.db.select().from(censusNodes).where(eq(censusNodes.districtId, district.id));
    expect(stored.length).toBe(25 + 13 + 7 + 4 + 2 + 1);
  });

  it("keeps the code-to-member link the council needs for removals", async () => {
    const { district, codes } = await censusDistrict(t.db, 1);
    await joinDistrict(t.db, { code: codes[0] as string, commitment: commitment(3) });
    const [row] = await t.db
      .select()
      .from(censusMembers)
      .where(and(eq(censusMembers.districtId, district.id), eq(censusMembers.memberIndex, 0)));
    expect(row?.codeHash).toEqual(await hashInvitationCode(t.db, codes[0] as string));
  });
});

describe("joinDistrict after a restart", () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), "plaza-census-"));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  function joinInFreshProcess(
    target: string,
    code: string,
    value: string,
  ): Promise<{ root: string; size: number }> {
    return new Promise((resolve, reject) => {
      const child = spawn(
        process.execPath,
        ["--import", "tsx", path.join(import.meta.dirname, "fixtures/join-worker.ts"), target, code, value],
        { cwd: path.resolve(import.meta.dirname, "../../../..") },
      );
      let out = "";
      let err = "";
      child.stdout.on("data", (d: Buffer) => {
        out += d.toString();
      });
      child.stderr.on("data", (d: Buffer) => {
        err += d.toString();
      });
      child.on("exit", (status) => {
        if (status === 0) resolve(JSON.parse(out));
        else reject(new Error(`join worker failed (${status}): ${err}`));
      });
    });
  }

  it("continues from the stored nodes in a fresh process, with the root @semaphore-protocol/group computes", async () => {
    const postgres = process.env.PLAZA_TEST_DB === "postgres";
    // PGlite keeps one writer per data directory, so that run uses its own directory, closed
    // before the worker opens it; PostgreSQL runs share the test database.
    let h: DatabaseHandle = t;
    if (!postgres) {
      h = await openDatabase({ kind: "pglite", dataDir });
      await migrateDatabase(h);
    }
    const { codes } = await censusDistrict(h.db, 12);
    const group = new Group();
    for (let i = 0; i < 9; i++) {
      await joinDistrict(h.db, { code: codes[i] as string, commitment: commitment(100 + i) });
      group.addMember(BigInt(commitment(100 + i)));
    }
    if (!postgres) await h.close();
    const target = postgres ? (t.url as string) : dataDir;
    for (let i = 9; i < 11; i++) {
      const r = await joinInFreshProcess(target, codes[i] as string, commitment(100 + i));
      group.addMember(BigInt(commitment(100 + i)));
      expect(r).toMatchObject({ root: group.root.toString(), size: i + 1 });
    }
  }, 120_000);
});
