"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import {
  BackupError,
  MIN_PASSPHRASE_LENGTH,
  sealIdentityBackup,
} from "@/core/identity-backup/identity-backup";
import { ResidentError } from "../../_components/resident-error";
import { downloadFile } from "../../_lib/download-file";
import type { StoredIdentity } from "../../_lib/identity-store";

const field = "rounded border border-slate-500 px-3 py-2";

/** The backup's file name: the district and the day, nothing about the identity. */
export function backupFileName(identity: Pick<StoredIdentity, "districtSlug">, now = new Date()): string {
  return `plaza-identity-${identity.districtSlug}-${now.toISOString().slice(0, 10)}.json`;
}

/**
 * Seals the identity with a passphrase (PBKDF2 + AES-GCM, core/identity-backup) and downloads the
 * file. The passphrase is typed twice, since a mistyped one makes the backup useless.
 */
export function BackupForm({ identity }: { identity: StoredIdentity }) {
  const t = useTranslations("resident.backup");
  const ids = useId();
  const [pass, setPass] = useState("");
  const [confirm, setConfirm] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  async function seal() {
    setError(null);
    setSaved(null);
    if ([...pass].length < MIN_PASSPHRASE_LENGTH) return setError("WEAK_PASSPHRASE");
    if (pass !== confirm) return setError("PASSPHRASE_MISMATCH");
    setPending(true);
    try {
      const backup = await sealIdentityBackup(identity.privateKey, identity.districtId, pass);
      const name = backupFileName(identity);
      downloadFile(name, `${JSON.stringify(backup, null, 2)}\n`, "application/json");
      setPass("");
      setConfirm("");
      setSaved(name);
    } catch (e) {
      setError(e instanceof BackupError ? e.code : "INTERNAL");
    } finally {
      setPending(false);
    }
  }

  return (
    <form
      className="flex flex-col gap-2"
      aria-busy={pending}
      aria-label={t("formLabel", { district: identity.districtName })}
      onSubmit={(e) => {
        e.preventDefault();
        void seal();
      }}
    >
      <p className="text-sm text-slate-700">{t("intro", { min: MIN_PASSPHRASE_LENGTH })}</p>
      <label htmlFor={`${ids}-pass`} className="font-medium">
        {t("passphrase")}
      </label>
      <input
        id={`${ids}-pass`}
        type="password"
        autoComplete="new-password"
        required
        minLength={MIN_PASSPHRASE_LENGTH}
        value={pass}
        onChange={(e) => setPass(e.target.value)}
        className={field}
      />
      <label htmlFor={`${ids}-confirm`} className="font-medium">
        {t("confirm")}
      </label>
      <input
        id={`${ids}-confirm`}
        type="password"
        autoComplete="new-password"
        required
        minLength={MIN_PASSPHRASE_LENGTH}
        value={confirm}
        onChange={(e) => setConfirm(e.target.value)}
        className={field}
      />
      <ResidentError code={error} />
      <div aria-live="polite">
        {pending ? <p>{t("sealing")}</p> : null}
        {saved ? (
          <p role="status" className="text-green-800">
            {t("saved", { file: saved })}
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
  );
}
