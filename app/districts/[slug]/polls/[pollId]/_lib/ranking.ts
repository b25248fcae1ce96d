/**
 * A ranking being built on a ranked poll's page: option indices, most preferred first, each at
 * most once and at most `maxRanks` of them, so it always is a ballot validateBallot accepts (once
 * it holds one option). Every step returns a new array and leaves an impossible step undone.
 */

/** Adds `option` as the next (least preferred) choice, unless it is ranked already or the ranking is full. */
export function rankOption(ranking: readonly number[], option: number, maxRanks: number): number[] {
  if (ranking.includes(option) || ranking.length >= maxRanks) return [...ranking];
  return [...ranking, option];
}

/** Moves `option` one place up (-1, more preferred) or down (+1), swapping it with its neighbour. */
export function moveRanked(ranking: readonly number[], option: number, by: -1 | 1): number[] {
  const out = [...ranking];
  const from = out.indexOf(option);
  const to = from + by;
  if (from < 0 || to < 0 || to >= out.length) return out;
  out[from] = out[to] as number;
  out[to] = option;
  return out;
}

/** Takes `option` out of the ranking; the options below it move up one place. */
export function unrankOption(ranking: readonly number[], option: number): number[] {
  return ranking.filter((o) => o !== option);
}

/** The options not ranked, in the poll's option order. */
export function unrankedOptions(optionCount: number, ranking: readonly number[]): number[] {
  const ranked = new Set(ranking);
  return Array.from({ length: optionCount }, (_, i) => i).filter((i) => !ranked.has(i));
}
