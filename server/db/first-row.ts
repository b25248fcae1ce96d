/**
 * The first row of a raw `db.execute(sql…)` result. The two drivers shape it differently:
 * postgres-js returns the rows as an array, PGlite an object with `rows`. Undefined when empty.
 */
export function firstRow<T>(result: unknown): T | undefined {
  const rows = Array.isArray(result) ? result : (result as { rows?: unknown[] } | null)?.rows;
  return rows?.[0] as T | undefined;
}
