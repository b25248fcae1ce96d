import type { TVerifyPhase } from "../../core/verify";

const WIDTH = 30;
const LABELS: Record<TVerifyPhase, string> = {
  download: "download",
  checkpoint: "checkpoint",
  tree: "tree",
  entries: "entries",
  proofs: "proofs",
  tallies: "tallies",
};

/**
 * One progress bar per phase on stderr. On a terminal the bar is redrawn in place (at most ten
 * times a second) and finished with the phase's time; elsewhere (CI logs, pipes) one line is
 * written when each phase ends, so logs stay readable.
 */
export class ProgressBars {
  #phase: TVerifyPhase | undefined;
  #started = 0;
  #drawn = 0;
  #last = { done: 0, total: 0 };

  constructor(
    private readonly write: (text: string) => void,
    private readonly tty: boolean,
  ) {}

  update(phase: TVerifyPhase, done: number, total: number): void {
    if (phase !== this.#phase) {
      this.finish();
      this.#phase = phase;
      this.#started = performance.now();
    }
    this.#last = { done, total };
    const now = performance.now();
    if (this.tty && (now - this.#drawn > 100 || done === total)) {
      this.#drawn = now;
      this.write(`\r${this.#line(false)}`);
    }
  }

  /** Ends the current phase's bar, if any. */
  finish(): void {
    if (this.#phase === undefined) return;
    this.write(this.tty ? `\r${this.#line(true)}\n` : `${this.#line(true)}\n`);
    this.#phase = undefined;
  }

  #line(final: boolean): string {
    const { done, total } = this.#last;
    const ratio = total === 0 ? 1 : Math.min(1, done / total);
    const filled = Math.round(ratio * WIDTH);
    const bar = `[${"#".repeat(filled)}${".".repeat(WIDTH - filled)}]`;
    const label = LABELS[this.#phase as TVerifyPhase].padEnd(10);
    const count = `${done.toLocaleString("en")}/${total.toLocaleString("en")}`;
    const time = final ? ` ${((performance.now() - this.#started) / 1000).toFixed(1)} s` : "";
    return `  ${label} ${bar} ${String(Math.round(ratio * 100)).padStart(3)}% ${count}${time}`;
  }
}
