import { useTranslations } from "next-intl";

export interface RankedRoundsRound {
  counts: readonly number[];
  exhausted: number;
  eliminated: number | null;
}

/**
 * An instant-runoff count as a table: one column per round, one row per option with the ballots
 * it held that round, then the exhausted ballots and the option eliminated at the end of each
 * round. An option already out shows a dash (and says so to a screen reader); the winner's row is
 * marked in words. The numbers are the poll_closed entry's, so a recount can compare cell by cell.
 */
export function RankedRoundsTable({
  id,
  options,
  rounds,
  winner,
}: {
  id: string;
  options: readonly string[];
  rounds: readonly RankedRoundsRound[];
  winner: number | null;
}) {
  const t = useTranslations("pollResults.ranked");
  const name = (o: number) => options[o] ?? `#${o}`;
  // The round in which each option was eliminated (at its end), if it was.
  const outAfter = new Map<number, number>();
  rounds.forEach((r, k) => {
    if (r.eliminated !== null) outAfter.set(r.eliminated, k);
  });
  const cell = "border border-slate-300 px-3 py-2";
  const colHead = `${cell} text-right font-semibold`;
  const rowHead = `${cell} text-left font-medium`;
  const num = `${cell} text-right tabular-nums`;

  return (
    // A wide table scrolls on its own: a region named by the caption, focusable so the keyboard
    // can scroll it too.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <section className="overflow-x-auto" aria-labelledby={id} tabIndex={0}>
      <table className="border-collapse text-sm" data-testid="runoff-table">
        <caption id={id} className="mb-2 text-left font-medium">
          {t("caption", { rounds: rounds.length })}
        </caption>
        <thead>
          <tr className="bg-slate-100">
            <th scope="col" className={`${cell} text-left font-semibold`}>
              {t("option")}
            </th>
            {rounds.map((_, k) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rounds are positional and never reordered
              <th key={k} scope="col" className={colHead}>
                {t("round", { round: k + 1 })}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {options.map((option, o) => {
            const out = outAfter.get(o);
            return (
              <tr key={option} className={o === winner ? "bg-green-50" : undefined}>
                <th scope="row" className={rowHead}>
                  {option}
                  {o === winner ? (
                    <span className="ml-2 rounded bg-green-100 px-1.5 py-0.5 font-semibold text-green-900">
                      {t("winnerMark")}
                    </span>
                  ) : null}
                </th>
                {rounds.map((r, k) =>
                  out !== undefined && k > out ? (
                    // biome-ignore lint/suspicious/noArrayIndexKey: rounds are positional
                    <td key={k} className={`${num} text-slate-500`}>
                      <span aria-hidden="true">—</span>
                      <span className="sr-only">{t("out")}</span>
                    </td>
                  ) : (
                    // biome-ignore lint/suspicious/noArrayIndexKey: rounds are positional
                    <td key={k} className={num}>
                      {r.counts[o] ?? 0}
                      {out === k ? <span className="ml-1 text-red-800">{t("eliminatedMark")}</span> : null}
                    </td>
                  ),
                )}
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" className={rowHead}>
              {t("exhausted")}
            </th>
            {rounds.map((r, k) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rounds are positional
              <td key={k} className={num}>
                {r.exhausted}
              </td>
            ))}
          </tr>
          <tr>
            <th scope="row" className={rowHead}>
              {t("eliminated")}
            </th>
            {rounds.map((r, k) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rounds are positional
              <td key={k} className={`${cell} text-left`}>
                {r.eliminated !== null
                  ? name(r.eliminated)
                  : winner !== null
                    ? t("elected", { option: name(winner) })
                    : t("noneEliminated")}
              </td>
            ))}
          </tr>
        </tfoot>
      </table>
    </section>
  );
}
