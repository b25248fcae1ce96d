import { z } from "zod";
import { parseCheckpoint } from "@/core/checkpoint";
import { LEDGER_ENTRY_TYPES, type TLedgerEntry, type TLedgerEntryType } from "@/core/entries";
import { hashLeaf } from "@/core/merkle";
import { parseSignedNote } from "@/core/note";
import { getLatestCheckpoint } from "../../services/ledger/get-latest-checkpoint";
import { getInclusionProof } from "../../services/ledger/get-proofs";
import { getEntry, listEntries } from "../../services/ledger/list-entries";
import { listWitnesses } from "../../services/ledger/list-witnesses";
import { createTRPCRouter, publicProcedure } from "../trpc";

const ZEntryType = z.enum(LEDGER_ENTRY_TYPES as [TLedgerEntryType, ...TLedgerEntryType[]]);
const ZIndex = z.bigint().min(0n);
const ZBytes = z.custom<Uint8Array>((v) => v instanceof Uint8Array, "must be bytes");

/** What the explorer shows of an entry in a list: its position, type and a few public fields. */
const ZEntrySummary = z.object({
  index: z.bigint(),
  type: ZEntryType,
  /** A human label from the entry itself (a district's name, a poll's title), if it has one. */
  label: z.string().nullable(),
});

/** The short, public label of an entry; anonymous acts (votes, support) have none on purpose. */
function labelOf(entry: TLedgerEntry): string | null {
  switch (entry.type) {
    case "district_created":
      return entry.name;
    case "poll_opened":
    case "proposal":
      return entry.title;
    default:
      return null;
  }
}

export const ledgerRouter = createTRPCRouter({
  /** The newest signed checkpoint (with witness cosignatures), or null before the first one. */
  checkpoint: publicProcedure
    .input(z.void())
    .output(
      z
        .object({
          origin: z.string(),
          size: z.bigint(),
          root: ZBytes,
          note: z.string(),
          createdAt: z.date(),
          cosigners: z.array(z.string()),
        })
        .nullable(),
    )
    .query(async ({ ctx }) => {
      const latest = await getLatestCheckpoint(ctx.db);
      if (!latest) return null;
      return {
        origin: parseCheckpoint(parseSignedNote(latest.note).textBytes).origin,
        size: latest.size,
        root: latest.root,
        note: latest.note,
        createdAt: latest.createdAt,
        cosigners: latest.witnesses,
      };
    }),

  /** The log's note verifier key, the same text as /ledger/vkey. */
  verifierKey: publicProcedure
    .input(z.void())
    .output(z.string())
    .query(async () => {
      // Imported on use: importing the router (as tests with their own database do) must not load
      // the ledger runtime, which opens the process-wide database and key when first called.
      const { getLedgerRuntime } = await import("../../ledger/ledger-runtime");
      return (await getLedgerRuntime()).identity.verifierKey;
    }),

  /** Witnesses the log asks to cosign its checkpoints, and the largest size each cosigned. */
  witnesses: publicProcedure
    .input(z.void())
    .output(
      z.array(
        z.object({
          name: z.string(),
          verifierKey: z.string(),
          url: z.string(),
          lastCosignedSize: z.bigint().nullable(),
        }),
      ),
    )
    .query(({ ctx }) => listWitnesses(ctx.db)),

  /** A page of entries in index order, optionally of one type or one district. */
  entries: publicProcedure
    .input(
      z.object({
        start: ZIndex.default(0n),
        limit: z.number().int().min(1).max(100).default(25),
        type: ZEntryType.optional(),
        districtId: z.uuid().optional(),
      }),
    )
    .output(z.object({ entries: z.array(ZEntrySummary), nextStart: z.bigint().nullable() }))
    .query(async ({ ctx, input }) => {
      const page = await listEntries(ctx.db, input);
      return {
        entries: page.entries.map((e) => ({ index: e.index, type: e.entry.type, label: labelOf(e.entry) })),
        nextStart: page.nextStart,
      };
    }),

  /** One entry's exact bytes and leaf hash, or null when the log has no entry at that index. */
  entry: publicProcedure
    .input(z.object({ index: ZIndex }))
    .output(z.object({ index: z.bigint(), type: ZEntryType, data: ZBytes, leafHash: ZBytes }).nullable())
    .query(async ({ ctx, input }) => {
      const found = await getEntry(ctx.db, input.index);
      if (!found) return null;
      // The leaf hash is over the stored bytes exactly as served, never a re-serialization.
      return { index: found.index, type: found.entry.type, data: found.data, leafHash: hashLeaf(found.data) };
    }),

  /** Inclusion proof of an entry in the latest signed checkpoint's tree (NOT_FOUND beyond it). */
  inclusion: publicProcedure
    .input(z.object({ index: ZIndex }))
    .output(z.object({ index: z.bigint(), size: z.bigint(), leafHash: ZBytes, proof: z.array(ZBytes) }))
    .query(({ ctx, input }) => getInclusionProof(ctx.db, input)),
});
