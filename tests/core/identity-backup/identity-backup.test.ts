import { Identity } from "@semaphore-protocol/core";
import { describe, expect, it } from "vitest";
import { openIdentityBackup, sealIdentityBackup } from "@/core/identity-backup/identity-backup";

// Fewer iterations keep the test fast; the format records the count, so opening uses it.
const FAST = 100_000;
const district = "6f1c2d3e-4a5b-4c6d-8e7f-8091a2b3c4d5";

describe("identity backups", () => {
  it("restore the same Semaphore identity on another device with the passphrase", async () => {
    const identity = new Identity();
    const file = JSON.stringify(
      await sealIdentityBackup(identity.export(), district, "correct horse battery", FAST),
    );
    expect(file).not.toContain(identity.export());
    const opened = await openIdentityBackup(file, "correct horse battery");
    expect(opened.districtId).toBe(district);
    expect(Identity.import(opened.exportedIdentity).commitment).toBe(identity.commitment);
  });

  it("uses a fresh salt and IV every time", async () => {
    const secret = new Identity().export();
    const a = await sealIdentityBackup(secret, district, "correct horse battery", FAST);
    const b = await sealIdentityBackup(secret, district, "correct horse battery", FAST);
    expect(a.kdf.salt).not.toBe(b.kdf.salt);
    expect(a.cipher.iv).not.toBe(b.cipher.iv);
    expect(a.cipher.data).not.toBe(b.cipher.data);
  });

  it("refuses a short passphrase", async () => {
    await expect(sealIdentityBackup("x", district, "short", FAST)).rejects.toMatchObject({
      code: "WEAK_PASSPHRASE",
    });
  });

  it("refuses a wrong passphrase and any altered field", async () => {
    const sealed = await sealIdentityBackup(new Identity().export(), district, "correct horse battery", FAST);
    const file = JSON.stringify(sealed);
    await expect(openIdentityBackup(file, "wrong horse battery")).rejects.toMatchObject({
      code: "WRONG_PASSPHRASE",
    });
    // The district is authenticated: moving a backup to another district is detected.
    const moved = JSON.stringify({ ...sealed, districtId: "00000000-0000-4000-8000-000000000000" });
    await expect(openIdentityBackup(moved, "correct horse battery")).rejects.toMatchObject({
      code: "WRONG_PASSPHRASE",
    });
    const data = sealed.cipher.data;
    const flipped = JSON.stringify({
      ...sealed,
      cipher: { ...sealed.cipher, data: `${data[0] === "A" ? "B" : "A"}${data.slice(1)}` },
    });
    await expect(openIdentityBackup(flipped, "correct horse battery")).rejects.toMatchObject({
      code: "WRONG_PASSPHRASE",
    });
  });

  it.each([
    ["not JSON", "hello"],
    ["another format", JSON.stringify({ format: "x" })],
    ["a newer version", JSON.stringify({ format: "plaza-identity-backup", v: 2 })],
    [
      "too few iterations",
      JSON.stringify({
        format: "plaza-identity-backup",
        v: 1,
        districtId: "d",
        kdf: { name: "PBKDF2-SHA-256", iterations: 10, salt: "" },
        cipher: { name: "AES-256-GCM", iv: "", data: "" },
      }),
    ],
    ["null", "null"],
  ])("calls %s a bad file", async (_label, text) => {
    await expect(openIdentityBackup(text, "correct horse battery")).rejects.toMatchObject({
      code: "BAD_FILE",
    });
  });
});
