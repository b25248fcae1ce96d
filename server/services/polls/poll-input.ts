import { z } from "zod";

/** How long before opening a poll may still be scheduled (clock skew between browser and server). */
const GRACE_MS = 60_000;

const ZMethod = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("single") }),
  z.object({ kind: z.literal("approval"), min: z.number().int().min(0), max: z.number().int().min(1) }),
]);

/**
 * A poll's rules as a council member enters them. Ranked and budget ballots belong to
 * participatory processes and are not offered for plain polls.
 */
export const ZPollInput = z
  .object({
    title: z.string().trim().min(3, "at least 3 characters").max(200),
    description: z.string().trim().max(10_000).default(""),
    options: z
      .array(z.string().trim().min(1, "an option cannot be empty").max(200))
      .min(2, "at least two options")
      .max(64, "at most 64 options")
      .refine((o) => new Set(o.map((x) => x.toLowerCase())).size === o.length, "options must differ"),
    method: ZMethod,
    opensAt: z.coerce.date(),
    closesAt: z.coerce.date(),
    minAnonymitySet: z.number().int().min(2, "at least 2").max(1_000_000).default(10),
  })
  .superRefine((p, ctx) => {
    if (p.closesAt.getTime() <= p.opensAt.getTime()) {
      ctx.addIssue({ code: "custom", path: ["closesAt"], message: "the poll must close after it opens" });
    }
    if (p.opensAt.getTime() < Date.now() - GRACE_MS) {
      ctx.addIssue({ code: "custom", path: ["opensAt"], message: "the opening time is in the past" });
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
export type TPollInput = z.input<typeof ZPollInput>;
