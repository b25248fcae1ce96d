import type { VerifyReport } from "./types";

/**
 * The human summary of a verification: what was checked, phase by phase, every poll as
 * recounted and every process as replayed, then every finding with its entry index and evidence, and the verdict last.
 */
export function formatVerifyReport(report: VerifyReport): string {
  const out: string[] = [];
  out.push(`Plaza ledger ${report.origin}: ${report.size} entries, root ${report.rootHash || "(unknown)"}`);
  out.push("");
  for (const check of report.checks)
    out.push(`${check.ok ? "ok  " : "FAIL"} ${check.phase.padEnd(10)} ${check.text}`);
  if (report.polls.length > 0) {
    out.push("");
    out.push("Polls recounted:");
    for (const poll of report.polls) {
      const counts = poll.options.map((o, i) => `${o}: ${poll.counts[i] ?? "?"}`).join(", ");
      const state =
        poll.closedIndex === null
          ? "open"
          : `closed at entry ${poll.closedIndex}, ${poll.matches ? "tally matches" : "tally DOES NOT match"}`;
      out.push(`  ${poll.title} (${poll.method}, opened at entry ${poll.openedIndex}, ${state})`);
      out.push(`    ${counts}; turnout ${poll.turnout}; ${poll.votes} vote entries`);
      poll.rounds?.forEach((round, r) => {
        const out_ = round.eliminated === null ? "final" : `${poll.options[round.eliminated]} eliminated`;
        out.push(`    round ${r + 1}: ${round.counts.join(" / ")}, ${round.exhausted} exhausted; ${out_}`);
      });
      if (poll.rounds)
        out.push(
          `    winner: ${poll.winner === null || poll.winner === undefined ? "none" : poll.options[poll.winner]}`,
        );
      if (poll.funded)
        out.push(`    funded: ${poll.funded.map((p) => poll.options[p]).join(", ") || "none"}`);
    }
  }
  if (report.processes.length > 0) {
    out.push("");
    out.push("Processes replayed:");
    for (const proc of report.processes) {
      const ballot = proc.ballotPollId === null ? "no ballot" : `ballot ${proc.ballotPollId}`;
      const overdue = proc.overdueIndex === null ? "" : `, responses overdue at entry ${proc.overdueIndex}`;
      out.push(
        `  ${proc.title} (started at entry ${proc.startedIndex}, phase ${proc.phase}, ${ballot}${overdue})`,
      );
      for (const p of proc.proposals) {
        const state = [
          `${p.supports} of ${proc.supportThreshold} supports`,
          p.advancedIndex === null ? null : `advanced at entry ${p.advancedIndex}`,
          p.responses.length === 0 ? null : `council: ${p.responses.join(" → ")}`,
          p.hidden ? "hidden" : null,
        ].filter((x) => x !== null);
        out.push(`    ${p.title} (entry ${p.index}): ${state.join("; ")}`);
      }
    }
  }
  if (report.findings.length > 0) {
    out.push("");
    out.push(`${report.findings.length} finding${report.findings.length === 1 ? "" : "s"}:`);
    for (const f of report.findings) {
      out.push(
        `  ${f.index === null ? "checkpoint" : `entry ${f.index}`} [${f.phase}] ${f.code}: ${f.message}`,
      );
      for (const [name, value] of Object.entries(f.evidence ?? {})) {
        out.push(`    ${name}:`);
        for (const line of value.replace(/\n$/, "").split("\n")) out.push(`      ${line}`);
      }
    }
  }
  out.push("");
  out.push(
    report.ok
      ? "VERIFIED: every check passed."
      : "FAILED: the ledger does not verify (see the findings above).",
  );
  return `${out.join("\n")}\n`;
}
