import { describe, expect, it } from "vitest";
import { fieldHash } from "@/core/ballot";
import { SNARK_SCALAR_FIELD } from "@/core/entries";
import {
  commentMessage,
  proposalMessage,
  supportMessage,
  type TCommentContent,
  type TProposalContent,
} from "@/core/participation";

const PROPOSAL = "00000000-0000-4000-8000-0000000000f1";
const OTHER = "00000000-0000-4000-8000-0000000000f2";
const proposal: TProposalContent = {
  title: "Shade trees",
  body: "Plant **twenty** trees.",
  category: "green",
  costEstimate: 60,
  location: "Riverside walk",
};
const comment: TCommentContent = { proposalId: PROPOSAL, parentId: null, body: "Which kind?" };

describe("proposalMessage", () => {
  it("is the field hash of plaza/proposal/v1 and the canonical JSON of the content", () => {
    const json =
      '{"body":"Plant **twenty** trees.","category":"green","costEstimate":60,"location":"Riverside walk","title":"Shade trees"}';
    expect(proposalMessage(proposal)).toBe(fieldHash(new TextEncoder().encode(`plaza/proposal/v1\n${json}`)));
    expect(proposalMessage(proposal) < SNARK_SCALAR_FIELD).toBe(true);
  });

  it.each([
    ["title", { title: "Shade tree" }],
    ["body", { body: "Plant **twenty** trees!" }],
    ["category", { category: "trees" }],
    ["category (to none)", { category: null }],
    ["costEstimate", { costEstimate: 61 }],
    ["costEstimate (to none)", { costEstimate: null }],
    ["location", { location: "Riverside" }],
    ["location (to none)", { location: null }],
  ] as const)("binds the %s", (_, change) => {
    expect(proposalMessage({ ...proposal, ...change })).not.toBe(proposalMessage(proposal));
  });

  it("ignores members that are not content (the entry's ids and author)", () => {
    const entry = { ...proposal, proposalId: PROPOSAL, processId: OTHER, author: { kind: "council" } };
    expect(proposalMessage(entry)).toBe(proposalMessage(proposal));
  });

  it('does not confuse a missing value with the text "null" or an empty string', () => {
    const none = proposalMessage({ ...proposal, category: null });
    expect(proposalMessage({ ...proposal, category: "null" })).not.toBe(none);
    expect(proposalMessage({ ...proposal, category: "" })).not.toBe(none);
  });

  it.each([
    ["a title that is not a string", { title: 5 }, TypeError, "title"],
    ["a missing body", { body: undefined }, TypeError, "body"],
    ["a category that is neither text nor null", { category: 1 }, TypeError, "category"],
    ["a missing location", { location: undefined }, TypeError, "location"],
    ["a cost estimate given as text", { costEstimate: "60" }, TypeError, "costEstimate"],
    ["a fractional cost estimate", { costEstimate: 1.5 }, RangeError, "costEstimate"],
    ["a negative cost estimate", { costEstimate: -1 }, RangeError, "costEstimate"],
  ] as const)("refuses %s", (_, change, error, names) => {
    const call = () => proposalMessage({ ...proposal, ...(change as object) } as TProposalContent);
    expect(call).toThrow(error);
    expect(call).toThrow(names);
  });
});

describe("commentMessage", () => {
  it("is the field hash of plaza/comment/v1 and the canonical JSON of the content", () => {
    const json = `{"body":"Which kind?","parentId":null,"proposalId":"${PROPOSAL}"}`;
    expect(commentMessage(comment)).toBe(fieldHash(new TextEncoder().encode(`plaza/comment/v1\n${json}`)));
  });

  it.each([
    ["proposal", { proposalId: OTHER }],
    ["parent", { parentId: OTHER }],
    ["body", { body: "Which kind? " }],
  ] as const)("binds the %s", (_, change) => {
    expect(commentMessage({ ...comment, ...change })).not.toBe(commentMessage(comment));
  });

  it("differs from a proposal's message over the same text", () => {
    const asProposal = { title: comment.body, body: "", category: null, costEstimate: null, location: null };
    expect(commentMessage(comment)).not.toBe(proposalMessage(asProposal));
  });

  it.each([
    ["a missing proposal", { proposalId: undefined }, "proposalId"],
    ["a parent that is neither an id nor null", { parentId: 1 }, "parentId"],
    ["a body that is not a string", { body: ["Which kind?"] }, "body"],
  ] as const)("refuses %s", (_, change, names) => {
    const call = () => commentMessage({ ...comment, ...(change as object) } as TCommentContent);
    expect(call).toThrow(TypeError);
    expect(call).toThrow(names);
  });
});

describe("supportMessage", () => {
  it("is the field hash of plaza/support/v1 and the proposal id", () => {
    expect(supportMessage(PROPOSAL)).toBe(
      fieldHash(new TextEncoder().encode(`plaza/support/v1\n${PROPOSAL}`)),
    );
  });

  it("names the proposal", () => {
    expect(supportMessage(PROPOSAL)).not.toBe(supportMessage(OTHER));
  });

  it.each([
    ["an empty id", ""],
    ["an id that is not a string", 7],
  ] as const)("refuses %s", (_, id) => {
    expect(() => supportMessage(id as string)).toThrow(TypeError);
  });
});
