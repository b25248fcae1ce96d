import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { CouncilPollPhase } from "@/app/dashboard/_lib/poll-phase";

const badge: Record<CouncilPollPhase, string> = {
  scheduled: "border-brand-700 bg-brand-50 text-brand-700",
  waiting: "border-amber-700 bg-amber-50 text-amber-900",
  open: "border-green-800 bg-green-50 text-green-900",
  closed: "border-slate-600 bg-slate-100 text-slate-800",
};

/** The poll's phase as a short label. */
export async function CouncilPollBadge({ phase }: { phase: CouncilPollPhase }) {
  const t = await getTranslations("councilPolls.phase");
  return (
    <span className={`inline-block rounded border px-2 py-0.5 text-sm font-semibold ${badge[phase]}`}>
      {t(phase)}
    </span>
  );
}

/**
 * Why a poll can or cannot be edited, and what it waits for: the census for a poll below its
 * minimum anonymity set, the ledger entry that recorded and locked the rules of an open poll.
 */
export async function CouncilPollExplanation({
  phase,
  poll,
  activeMembers,
}: {
  phase: CouncilPollPhase;
  poll: { minAnonymitySet: number; openedEntry: string | null; closedEntry: string | null };
  activeMembers: number;
}) {
  const t = await getTranslations("councilPolls.explain");
  const entry = (index: string) => (
    <Link href={`/ledger/entries/${index}`} className="text-brand-700 underline underline-offset-4">
      {t("entry", { index })}
    </Link>
  );
  const waitsForCensus = activeMembers < poll.minAnonymitySet;
  switch (phase) {
    case "scheduled":
      return (
        <>
          <p>{t("scheduled")}</p>
          {waitsForCensus ? (
            <p className="text-amber-900">
              {t("willWait", { members: activeMembers, min: poll.minAnonymitySet })}
            </p>
          ) : null}
        </>
      );
    case "waiting":
      return (
        <p className="text-amber-900">
          {t("waiting", { members: activeMembers, min: poll.minAnonymitySet })}
        </p>
      );
    case "open":
      return (
        <p>
          {t("open")} {poll.openedEntry ? entry(poll.openedEntry) : null}
        </p>
      );
    case "closed":
      return (
        <p>
          {t("closed")} {poll.closedEntry ? entry(poll.closedEntry) : null}
        </p>
      );
  }
}
