import { z } from "zod";

/** How long before opening a poll may still be scheduled (clock skew between browser and server). */
const GRACE_MS = 60_000;

export const OPENS_IN_PAST_MESSAGE = "the opening time is in the past";

/** The methods a plain poll offers (ranked and budget ballots belong to participatory processes). */
export const ZPollMethod = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("single") }),
  z.object({ kind: z.literal("approval"), min: z.number().int().min(0), max: z.number().int().min(1) }),
]);

const ZPollFields = z.object({
  title: z.string().trim().min(3, "at least 3 characters").max(200),
  description: z.string().trim().max(10_000).default(""),
  options: z
    .array(z.string().trim().min(1, "an option cannot be empty").max(200))
    .min(2, "at least two options")
    .max(64, "at most 64 options")
    .refine((o) => new Set(o.map((x) => x.toLowerCase())).size === o.length, "options must differ"),
  method: ZPollMethod,
  opensAt: z.coerce.date(),
  closesAt: z.coerce.date(),
  minAnonymitySet: z.number().int().min(2, "at least 2").max(1_000_000).default(10),
});

/**
 * Whether a poll may not be scheduled to open at `opensAt`: more than the grace before now. A
 * poll still waiting for its census keeps its stored opening time, already past; that time may
 * be sent back unchanged (`kept`), so the council can edit the poll (lower its minimum) without
 * having to invent a new time. Only a NEW opening time must not be in the past.
 */
export function opensInPast(opensAt: Date, kept?: Date, now = Date.now()): boolean {
  if (kept !== undefined && opensAt.getTime() === kept.getTime()) return false;
  return opensAt.getTime() < now - GRACE_MS;
}

/**
 * A poll's rules as a council member enters them. Ranked and budget ballots belong to
 * participatory processes and are not offered for plain polls. `keptOpensAt` is the stored
 * opening time of the poll being edited (none when creating; "unchecked" leaves the past-time
 * rule to a later check against the stored poll): see opensInPast.
 */
export function pollInputSchema(keptOpensAt?: Date | "unchecked") {
  return ZPollFields.superRefine((p, ctx) => {
    if (p.closesAt.getTime() <= p.opensAt.getTime()) {
      ctx.addIssue({ code: "custom", path: ["closesAt"], message: "the poll must close after it opens" });
    }
    if (keptOpensAt !== "unchecked" && opensInPast(p.opensAt, keptOpensAt)) {
      ctx.addIssue({ code: "custom", path: ["opensAt"], message: OPENS_IN_PAST_MESSAGE });
    }
    if (p.method.kind === "approval") {
      if (p.method.min > p.method.max)
        ctx.addIssue({ code: "custom", path: ["method", "min"], message: "min must not exceed max" });
      if (p.method.max > p.options.length) {
        ctx.addIssue({
          code: "custom",
          path: ["method", "max"],
          message: "max cannot exceed the number of options",
        });
      }
    }
  });
}

/** A new poll's rules: its opening time must not be in the past. */
export const ZPollInput = pollInputSchema();
/**
 * An edited poll's rules before the stored poll is known: every rule but the past opening time,
 * which updatePoll checks against the stored one (opensInPast).
 */
export const ZPollEdit = pollInputSchema("unchecked");
export type TPollInput = z.input<typeof ZPollInput>;
