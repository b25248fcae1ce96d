import { fieldHash } from "../ballot/field-hash";
import { canonicalJson } from "../entries/canonical-json";

/** What a resident's proposal says: exactly the members its proposal entry records. */
export interface TProposalContent {
  readonly title: string;
  readonly body: string;
  readonly category: string | null;
  readonly costEstimate: number | null;
  readonly location: string | null;
}

/** What a resident's comment says, and where. */
export interface TCommentContent {
  readonly proposalId: string;
  readonly parentId: string | null;
  readonly body: string;
}

function text(name: string, value: unknown, nullable = false): void {
  if (typeof value === "string" || (nullable && value === null)) return;
  throw new TypeError(`${name} must be a string${nullable ? " or null" : ""}`);
}

/**
 * The Semaphore message of an anonymous proposal: field hash of "plaza/proposal/v1\n" followed by
 * the canonical JSON of its content. The proof commits to the content, so nobody who relays it
 * (the server included) can publish a different proposal under the resident's proof.
 */
export function proposalMessage(content: TProposalContent): bigint {
  const { title, body, category, costEstimate, location } = content;
  text("title", title);
  text("body", body);
  text("category", category, true);
  text("location", location, true);
  if (costEstimate !== null && typeof costEstimate !== "number")
    throw new TypeError("costEstimate must be a number or null");
  if (costEstimate !== null && (!Number.isSafeInteger(costEstimate) || costEstimate < 0))
    throw new RangeError("costEstimate must be a non-negative integer");
  return fieldHash(
    new TextEncoder().encode(
      `plaza/proposal/v1\n${canonicalJson({ title, body, category, costEstimate, location })}`,
    ),
  );
}

/** The Semaphore message of an anonymous comment: the same construction over its content. */
export function commentMessage(content: TCommentContent): bigint {
  const { proposalId, parentId, body } = content;
  text("proposalId", proposalId);
  text("parentId", parentId, true);
  text("body", body);
  return fieldHash(
    new TextEncoder().encode(`plaza/comment/v1\n${canonicalJson({ proposalId, parentId, body })}`),
  );
}

/**
 * The Semaphore message of a support: field hash of "plaza/support/v1\n<proposal id>". The scope
 * already names the proposal; the message says the same, so a support proof means nothing else.
 */
export function supportMessage(proposalId: string): bigint {
  if (typeof proposalId !== "string" || proposalId.length === 0)
    throw new TypeError("proposalId must be a non-empty string");
  return fieldHash(new TextEncoder().encode(`plaza/support/v1\n${proposalId}`));
}
