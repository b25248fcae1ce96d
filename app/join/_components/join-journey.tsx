"use client";

import { useTranslations } from "next-intl";
import { useCallback, useEffect, useState } from "react";
import { listIdentities, type StoredIdentity } from "../../_lib/identity-store";
import type { DistrictRef } from "./district-ref";
import { ImportBackupForm } from "./import-backup-form";
import { JoinForm } from "./join-form";
import { MyMemberships } from "./my-memberships";

/**
 * The resident's side of the census on one page: join with an invitation code, see (and back up)
 * the identities this browser holds, and import a backup made on another device. Everything
 * secret stays in this browser.
 */
export function JoinJourney({
  districts,
  initialDistrictId,
}: {
  districts: DistrictRef[];
  initialDistrictId: string | null;
}) {
  const t = useTranslations("resident.join");
  const [identities, setIdentities] = useState<StoredIdentity[] | null>(null);
  const [storageError, setStorageError] = useState(false);
  const [justJoined, setJustJoined] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      setIdentities(await listIdentities());
    } catch {
      setStorageError(true);
      setIdentities([]);
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);

  return (
    <>
      {storageError ? (
        <p role="alert" className="text-red-700">
          {t("storageUnavailable")}
        </p>
      ) : null}
      <JoinForm
        districts={districts}
        initialDistrictId={initialDistrictId}
        identities={identities}
        onJoined={async (districtId) => {
          setJustJoined(districtId);
          await reload();
        }}
      />
      <MyMemberships identities={identities} highlight={justJoined} />
      <ImportBackupForm districts={districts} identities={identities} onImported={reload} />
    </>
  );
}
