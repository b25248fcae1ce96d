"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { getAnonymous } from "../_lib/prover/anonymous-request";

/** One download of a district's member list per page, however many polls wait on it. */
const counts = new Map<string, Promise<number>>();

function activeMembers(districtId: string): Promise<number> {
  let count = counts.get(districtId);
  if (!count) {
    count = getAnonymous<{ members: string[] }>(
      `/api/anon/members?districtId=${encodeURIComponent(districtId)}`,
    ).then((list) => list.members.filter((m) => m !== "0").length);
    // A failure is not remembered: the next poll (or visit) asks again.
    count.catch(() => counts.delete(districtId));
    counts.set(districtId, count);
  }
  return count;
}

/**
 * How many residents are in a district's census now, for a poll that waits for its minimum
 * anonymity set. Read from the public member list (cookie-less, the same list everyone gets);
 * removed members (leaf 0) do not count, as the scheduler does not count them.
 */
export function ResidentCensusCount({ districtId, minimum }: { districtId: string; minimum: number }) {
  const t = useTranslations("resident.polls");
  const [count, setCount] = useState<number | null>(null);
  useEffect(() => {
    let live = true;
    activeMembers(districtId)
      .then((n) => {
        if (live) setCount(n);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [districtId]);
  return (
    <p className="text-sm text-slate-700">
      {count === null
        ? t("waitingFor", { minimum })
        : t("waitingForCount", { minimum, missing: Math.max(0, minimum - count), count })}
    </p>
  );
}
