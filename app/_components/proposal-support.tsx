"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { supportMessage } from "@/core/participation";
import type { TArtifactUrlsByDepth, TProcessCensus } from "../_lib/participation/act-anonymously";
import { useAnonymousAct } from "../_lib/participation/use-anonymous-act";
import { postAnonymous } from "../_lib/prover/anonymous-request";
import { ParticipationError } from "./participation-error";
import { ParticipationIdentity } from "./participation-identity";
import { ParticipationProgress } from "./participation-progress";

interface SupportReply {
  index: string;
  supports: number;
  advancedIndex: string | null;
}

const link = "text-brand-700 underline underline-offset-4";

/**
 * "Support" during the support phase: one anonymous support per resident and proposal (slot 0 of
 * the proposal's support scope). The reply carries the new count and, when this support reached
 * the threshold, the proposal_advanced entry that put it on the ballot.
 */
export function ProposalSupport({
  proposalId,
  threshold,
  census,
  artifacts,
  district,
}: {
  proposalId: string;
  threshold: number;
  census: TProcessCensus | null;
  artifacts: TArtifactUrlsByDepth | null;
  district: { slug: string; name: string };
}) {
  const t = useTranslations("participation.support");
  const router = useRouter();
  const anon = useAnonymousAct({ census, artifacts });
  const [done, setDone] = useState<SupportReply | null>(null);
  const working = anon.stage !== null;

  async function support() {
    setDone(null);
    const result = await anon.run({
      act: "support",
      targetId: proposalId,
      slots: 1,
      message: supportMessage(proposalId).toString(),
      send: (_slot, proof) => postAnonymous<SupportReply>("/api/anon/support", { proposalId, proof }),
    });
    if (!result) return;
    setDone(result.reply);
    router.refresh();
  }

  return (
    <section
      aria-labelledby="support-title"
      className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4"
    >
      <h3 id="support-title" className="text-xl font-semibold">
        {t("title")}
      </h3>
      <ParticipationIdentity identity={anon.identity} hasCensus={census !== null} district={district} />
      {anon.identity && census && artifacts ? (
        <>
          <p className="text-sm text-slate-700">{t("hint", { threshold })}</p>
          <ParticipationError code={anon.error} />
          <ParticipationProgress stage={anon.stage} label={t("progress")} />
          <button
            type="button"
            disabled={working}
            aria-busy={working}
            onClick={() => void support()}
            className="self-start rounded bg-brand-600 px-4 py-2 font-semibold text-white disabled:opacity-60"
          >
            {t("button")}
          </button>
        </>
      ) : null}
      <div aria-live="polite">
        {done ? (
          <div
            role="status"
            className="flex flex-col gap-1 rounded border border-green-700 bg-green-50 p-3 text-green-900"
          >
            <p className="font-semibold">
              {t("done", { count: done.supports, threshold })}{" "}
              <Link href={`/ledger/entries/${done.index}`} prefetch={false} className={link}>
                {t("entryLink", { index: done.index })}
              </Link>
            </p>
            {done.advancedIndex ? (
              <p>
                {t("advanced")}{" "}
                <Link href={`/ledger/entries/${done.advancedIndex}`} prefetch={false} className={link}>
                  {t("entryLink", { index: done.advancedIndex })}
                </Link>
              </p>
            ) : null}
          </div>
        ) : null}
      </div>
    </section>
  );
}
