/*
 * Pure helpers of the poll form (kept apart from the component so they can be tested without a
 * browser).
 *
 * Turns the poll rules' validation issues (ZPollInput, the schema the server applies too) into one
 * translated message key per form field, so each error is shown next to its field. Field names are
 * the issue paths inside the poll: "title", "options", "options.2", "method.max", "opensAt", …
 */
export interface PollIssue {
  path: readonly PropertyKey[];
  code: string;
}

export type PollFieldErrors = Record<string, string>;

export function pollIssueMessageKey(issue: PollIssue): string {
  const [head, sub] = issue.path;
  switch (head) {
    case "title":
      return "titleLength";
    case "description":
      return "descriptionTooLong";
    case "options":
      if (sub === undefined)
        return issue.code === "too_big"
          ? "optionsTooMany"
          : issue.code === "custom"
            ? "optionsDuplicate"
            : "optionsTooFew";
      return issue.code === "too_big" ? "optionTooLong" : "optionEmpty";
    case "method":
      if (sub === "min") return issue.code === "custom" ? "minAboveMax" : "minInvalid";
      if (sub === "max") return issue.code === "custom" ? "maxAboveOptions" : "maxInvalid";
      return "methodInvalid";
    case "opensAt":
      return issue.code === "custom" ? "opensInPast" : "dateRequired";
    case "closesAt":
      return issue.code === "custom" ? "closesBeforeOpens" : "dateRequired";
    case "minAnonymitySet":
      return "anonymitySetRange";
    default:
      return "invalid";
  }
}

/** The field an issue belongs to: "method.min" for approval limits, "options.3" for one option. */
export function pollIssueField(issue: PollIssue): string {
  const [head, sub] = issue.path;
  if (head === "method" && (sub === "min" || sub === "max")) return `method.${sub}`;
  if (head === "options" && typeof sub === "number") return `options.${sub}`;
  return typeof head === "string" ? head : "form";
}

/** The first message per field, in the order the issues came. */
export function pollFieldErrors(issues: readonly PollIssue[]): PollFieldErrors {
  const out: PollFieldErrors = {};
  for (const issue of issues) {
    const field = pollIssueField(issue);
    if (!(field in out)) out[field] = pollIssueMessageKey(issue);
  }
  // Two empty options also "repeat" each other; saying so beside "this option is empty" only confuses.
  if (out.options === "optionsDuplicate" && Object.keys(out).some((f) => f.startsWith("options.")))
    delete out.options;
  return out;
}

/**
 * A tRPC input validation failure carries the zod issues as its message (a JSON array, paths from
 * the procedure's input, here under "poll"). Returns them relative to the poll, or null when the
 * message is anything else.
 */
export function pollIssuesFromServerMessage(message: string): PollIssue[] | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    return null;
  }
  if (!Array.isArray(parsed)) return null;
  const issues: PollIssue[] = [];
  for (const item of parsed) {
    if (typeof item !== "object" || item === null) return null;
    const { path, code } = item as { path?: unknown; code?: unknown };
    if (!Array.isArray(path) || typeof code !== "string") return null;
    if (path[0] !== "poll") continue;
    issues.push({ path: path.slice(1) as PropertyKey[], code });
  }
  return issues.length > 0 ? issues : null;
}

/** A Date as a datetime-local value in the browser's time zone (minutes precision). */
export function toLocalInput(date: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())}T${p(date.getHours())}:${p(date.getMinutes())}`;
}

/**
 * A datetime-local value as an instant: a date-time string without an offset is local time (ECMA-262
 * Date Time String Format), so the browser's time zone applies. Anything else is an Invalid Date,
 * which the poll schema reports as a missing date.
 */
export function fromLocalInput(value: string): Date {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value) ? new Date(value) : new Date(Number.NaN);
}

/**
 * The instant a datetime-local field stands for when editing: the stored instant itself while the
 * field still shows it (the field has only minute precision, and an unchanged opening time may be
 * past: a poll waiting for its census), otherwise the instant the field's text names.
 */
export function instantOf(value: string, stored?: Date): Date {
  return stored && value === toLocalInput(stored) ? stored : fromLocalInput(value);
}
