"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import { moveRanked, rankOption, unrankedOptions, unrankOption } from "../_lib/ranking";

type Control = "up" | "down" | "remove" | "add";

const button =
  "rounded border border-slate-400 bg-white px-2 py-1 text-sm font-medium hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-50";

/**
 * A ranked poll's ballot: the resident's ranking as an ordered list (1st choice first) with
 * buttons to move an option up or down or take it out, and the options not ranked yet, each with a
 * button to add it as the next choice, up to `maxRanks`. Plain buttons, so it works with a
 * keyboard and a screen reader alike; after each step the focus stays with the option that moved
 * and a polite live region says where it now stands.
 */
export function RankedChoices({
  options,
  maxRanks,
  ranking,
  onChange,
}: {
  options: readonly string[];
  maxRanks: number;
  ranking: readonly number[];
  onChange: (ranking: number[]) => void;
}) {
  const t = useTranslations("resident.vote.ranked");
  const ids = useId();
  const box = useRef<HTMLDivElement>(null);
  const [focus, setFocus] = useState<{ option: number; control: Control } | null>(null);
  const [said, setSaid] = useState("");
  const full = ranking.length >= maxRanks;
  const unranked = unrankedOptions(options.length, ranking);
  const name = (o: number) => options[o] ?? `#${o}`;
  // Each button's name is its visible action followed by the option it acts on.
  const named = (action: string, o: number) => ({
    "aria-label": t("buttonLabel", { action, option: name(o) }),
  });

  useEffect(() => {
    if (!focus) return;
    const el = box.current?.querySelector<HTMLButtonElement>(
      `[data-option="${focus.option}"][data-control="${focus.control}"]`,
    );
    el?.focus();
    setFocus(null);
  }, [focus]);

  function apply(next: number[], option: number, control: Control) {
    onChange(next);
    const place = next.indexOf(option);
    if (place < 0) {
      setSaid(t("announceRemoved", { option: name(option) }));
      setFocus({ option, control: "add" });
      return;
    }
    setSaid(t("announceRank", { option: name(option), rank: place + 1 }));
    // Keep the focus on the same kind of button while it can still be pressed.
    const first = place === 0;
    const last = place === next.length - 1;
    const kept =
      control === "up"
        ? first
          ? last
            ? "remove"
            : "down"
          : "up"
        : control === "down"
          ? last
            ? first
              ? "remove"
              : "up"
            : "down"
          : "remove";
    setFocus({ option, control: kept });
  }

  return (
    <div ref={box} className="flex flex-col gap-3">
      <h4 id={`${ids}-ranking`} className="font-medium">
        {t("rankingTitle", { count: ranking.length, max: maxRanks })}
      </h4>
      {ranking.length === 0 ? (
        <p className="text-slate-700">{t("empty")}</p>
      ) : (
        <ol aria-labelledby={`${ids}-ranking`} className="flex flex-col gap-2" data-testid="ranking">
          {ranking.map((o, k) => (
            <li
              key={o}
              className="flex flex-wrap items-center gap-2 rounded border border-brand-700 bg-brand-50 p-2"
            >
              <span className="min-w-24 font-semibold tabular-nums">{t("ordinal", { rank: k + 1 })}</span>
              <span className="flex-1">{name(o)}</span>
              <span className="flex flex-wrap gap-2">
                <button
                  type="button"
                  className={button}
                  data-option={o}
                  data-control="up"
                  {...named(t("moveUp"), o)}
                  disabled={k === 0}
                  onClick={() => apply(moveRanked(ranking, o, -1), o, "up")}
                >
                  {t("moveUp")}
                </button>
                <button
                  type="button"
                  className={button}
                  data-option={o}
                  data-control="down"
                  {...named(t("moveDown"), o)}
                  disabled={k === ranking.length - 1}
                  onClick={() => apply(moveRanked(ranking, o, 1), o, "down")}
                >
                  {t("moveDown")}
                </button>
                <button
                  type="button"
                  className={button}
                  data-option={o}
                  data-control="remove"
                  {...named(t("remove"), o)}
                  onClick={() => apply(unrankOption(ranking, o), o, "remove")}
                >
                  {t("remove")}
                </button>
              </span>
            </li>
          ))}
        </ol>
      )}

      {unranked.length > 0 ? (
        <>
          <h4 id={`${ids}-unranked`} className="font-medium">
            {t("unrankedTitle")}
          </h4>
          <ul aria-labelledby={`${ids}-unranked`} className="flex flex-col gap-2">
            {unranked.map((o) => (
              <li key={o} className="flex flex-wrap items-center gap-2 rounded border border-slate-300 p-2">
                <span className="flex-1">{name(o)}</span>
                {full ? null : (
                  <button
                    type="button"
                    className={button}
                    data-option={o}
                    data-control="add"
                    {...named(t("add", { rank: ranking.length + 1 }), o)}
                    onClick={() => apply(rankOption(ranking, o, maxRanks), o, "add")}
                  >
                    {t("add", { rank: ranking.length + 1 })}
                  </button>
                )}
              </li>
            ))}
          </ul>
          {full ? <p className="text-sm text-slate-700">{t("full", { max: maxRanks })}</p> : null}
        </>
      ) : null}
      <p aria-live="polite" className="sr-only">
        {said}
      </p>
    </div>
  );
}
