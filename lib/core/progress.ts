/**
 * Progress of a long cell: one output with a display id, updated in place (at most every `minIntervalMs`), showing
 * the step, percentage, elapsed time, an estimate of what is left, and any live values (e.g. the loss). Outside the
 * kernel it writes a line to stderr every 10%.
 * @module
 */
import { fmtNum } from "./format.ts";
import { inJupyter, newDisplayId, showBundle } from "./jupyter.ts";
import { requireInt, requirePositive } from "./validate.ts";

/** Live values shown beside the progress bar. */
export type ProgressInfo = Record<string, number | string>;

/** A progress display for `total` steps. */
export class Progress {
  readonly label: string;
  readonly total: number;
  #done = 0;
  #start = performance.now();
  #lastShown = -Infinity;
  #lastDecile = -1;
  #id = newDisplayId("progress");
  #shownOnce = false;
  #minIntervalMs: number;

  /** @param label what is running; @param total the number of steps (>= 1). */
  constructor(label: string, total: number, options: { minIntervalMs?: number } = {}) {
    requireInt("total", total, 1);
    this.#minIntervalMs = requirePositive("minIntervalMs", options.minIntervalMs ?? 250, true);
    this.label = label;
    this.total = total;
  }

  /** Steps done so far. */
  get done(): number {
    return this.#done;
  }

  /** The text of the current state. */
  text(info: ProgressInfo = {}): string {
    const elapsed = (performance.now() - this.#start) / 1000;
    const frac = this.#done / this.total;
    const width = 24;
    const filled = Math.round(frac * width);
    const eta = this.#done > 0 && this.#done < this.total ? elapsed * (1 / frac - 1) : 0;
    const extras = Object.entries(info).map(([k, v]) => `${k}=${typeof v === "number" ? fmtNum(v, 4) : v}`);
    return `${this.label} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${this.#done}/${this.total} ` +
      `(${Math.round(frac * 100)}%) ${elapsed.toFixed(1)}s` + (eta > 0 ? `, ~${eta.toFixed(0)}s left` : "") +
      (extras.length ? `  ${extras.join(" ")}` : "");
  }

  /** Advances by `steps` and refreshes the display when due (always at the last step). */
  async tick(steps = 1, info: ProgressInfo = {}): Promise<void> {
    requireInt("steps", steps, 0);
    this.#done = Math.min(this.total, this.#done + steps);
    const now = performance.now();
    const last = this.#done === this.total;
    if (inJupyter()) {
      if (last || now - this.#lastShown >= this.#minIntervalMs) {
        this.#lastShown = now;
        await showBundle({ "text/plain": this.text(info) }, { displayId: this.#id, update: this.#shownOnce });
        this.#shownOnce = true;
      }
    } else {
      const decile = Math.floor((this.#done / this.total) * 10);
      if (decile > this.#lastDecile) {
        this.#lastDecile = decile;
        console.error(this.text(info));
      }
    }
  }
}
