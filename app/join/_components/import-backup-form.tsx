"use client";

import { Identity } from "@semaphore-protocol/core/identity";
import { useTranslations } from "next-intl";
import { useId, useRef, useState } from "react";
import { BackupError, openIdentityBackup } from "@/core/identity-backup/identity-backup";
import { ResidentError } from "../../_components/resident-error";
import { type StoredIdentity, saveIdentity } from "../../_lib/identity-store";
import { getAnonymous, residentErrorCode } from "../../_lib/prover/anonymous-request";
import type { DistrictRef } from "./district-ref";

const field = "rounded border border-slate-500 px-3 py-2";

/** The largest file worth reading: a backup is well under 1 kB. */
const MAX_BACKUP_BYTES = 64 * 1024;

/**
 * Imports a backup made on another device: opens it with its passphrase, rebuilds the identity,
 * and keeps it for its district. The district's public member list says whether the identity is
 * still a member (it may have been removed since), which the resident is told.
 */
export function ImportBackupForm({
  districts,
  identities,
  onImported,
}: {
  districts: DistrictRef[];
  identities: StoredIdentity[] | null;
  onImported: () => Promise<void>;
}) {
  const t = useTranslations("resident.import");
  const ids = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [pass, setPass] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<{ district: string; member: boolean | null } | null>(null);

  async function importBackup() {
    setError(null);
    setDone(null);
    const file = fileInput.current?.files?.[0];
    if (!file) return setError("BAD_FILE");
    if (file.size > MAX_BACKUP_BYTES) return setError("BAD_FILE");
    setPending(true);
    try {
      const opened = await openIdentityBackup(await file.text(), pass);
      let identity: Identity;
      try {
        identity = Identity.import(opened.exportedIdentity);
      } catch {
        return setError("BAD_FILE");
      }
      const district = districts.find((d) => d.id === opened.districtId);
      if (!district) return setError("BACKUP_UNKNOWN_DISTRICT");
      const commitment = identity.commitment.toString();
      const held = identities?.find((i) => i.districtId === district.id);
      if (held && held.commitment !== commitment) return setError("ALREADY_JOINED_HERE");
      if (!held) {
        await saveIdentity({
          districtId: district.id,
          districtSlug: district.slug,
          districtName: district.name,
          privateKey: identity.export(),
          commitment,
          joinedAt: new Date().toISOString(),
        });
      }
      const member = await getAnonymous<{ members: string[] }>(
        `/api/anon/members?districtId=${encodeURIComponent(district.id)}`,
      ).then(
        (list) => list.members.includes(commitment),
        () => null,
      );
      setPass("");
      if (fileInput.current) fileInput.current.value = "";
      setDone({ district: district.name, member });
      await onImported();
    } catch (e) {
      setError(e instanceof BackupError ? e.code : residentErrorCode(e));
    } finally {
      setPending(false);
    }
  }

  return (
    <section
      aria-labelledby={`${ids}-title`}
      className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4"
    >
      <h2 id={`${ids}-title`} className="text-2xl font-semibold">
        {t("title")}
      </h2>
      <p className="text-slate-700">{t("intro")}</p>
      <form
        className="flex flex-col gap-3"
        aria-busy={pending}
        onSubmit={(e) => {
          e.preventDefault();
          void importBackup();
        }}
      >
        <label htmlFor={`${ids}-file`} className="font-medium">
          {t("file")}
        </label>
        <input
          id={`${ids}-file`}
          ref={fileInput}
          type="file"
          required
          accept=".json,application/json"
          className={field}
        />
        <label htmlFor={`${ids}-pass`} className="font-medium">
          {t("passphrase")}
        </label>
        <input
          id={`${ids}-pass`}
          type="password"
          autoComplete="current-password"
          required
          value={pass}
          onChange={(e) => setPass(e.target.value)}
          className={field}
        />
        <ResidentError code={error} />
        <div aria-live="polite">
          {pending ? <p>{t("opening")}</p> : null}
          {done ? (
            <p role="status" className={done.member === false ? "text-amber-900" : "text-green-800"}>
              {t(done.member === false ? "importedNotMember" : "imported", { district: done.district })}
            </p>
          ) : null}
        </div>
        <button
          type="submit"
          disabled={pending}
          className="self-start rounded bg-brand-600 px-4 py-2 font-semibold text-white disabled:opacity-60"
        >
          {t("submit")}
        </button>
      </form>
    </section>
  );
}
