"use client";

import { Identity } from "@semaphore-protocol/core/identity";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { normalizeInvitationCode } from "@/core/census";
import { ResidentError } from "../../_components/resident-error";
import { beginJoin, confirmMember, IdentityStoreError, type StoredIdentity } from "../../_lib/identity-store";
import { postAnonymous, residentErrorCode } from "../../_lib/prover/anonymous-request";
import { censusHolds } from "./census-holds";
import type { DistrictRef } from "./district-ref";

const field = "rounded border border-slate-500 px-3 py-2";

/** The identity could not be saved in this browser, so the code was not sent. */
class IdentityStoreSaveError extends Error {
  override name = "IdentityStoreSaveError";
  readonly code = "STORAGE_FAILED";
}

interface JoinReply {
  districtId: string;
  memberIndex: number;
  size: number;
}

/**
 * Join a district's census with an invitation code. The browser makes a fresh Semaphore identity,
 * saves it as pending (durably) BEFORE sending anything, sends only its commitment with the code
 * (cookie-less), and marks it a member once the server has added it. If the reply is lost, the
 * secret is still here: the join page later finds the commitment in the public member list, or a
 * retry sends the same identity again. The chosen district travels with the code: the server
 * refuses a code of another district (WRONG_DISTRICT) before spending it.
 */
export function JoinForm({
  districts,
  initialDistrictId,
  identities,
  onJoined,
  onStoreChanged,
}: {
  districts: DistrictRef[];
  initialDistrictId: string | null;
  identities: StoredIdentity[] | null;
  onJoined: (districtId: string) => Promise<void>;
  /** The identities in this browser changed (or may have, in another tab): list them again. */
  onStoreChanged: () => Promise<void>;
}) {
  const t = useTranslations("resident.join");
  const ids = useId();
  const [districtId, setDistrictId] = useState(initialDistrictId ?? "");
  const [code, setCode] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [joined, setJoined] = useState<{ district: DistrictRef } | null>(null);

  const chosen = districts.find((d) => d.id === districtId);
  const held = chosen ? identities?.find((i) => i.districtId === chosen.id) : undefined;

  async function join() {
    setError(null);
    setJoined(null);
    if (!chosen) return setError("CHOOSE_DISTRICT");
    if (held?.status === "member") return setError("ALREADY_JOINED_HERE");
    const normalized = normalizeInvitationCode(code);
    if (!normalized) return setError("INVALID_CODE");
    const district = chosen;
    setPending(true);
    try {
      let identity: StoredIdentity;
      try {
        // Read the store again inside the action: another tab may have joined (or imported a
        // backup) since this page listed it. A pending identity is reused; a member one refused.
        const fresh = new Identity();
        identity = await beginJoin({
          districtId: district.id,
          districtSlug: district.slug,
          districtName: district.name,
          privateKey: fresh.export(),
          commitment: fresh.commitment.toString(),
          joinedAt: new Date().toISOString(),
        });
      } catch (e) {
        // Nothing was sent: no code is spent on an identity this browser could not keep.
        throw e instanceof IdentityStoreError ? e : new IdentityStoreSaveError();
      }
      try {
        await postAnonymous<JoinReply>("/api/anon/join", {
          code: normalized,
          commitment: identity.commitment,
          districtId: district.id,
        });
      } catch (e) {
        // ALREADY_MEMBER for a pending identity: an earlier attempt went through and only its reply
        // was lost (this refusal left the new code unspent). The member list says for sure.
        if (
          residentErrorCode(e) !== "ALREADY_MEMBER" ||
          (await censusHolds(district.id, identity.commitment)) !== true
        )
          throw e;
      }
      await confirmMember(district.id, identity.commitment);
      setCode("");
      setJoined({ district });
      await onJoined(district.id);
    } catch (e) {
      setError(residentErrorCode(e));
      await onStoreChanged();
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
        {t("formTitle")}
      </h2>
      <p className="text-slate-700">{t("formIntro")}</p>
      <form
        className="flex flex-col gap-3"
        aria-busy={pending}
        onSubmit={(e) => {
          e.preventDefault();
          void join();
        }}
      >
        <label htmlFor={`${ids}-district`} className="font-medium">
          {t("district")}
        </label>
        <select
          id={`${ids}-district`}
          required
          value={districtId}
          onChange={(e) => setDistrictId(e.target.value)}
          className={field}
        >
          <option value="" disabled>
            {t("chooseDistrict")}
          </option>
          {districts.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
        {held ? (
          <p className="text-sm text-slate-700">
            {t(held.status === "member" ? "alreadyMember" : "pendingHere", { district: held.districtName })}
          </p>
        ) : null}
        <label htmlFor={`${ids}-code`} className="font-medium">
          {t("code")}
        </label>
        <input
          id={`${ids}-code`}
          name="code"
          required
          maxLength={64}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          aria-describedby={`${ids}-code-hint`}
          className={`${field} font-mono uppercase`}
        />
        <p id={`${ids}-code-hint`} className="text-sm text-slate-700">
          {t("codeHint")}
        </p>
        <ResidentError code={error} />
        <div aria-live="polite">
          {pending ? <p>{t("joining")}</p> : null}
          {joined ? (
            <div role="status" className="flex flex-col gap-1 text-green-800">
              <p>{t("joined", { district: joined.district.name })}</p>
              <p>
                <Link
                  href={`/districts/${joined.district.slug}/polls`}
                  className="text-brand-700 underline underline-offset-4"
                >
                  {t("seePolls", { district: joined.district.name })}
                </Link>
              </p>
              <p>
                <Link
                  href={`/districts/${joined.district.slug}/proposals`}
                  className="text-brand-700 underline underline-offset-4"
                >
                  {t("seeProposals", { district: joined.district.name })}
                </Link>
              </p>
            </div>
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
