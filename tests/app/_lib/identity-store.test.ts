import { IDBFactory } from "fake-indexeddb";
import { beforeEach, describe, expect, it } from "vitest";
import {
  beginJoin,
  confirmMember,
  getIdentity,
  getStoredIdentity,
  IdentityStoreError,
  importIdentity,
  listIdentities,
  type StoredIdentity,
} from "@/app/_lib/identity-store";
import { openIdbStore } from "@/app/_lib/open-idb-store";

const RIVERSIDE = "11111111-1111-4111-8111-111111111111";

function made(commitment: string, districtId = RIVERSIDE): Omit<StoredIdentity, "status"> {
  return {
    districtId,
    districtSlug: districtId === RIVERSIDE ? "riverside" : "old-town",
    districtName: districtId === RIVERSIDE ? "Riverside" : "Old Town",
    privateKey: `secret-of-${commitment}`,
    commitment,
    joinedAt: "2030-01-01T00:00:00.000Z",
  };
}

/** Why a call was refused: the identity store's code, or the error itself. */
async function refusal(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e instanceof IdentityStoreError ? e.code : e;
  }
  return "accepted";
}

beforeEach(() => {
  // A fresh, empty browser database for every test.
  globalThis.indexedDB = new IDBFactory();
});

describe("beginJoin", () => {
  it("keeps a new identity as pending before anything is sent, hidden from voting", async () => {
    const kept = await beginJoin(made("101"));
    expect(kept).toMatchObject({ commitment: "101", status: "pending" });
    expect(await getStoredIdentity(RIVERSIDE)).toMatchObject({ commitment: "101", status: "pending" });
    expect(await listIdentities()).toEqual([{ ...made("101"), status: "pending" }]);
    expect(await getIdentity(RIVERSIDE)).toBeUndefined();
  });

  it("reuses the identity already pending, so a retry sends the same commitment", async () => {
    await beginJoin(made("101"));
    const retry = await beginJoin(made("202"));
    expect(retry).toMatchObject({ commitment: "101", privateKey: "secret-of-101", status: "pending" });
    expect((await getStoredIdentity(RIVERSIDE))?.commitment).toBe("101");
  });

  it("refuses to replace a member identity (ALREADY_JOINED_HERE), leaving it as it was", async () => {
    await beginJoin(made("101"));
    await confirmMember(RIVERSIDE, "101");
    expect(await refusal(beginJoin(made("202")))).toBe("ALREADY_JOINED_HERE");
    expect(await getIdentity(RIVERSIDE)).toEqual({ ...made("101"), status: "member" });
  });

  it("keeps one identity per district, independently", async () => {
    const OLD_TOWN = "22222222-2222-4222-8222-222222222222";
    await beginJoin(made("101"));
    await beginJoin(made("303", OLD_TOWN));
    await confirmMember(OLD_TOWN, "303");
    expect((await listIdentities()).map((i) => [i.districtName, i.status])).toEqual([
      ["Old Town", "member"],
      ["Riverside", "pending"],
    ]);
  });
});

describe("confirmMember", () => {
  it("marks the pending identity a member, which can then vote", async () => {
    await beginJoin(made("101"));
    expect(await confirmMember(RIVERSIDE, "101")).toBe(true);
    expect(await getIdentity(RIVERSIDE)).toEqual({ ...made("101"), status: "member" });
    expect(await confirmMember(RIVERSIDE, "101")).toBe(true);
  });

  it("does nothing for a commitment this browser no longer holds", async () => {
    await beginJoin(made("101"));
    expect(await confirmMember(RIVERSIDE, "999")).toBe(false);
    expect(await confirmMember("33333333-3333-4333-8333-333333333333", "101")).toBe(false);
    expect((await getStoredIdentity(RIVERSIDE))?.status).toBe("pending");
  });
});

describe("importIdentity", () => {
  it("keeps a backup's identity where the browser held none", async () => {
    await importIdentity({ ...made("101"), status: "member" }, undefined);
    expect(await getIdentity(RIVERSIDE)).toMatchObject({ commitment: "101", status: "member" });
  });

  it("replaces another identity only when told which one it replaces", async () => {
    await beginJoin(made("101"));
    await confirmMember(RIVERSIDE, "101");
    const backup = { ...made("202"), status: "member" as const };
    expect(await refusal(importIdentity(backup, undefined))).toBe("IDENTITY_CHANGED");
    expect(await refusal(importIdentity(backup, "303"))).toBe("IDENTITY_CHANGED");
    expect((await getIdentity(RIVERSIDE))?.commitment).toBe("101");
    await importIdentity(backup, "101");
    expect(await getIdentity(RIVERSIDE)).toEqual(backup);
  });

  it("promotes the same identity to member, but never demotes it", async () => {
    await beginJoin(made("101"));
    await importIdentity({ ...made("101"), status: "member" }, "101");
    expect((await getStoredIdentity(RIVERSIDE))?.status).toBe("member");
    await importIdentity({ ...made("101"), status: "pending" }, "101");
    expect((await getStoredIdentity(RIVERSIDE))?.status).toBe("member");
  });
});

describe("identities kept before the status existed", () => {
  it("reads them as members: they were only ever saved after a successful join", async () => {
    const { status: _none, ...legacy } = { ...made("101"), status: "member" };
    await openIdbStore<Omit<StoredIdentity, "status">>("identities").put(legacy);
    expect(await getIdentity(RIVERSIDE)).toEqual({ ...legacy, status: "member" });
    expect(await refusal(beginJoin(made("202")))).toBe("ALREADY_JOINED_HERE");
  });
});
