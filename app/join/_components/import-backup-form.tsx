"use client";

import { Identity } from "@semaphore-protocol/core/identity";
import { useFormatter, useTranslations } from "next-intl";
import { useId, useRef, useState } from "react";
import { BackupError, openIdentityBackup } from "@/core/identity-backup/identity-backup";
import { ResidentError } from "../../_components/resident-error";
import { getStoredIdentity, importIdentity, type StoredIdentity } from "../../_lib/identity-store";
import { residentErrorCode } from "../../_lib/prover/anonymous-request";
import { censusHolds } from "./census-holds";
import type { DistrictRef } from "./district-ref";

const field = "rounded border border-slate-500 px-3 py-2";

/** The largest file worth reading: a backup is well under 1 kB. */
const MAX_BACKUP_BYTES = 64 * 1024;

/** A backup opened and checked, waiting for the resident to agree to replace the identity held. */
interface Replacement {
  identity: StoredIdentity;
  member: boolean | null;
  replacing: StoredIdentity;
}

/**
 * Imports a backup made on another device: opens it with its passphrase, rebuilds the identity,
 * and keeps it for its district. The district's public member list says whether the identity is
 * a member (it may have been removed since, or its join never finished), which the resident is
 * told; one not found there is kept as pending. An identity this browser already holds for the
 * district is replaced only after the resident confirms, since it may have voted.
 */
export function ImportBackupForm({
  districts,
  onImported,
}: {
  districts: DistrictRef[];
  onImported: () => Promise<void>;
}) {
  const t = useTranslations("resident.import");
  const format = useFormatter();
  const ids = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const confirmRef = useRef<HTMLDivElement>(null);
  const [pass, setPass] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<{ district: string; member: boolean | null } | null>(null);
  const [replacement, setReplacement] = useState<Replacement | null>(null);

  async function keep(identity: StoredIdentity, member: boolean | null, replacing: string | undefined) {
    await importIdentity(identity, replacing);
    setPass("");
    if (fileInput.current) fileInput.current.value = "";
    setDone({ district: identity.districtName, member });
    await onImported();
  }

  async function importBackup() {
    setError(null);
    setDone(null);
    setReplacement(null);
    const file = fileInput.current?.files?.[0];
    if (!file) return setError("BAD_FILE");
    if (file.size > MAX_BACKUP_BYTES) return setError("BAD_FILE");
    setPending(true);
    try {
      const opened = await openIdentityBackup(await file.text(), pass);
      let restored: Identity;
      try {
        restored = Identity.import(opened.exportedIdentity);
      } catch {
        return setError("BAD_FILE");
      }
      const district = districts.find((d) => d.id === opened.districtId);
      if (!district) return setError("BACKUP_UNKNOWN_DISTRICT");
      const commitment = restored.commitment.toString();
      const member = await censusHolds(district.id, commitment);
      const identity: StoredIdentity = {
        districtId: district.id,
        districtSlug: district.slug,
        districtName: district.name,
        privateKey: restored.export(),
        commitment,
        joinedAt: new Date().toISOString(),
        status: member === true ? "member" : "pending",
      };
      // What this browser holds NOW (another tab may have changed it since this page loaded).
      const held = await getStoredIdentity(district.id);
      if (held && held.commitment !== commitment) {
        setReplacement({ identity, member, replacing: held });
        requestAnimationFrame(() => confirmRef.current?.focus());
        return;
      }
      await keep(identity, member, held?.commitment);
    } catch (e) {
      setError(e instanceof BackupError ? e.code : residentErrorCode(e));
    } finally {
      setPending(false);
    }
  }

  async function replace(r: Replacement) {
    setError(null);
    setReplacement(null);
    setPending(true);
    try {
      await keep(r.identity, r.member, r.replacing.commitment);
    } catch (e) {
      setError(residentErrorCode(e));
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
        {replacement ? (
          <div
            ref={confirmRef}
            tabIndex={-1}
            role="alert"
            className="flex flex-col gap-2 rounded border border-amber-700 bg-amber-50 p-3"
          >
            <p className="font-semibold text-amber-900">
              {t("replaceQuestion", {
                district: replacement.replacing.districtName,
                when: format.dateTime(new Date(replacement.replacing.joinedAt), {
                  dateStyle: "medium",
                  timeStyle: "short",
                }),
              })}
            </p>
            <p>{t("replaceWarning")}</p>
            <div className="flex flex-wrap gap-3">
              <button
                type="button"
                onClick={() => void replace(replacement)}
                className="rounded bg-amber-800 px-4 py-2 font-semibold text-white"
              >
                {t("replaceConfirm")}
              </button>
              <button
                type="button"
                onClick={() => setReplacement(null)}
                className="rounded border border-slate-500 px-4 py-2 font-semibold"
              >
                {t("replaceCancel")}
              </button>
            </div>
          </div>
        ) : null}
        <div aria-live="polite">
          {pending ? <p>{t("opening")}</p> : null}
          {done ? (
            <p role="status" className={done.member === false ? "text-amber-900" : "text-green-800"}>
              {t(
                done.member === true
                  ? "imported"
                  : done.member === false
                    ? "importedNotMember"
                    : "importedUnchecked",
                { district: done.district },
              )}
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
