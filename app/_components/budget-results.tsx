import { useFormatter, useTranslations } from "next-intl";
import { ResultsChart } from "./results-chart";

/**
 * A participatory budget's outcome: votes per project with the funded ones marked (and their place
 * in the funding order), the budget spent against the total, and the funded projects in the order
 * they were funded with what each costs. Amounts are numbers in the reader's language; the funded
 * list and the spent amount are the poll_closed entry's.
 */
export function BudgetResults({
  options,
  costs,
  budget,
  counts,
  turnout,
  funded,
  spent,
}: {
  options: readonly string[];
  costs: readonly number[];
  budget: number;
  counts: readonly number[];
  turnout: number;
  funded: readonly number[];
  spent: number;
}) {
  const t = useTranslations("pollResults.budget");
  const format = useFormatter();
  const amount = (n: number) => format.number(n);
  const percent = (part: number, whole: number) =>
    format.number(whole === 0 ? 0 : part / whole, { style: "percent", maximumFractionDigits: 1 });
  const place = new Map(funded.map((p, k) => [p, k + 1]));
  const name = (p: number) => options[p] ?? `#${p}`;

  return (
    <div className="flex flex-col gap-4">
      <p className="text-lg font-medium" data-testid="budget-summary">
        {t("summary", {
          funded: funded.length,
          projects: options.length,
          spent: amount(spent),
          budget: amount(budget),
        })}
      </p>
      <ResultsChart
        id="budget-votes-chart"
        caption={t("chartVotes", { voters: turnout })}
        rows={options.map((label, p) => {
          const count = counts[p] ?? 0;
          const rank = place.get(p);
          return {
            label,
            valueText: t("value", {
              count,
              percent: percent(count, turnout),
              cost: amount(costs[p] ?? 0),
            }),
            fraction: turnout === 0 ? 0 : count / turnout,
            note: rank === undefined ? t("notFunded") : t("fundedMark", { rank }),
            marked: rank !== undefined,
          };
        })}
      />
      <ResultsChart
        id="budget-spent-chart"
        caption={t("chartSpent")}
        rows={[
          {
            label: t("spentLabel"),
            valueText: t("spentValue", {
              spent: amount(spent),
              budget: amount(budget),
              percent: percent(spent, budget),
            }),
            fraction: budget === 0 ? 0 : spent / budget,
          },
        ]}
      />
      <h4 id="funded-title" className="font-semibold">
        {t("fundedTitle", { count: funded.length })}
      </h4>
      {funded.length === 0 ? (
        <p>{t("noneFunded")}</p>
      ) : (
        <ol
          aria-labelledby="funded-title"
          className="flex list-decimal flex-col gap-1 pl-6"
          data-testid="funded-list"
        >
          {funded.map((p) => (
            <li key={p}>
              {t("fundedItem", {
                project: name(p),
                cost: amount(costs[p] ?? 0),
                count: counts[p] ?? 0,
              })}
            </li>
          ))}
        </ol>
      )}
      <p className="max-w-2xl text-sm text-slate-700">{t("rule")}</p>
    </div>
  );
}
