"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useCallback, useEffect, useState } from "react";
import { confirmMember, listIdentities, type StoredIdentity } from "../../_lib/identity-store";
import { censusHolds } from "./census-holds";
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
  const format = useFormatter();
  const [identities, setIdentities] = useState<StoredIdentity[] | null>(null);
  const [storageError, setStorageError] = useState(false);
  const [justJoined, setJustJoined] = useState<string | null>(null);

  const [recovered, setRecovered] = useState<string[]>([]);

  const reload = useCallback(async () => {
    try {
      setIdentities(await listIdentities());
    } catch {
      setStorageError(true);
      setIdentities([]);
    }
  }, []);

  // On each visit, settle identities left pending by a join whose reply never arrived: if the
  // district's public member list holds the commitment, the join went through, so the identity is
  // a member; otherwise it stays pending and the join form finishes it with a code (same identity).
  const settlePending = useCallback(async () => {
    const held = await listIdentities().catch(() => []);
    const settled = await Promise.all(
      held
        .filter((i) => i.status === "pending")
        .map(async (i) =>
          (await censusHolds(i.districtId, i.commitment)) === true &&
          (await confirmMember(i.districtId, i.commitment).catch(() => false))
            ? i.districtName
            : null,
        ),
    );
    const names = settled.filter((n): n is string => n !== null);
    if (names.length > 0) {
      setRecovered(names);
      await reload();
    }
  }, [reload]);

  useEffect(() => {
    void reload().then(settlePending);
  }, [reload, settlePending]);

  return (
    <>
      {storageError ? (
        <p role="alert" className="text-red-700">
          {t("storageUnavailable")}
        </p>
      ) : null}
      <div aria-live="polite">
        {recovered.length > 0 ? (
          <p role="status" className="text-green-800">
            {t("recovered", { districts: format.list(recovered) })}
          </p>
        ) : null}
      </div>
      <JoinForm
        districts={districts}
        initialDistrictId={initialDistrictId}
        identities={identities}
        onJoined={async (districtId) => {
          setJustJoined(districtId);
          await reload();
        }}
        onStoreChanged={reload}
      />
      <MyMemberships identities={identities} highlight={justJoined} />
      <ImportBackupForm districts={districts} onImported={reload} />
    </>
  );
}
