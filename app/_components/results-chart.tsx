export interface ResultsChartRow {
  label: string;
  /** The value as text ("12 votes · 40%"): the number is always written, never only drawn. */
  valueText: string;
  /** Bar length, 0..1. */
  fraction: number;
  /** A word about the row ("Funded: 1st"), written beside the label; marked rows get a heavier bar. */
  note?: string;
  marked?: boolean;
}

/**
 * Horizontal bars drawn with CSS, each with its label and value as text, so the chart reads the
 * same to a screen reader, in high-contrast mode and in print. The bars themselves are decoration
 * (aria-hidden); colour carries no meaning of its own: a marked row also says why in its note.
 */
export function ResultsChart({
  rows,
  caption,
  id,
}: {
  rows: readonly ResultsChartRow[];
  caption: string;
  id: string;
}) {
  return (
    <figure aria-labelledby={id} className="flex flex-col gap-3">
      <figcaption id={id} className="font-medium">
        {caption}
      </figcaption>
      <ul className="flex flex-col gap-3">
        {rows.map((row) => (
          <li key={row.label} className="flex flex-col gap-1">
            <span className="flex flex-wrap justify-between gap-2">
              <span className="font-medium">
                {row.label}
                {row.note ? (
                  <span
                    className={`ml-2 rounded px-1.5 py-0.5 text-sm ${row.marked ? "bg-green-100 font-semibold text-green-900" : "text-slate-700"}`}
                  >
                    {row.note}
                  </span>
                ) : null}
              </span>
              <span className="tabular-nums text-slate-800">{row.valueText}</span>
            </span>
            <span
              aria-hidden="true"
              className="block h-4 w-full overflow-hidden rounded border border-slate-400 bg-white"
            >
              <span
                className={`block h-full ${row.marked ? "bg-green-700" : "bg-brand-600"}`}
                style={{ width: `${Math.max(0, Math.min(1, row.fraction)) * 100}%` }}
              />
            </span>
          </li>
        ))}
      </ul>
    </figure>
  );
}
