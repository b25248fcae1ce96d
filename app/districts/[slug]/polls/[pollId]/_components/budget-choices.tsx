"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useId } from "react";
import { budgetStatus, toggleProject } from "../_lib/budget-selection";

/**
 * A budget poll's ballot: one checkbox per project with its cost (a number in the reader's
 * language), and a live meter of what the ticked projects cost against the budget. A selection
 * over the budget stays on screen so the resident can see what to untick; the form refuses to
 * send it (VotePanel disables the button and this says why).
 */
export function BudgetChoices({
  options,
  method,
  chosen,
  onChange,
}: {
  options: readonly string[];
  method: { budget: number; costs: readonly number[] };
  chosen: readonly number[];
  onChange: (chosen: number[]) => void;
}) {
  const t = useTranslations("resident.vote.budget");
  const format = useFormatter();
  const ids = useId();
  const { spent, left, over } = budgetStatus(method, chosen);
  const amount = (n: number) => format.number(n);

  return (
    <div className="flex flex-col gap-3">
      <ul className="flex flex-col gap-2">
        {options.map((option, i) => {
          const cost = method.costs[i] ?? 0;
          const ticked = chosen.includes(i);
          return (
            <li key={option}>
              <label className="flex items-center gap-2 rounded border border-slate-300 p-2 has-checked:border-brand-700 has-checked:bg-brand-50">
                <input
                  type="checkbox"
                  name="project"
                  value={i}
                  checked={ticked}
                  onChange={(e) => onChange(toggleProject(chosen, i, e.target.checked))}
                  className="h-4 w-4"
                />
                <span className="flex-1">{option}</span>
                <span className="tabular-nums text-slate-800">{t("cost", { cost: amount(cost) })}</span>
              </label>
            </li>
          );
        })}
      </ul>
      <div className="flex flex-col gap-1" data-testid="budget-meter">
        <label htmlFor={`${ids}-meter`} className="font-medium">
          {t("meterLabel")}
        </label>
        <meter
          id={`${ids}-meter`}
          min={0}
          max={method.budget}
          value={Math.min(spent, method.budget)}
          // Over the budget the bar is full and drawn as a bad value (optimum at zero, every
          // value "high"); the sentence below says it in words.
          {...(over ? { optimum: 0, high: 0 } : {})}
          aria-valuetext={t("spent", { spent: amount(spent), budget: amount(method.budget) })}
          className="h-4 w-full"
        />
        <p aria-live="polite" aria-atomic="true" className="tabular-nums">
          {t("spent", { spent: amount(spent), budget: amount(method.budget) })}{" "}
          {over ? null : t("left", { left: amount(left) })}
        </p>
        {over ? (
          <p role="alert" className="font-medium text-red-700">
            {t("over", { over: amount(-left) })}
          </p>
        ) : null}
      </div>
    </div>
  );
}
