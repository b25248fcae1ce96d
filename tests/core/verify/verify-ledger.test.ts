import { beforeAll, describe, expect, it } from "vitest";
import { type ProofBatchVerifier, parseWitnessPolicy, VERIFY_PHASES, verifyLedger } from "@/core/verify";
import {
  FIXTURE,
  LOG_VKEY,
  TAMPER_CASES,
  type TamperedLedger,
  untouchedLedger,
} from "../../fixtures/ledger/tamper-cases";
import { createInProcessProofVerifier } from "../../helpers/in-process-proof-verifier";
import { tiledLogSource } from "../../helpers/tiled-log";

let verifyProofs: ProofBatchVerifier;
beforeAll(async () => {
  verifyProofs = await createInProcessProofVerifier();
});

const run = (ledger: TamperedLedger) =>
  verifyLedger({
    source: tiledLogSource(ledger.log),
    verifierKey: LOG_VKEY,
    verifyProofs,
    ...(ledger.previous === undefined ? {} : { previous: ledger.previous }),
    ...(ledger.witnessPolicy === undefined
      ? {}
      : { witnessPolicy: parseWitnessPolicy(ledger.witnessPolicy) }),
  });

describe("verifyLedger", () => {
  it("passes the untouched fixture and recounts its polls", async () => {
    const report = await run(await untouchedLedger());
    expect(report.findings).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.size).toBe(String(FIXTURE.entries.length));
    // 16 votes, and 6 participation proofs: a proposal, a comment and four supports.
    expect(report.proofs).toEqual({ checked: 22, invalid: 0, depths: [2, 3] });
    expect(report.polls.map((p) => [p.title, p.counts, p.turnout, p.matches])).toEqual([
      ["What should the old depot become?", [0, 2, 1], 3, true],
      ["Which two projects first?", [1, 1, 1], 2, null],
      ["Rank the projects", [1, 2, 1], 4, true],
      ["Spend 100 on the projects", [2, 1, 1], 3, true],
      ["Riverside budget 2027", [2, 1], 3, true],
    ]);
    const ranked = report.polls[2];
    expect([ranked?.rounds?.length, ranked?.winner]).toEqual([2, 1]);
    expect(report.polls[3]?.funded).toEqual([0, 2]);
    expect(report.polls[4]?.options).toEqual(["Shade trees on the riverside walk", "Repair the footbridge"]);
    expect(report.polls[4]?.funded).toEqual([0]);
    expect(report.entries.byType).toEqual(
      expect.objectContaining({
        process_started: 1,
        process_phase: 5,
        proposal: 2,
        support: 4,
        proposal_advanced: 2,
        comment: 2,
        response: 3,
        response_overdue: 1,
        moderation: 1,
      }),
    );
    expect(report.checks.every((c) => c.ok)).toBe(true);
    expect(new Set(report.checks.map((c) => c.phase))).toEqual(
      new Set(VERIFY_PHASES.filter((p) => p !== "download")),
    );
  });

  it("reports progress for every phase", async () => {
    const phases = new Set<string>();
    const ledger = await untouchedLedger();
    await verifyLedger({
      source: tiledLogSource(ledger.log),
      verifierKey: LOG_VKEY,
      verifyProofs,
      onProgress: (p) => {
        expect(p.done).toBeLessThanOrEqual(p.total);
        phases.add(p.phase);
      },
    });
    expect([...phases]).toEqual(["checkpoint", "tree", "entries", "proofs", "tallies"]);
  });

  it("fails, rather than call proofs invalid, when the proof verifier itself fails", async () => {
    const ledger = await untouchedLedger();
    await expect(
      verifyLedger({
        source: tiledLogSource(ledger.log),
        verifierKey: LOG_VKEY,
        verifyProofs: async () => {
          throw new Error("worker crashed");
        },
      }),
    ).rejects.toThrow("the proof verifier failed: worker crashed");
  });

  it("has at least 20 distinct tamper cases", () => {
    expect(TAMPER_CASES.length).toBeGreaterThanOrEqual(20);
    expect(new Set(TAMPER_CASES.map((c) => c.name)).size).toBe(TAMPER_CASES.length);
  });

  it.each(TAMPER_CASES.map((c) => [c.name, c] as const))("flags %s", async (_, tamper) => {
    const report = await run(await tamper.build());
    const { code, index, phase } = tamper.expect;
    expect(report.ok, "the tampered ledger must not verify").toBe(false);
    expect(report.findings, `expected ${code} at ${index}`).toContainEqual(
      expect.objectContaining({ code, phase, index: index === null ? null : String(index) }),
    );
    // Nothing is flagged in a phase before the one the tampering belongs to (no false alarms).
    const earliest = VERIFY_PHASES.indexOf(phase);
    for (const f of report.findings)
      expect(VERIFY_PHASES.indexOf(f.phase), f.message).toBeGreaterThanOrEqual(earliest);
    for (const f of report.findings) expect(f.message.length).toBeGreaterThan(10);
  });

  it("prints both signed checkpoints as the evidence of a fork", async () => {
    const fork = TAMPER_CASES.find((c) => c.expect.code === "FORK") as (typeof TAMPER_CASES)[number];
    const ledger = await fork.build();
    const report = await run(ledger);
    const finding = report.findings.find((f) => f.code === "FORK");
    expect(finding?.evidence?.previous).toBe(ledger.previous);
    expect(finding?.evidence?.current).toBe(new TextDecoder().decode(ledger.log.get("checkpoint")));
  });

  it("accepts a newer checkpoint consistent with the one verified before", async () => {
    const ledger = await untouchedLedger();
    const older = TAMPER_CASES.find((c) => c.expect.code === "ROLLBACK") as (typeof TAMPER_CASES)[number];
    const previous = new TextDecoder().decode((await older.build()).log.get("checkpoint"));
    const report = await run({ ...ledger, previous });
    expect(report.findings).toEqual([]);
    expect(
      report.checks.some((c) => c.text.startsWith("consistent with the checkpoint verified before")),
    ).toBe(true);
  });
});
