import type { ClaimCapKind } from "./claim-types.js";
import { formatMinor, type CompiledCard } from "./compiled-card.js";

/** One cut of one claim by one cap, in minor units (claim counts for the outcome volume cap). */
export interface CutRecord {
  readonly cap: ClaimCapKind;
  readonly id: string;
  readonly limit: number;
  readonly usedBefore: number;
  readonly before: number;
  readonly after: number;
}

interface CapLine {
  readonly cap: ClaimCapKind;
  readonly id: string;
  readonly limit: string;
  claimsCut: number;
  cut: number;
}

/**
 * What the caps cut: a line per cap (how many claims, how much), and, when decisions are kept, the cuts of
 * each claim for its explanation.
 */
export class CapLog {
  readonly lines = new Map<string, CapLine>();
  readonly cutsByRow = new Map<number, CutRecord[]>();

  constructor(
    private readonly card: CompiledCard,
    private readonly keep: boolean,
  ) {}

  record(row: number, cut: CutRecord): void {
    // One line for the cap per participant, one per outcome, period or contract for the others.
    const key = cut.cap === "participant" ? "participant" : `${cut.cap}\u0000${cut.id}`;
    let line = this.lines.get(key);
    if (line === undefined) {
      const limit = cut.cap === "outcome-volume" ? String(cut.limit) : formatMinor(cut.limit, this.card.places);
      line = { cap: cut.cap, id: cut.cap === "participant" ? "*" : cut.id, limit, claimsCut: 0, cut: 0 };
      this.lines.set(key, line);
    }
    line.claimsCut += 1;
    line.cut += cut.before - cut.after;
    if (!this.keep) return;
    const list = this.cutsByRow.get(row);
    if (list === undefined) this.cutsByRow.set(row, [cut]);
    else list.push(cut);
  }
}
