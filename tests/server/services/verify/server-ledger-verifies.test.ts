import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LedgerSource, verifyLedger } from "@/core/verify";
import { getLatestCheckpoint } from "@/server/services/ledger/get-latest-checkpoint";
import { readTile } from "@/server/services/ledger/read-tile";
import { createInProcessProofVerifier } from "../../../helpers/in-process-proof-verifier";
import { buildResultsFixture, type ResultsFixture } from "../polls/poll-results-fixture";

let f: ResultsFixture;
beforeAll(async () => {
  f = await buildResultsFixture({ districtEntry: true });
}, 180_000);
afterAll(() => f.t.close());

/** What /ledger/checkpoint and /ledger/tile/… serve, read through the same services. */
const servedLedger = (): LedgerSource => ({
  checkpoint: async () => {
    const latest = await getLatestCheckpoint(f.t.db);
    if (!latest) throw new Error("no checkpoint");
    return latest.note;
  },
  tile: async (path) => (await readTile(f.t.db, path)).body,
});

describe("a ledger written by the server's own services", () => {
  it("verifies: every root, rule, proof and tally checks out", async () => {
    await f.sign();
    const report = await verifyLedger({
      source: servedLedger(),
      verifierKey: f.identity.verifierKey,
      verifyProofs: await createInProcessProofVerifier(),
    });
    // The fixture closes its polls early by moving closesAt in the database after they opened
    // (the server itself refuses any change once a poll is open). The observer notices exactly
    // that, from the dates poll_opened froze, and nothing else.
    expect(report.findings.map((x) => x.code)).toEqual(["CLOSED_EARLY", "CLOSED_EARLY"]);
    expect(report.proofs.invalid).toBe(0);
    expect(report.proofs.checked).toBe(f.cast.length);
    const closed = report.polls.filter((p) => p.closedIndex !== null);
    expect(closed.map((p) => p.pollId).sort()).toEqual([f.closedPollId, f.approvalPollId].sort());
    expect(closed.every((p) => p.matches)).toBe(true);
    expect(report.polls.find((p) => p.pollId === f.closedPollId)?.counts).toEqual([1, 2, 0]);
  });
});
