import type { ClaimCapKind } from "./claim-types.js";
import { formatMinor, type CompiledCard } from "./compiled-card.js";
import { radixOrder } from "./radix-order.js";

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

const CAP_KINDS: readonly ClaimCapKind[] = ["participant", "outcome-volume", "period", "contract"];
const PARTICIPANT_KIND = CAP_KINDS.indexOf("participant");
/** The key of the line of the cap per participant in `CapLog.lines` (one line for every participant). */
const PARTICIPANT_LINE = "participant";

/**
 * What the caps cut: a line per cap (how many claims, how much), and, when decisions are kept, the cuts of
 * each claim for its explanation. The cuts are kept in typed arrays (41 bytes a cut), not as an object each: when
 * a contract cap binds early, most claims of a large file are cut. A claim's cuts are found through an index of
 * the cuts by claim, made when first asked for.
 */
export class CapLog {
  readonly lines = new Map<string, CapLine>();
  /** Cuts kept: how many, then per cut its claim's row, cap, id and figures. */
  private count = 0;
  private row = new Int32Array(0);
  private kind = new Uint8Array(0);
  private idNumber = new Int32Array(0);
  private figures = new Float64Array(0);
  private readonly ids: string[] = [];
  private readonly idNumbers = new Map<string, number>();
  /** The cuts in order of their claim's row (then in the order they were made), and those rows. */
  private byRow: { readonly cuts: Int32Array; readonly rows: Int32Array } | undefined;

  /**
   * `participantIds`: the participants' ids by number (growing as claims are read), for the cuts by the cap per
   * participant that `recordParticipant` keeps by number.
   */
  constructor(
    private readonly card: CompiledCard,
    private readonly keep: boolean,
    private readonly participantIds: readonly string[] = [],
  ) {}

  record(row: number, cut: CutRecord): void {
    // One line for the cap per participant, one per outcome, period or contract for the others.
    const key = cut.cap === "participant" ? PARTICIPANT_LINE : `${cut.cap}\u0000${cut.id}`;
    let line = this.lines.get(key);
    if (line === undefined) {
      const limit = cut.cap === "outcome-volume" ? String(cut.limit) : formatMinor(cut.limit, this.card.places);
      line = { cap: cut.cap, id: cut.cap === "participant" ? "*" : cut.id, limit, claimsCut: 0, cut: 0 };
      this.lines.set(key, line);
    }
    line.claimsCut += 1;
    line.cut += cut.before - cut.after;
    if (this.keep) this.keepCut(row, cut);
  }

  /**
   * `record` for a cut by the cap per participant (the commonest: a large file cuts tens of thousands), without a
   * record object or a lookup of the participant's id: `participant` is its number in `participantIds`.
   */
  recordParticipant(
    row: number,
    participant: number,
    limit: number,
    usedBefore: number,
    before: number,
    after: number,
  ): void {
    let line = this.lines.get(PARTICIPANT_LINE);
    if (line === undefined) {
      line = { cap: "participant", id: "*", limit: formatMinor(limit, this.card.places), claimsCut: 0, cut: 0 };
      this.lines.set(PARTICIPANT_LINE, line);
    }
    line.claimsCut += 1;
    line.cut += before - after;
    // Kept with the participant's number as a negative id number (-1 - number): its id is read when asked for.
    if (this.keep) this.keepFigures(row, PARTICIPANT_KIND, -1 - participant, limit, usedBefore, before, after);
  }

  private keepCut(row: number, cut: CutRecord): void {
    let id = this.idNumbers.get(cut.id);
    if (id === undefined) {
      id = this.ids.length;
      this.ids.push(cut.id);
      this.idNumbers.set(cut.id, id);
    }
    this.keepFigures(row, CAP_KINDS.indexOf(cut.cap), id, cut.limit, cut.usedBefore, cut.before, cut.after);
  }

  private keepFigures(
    row: number,
    kind: number,
    id: number,
    limit: number,
    usedBefore: number,
    before: number,
    after: number,
  ): void {
    const index = this.count;
    if (index === this.kind.length) this.grow(Math.max(1024, index * 2));
    this.row[index] = row;
    this.kind[index] = kind;
    this.idNumber[index] = id;
    const figure = index * 4;
    this.figures[figure] = limit;
    this.figures[figure + 1] = usedBefore;
    this.figures[figure + 2] = before;
    this.figures[figure + 3] = after;
    this.count = index + 1;
    this.byRow = undefined;
  }

  private grow(capacity: number): void {
    const row = new Int32Array(capacity);
    row.set(this.row);
    this.row = row;
    const kind = new Uint8Array(capacity);
    kind.set(this.kind);
    this.kind = kind;
    const idNumber = new Int32Array(capacity);
    idNumber.set(this.idNumber);
    this.idNumber = idNumber;
    const figures = new Float64Array(capacity * 4);
    figures.set(this.figures);
    this.figures = figures;
  }

  /** The cuts in order of their claim's row, made when first asked for. */
  private sorted(): { readonly cuts: Int32Array; readonly rows: Int32Array } {
    if (this.byRow === undefined) {
      const rows = this.row.subarray(0, this.count);
      const scratch = new Int32Array(4 * this.count);
      const part = (index: number) => scratch.subarray(index * this.count, (index + 1) * this.count);
      // A stable sort by row: a claim's cuts stay in the order they were made.
      const cuts = radixOrder(rows, [part(0), part(1), part(2), part(3)]).slice();
      this.byRow = { cuts, rows: cuts.map((cut) => rows[cut]!) };
    }
    return this.byRow;
  }

  /** Where the first cut of the claim of `row` is in the cuts sorted by row (or where it would be). */
  private firstCut(row: number): number {
    const { rows } = this.sorted();
    // The writers of decisions ask row after row: the place found last time, or the next, is checked first.
    const hint = this.hint;
    if (hint < rows.length && rows[hint]! >= row && (hint === 0 || rows[hint - 1]! < row)) return hint;
    let low = 0;
    let high = rows.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (rows[middle]! < row) low = middle + 1;
      else high = middle;
    }
    this.hint = low;
    return low;
  }

  private hint = 0;

  /** True when a cap cut the claim of `row`. */
  hasCuts(row: number): boolean {
    if (this.count === 0) return false;
    const at = this.firstCut(row);
    return at < this.count && this.byRow!.rows[at] === row;
  }

  /** The cuts of the claim of `row`, in the order the caps made them, or `undefined` when no cap cut it. */
  cutsOf(row: number): CutRecord[] | undefined {
    if (this.count === 0) return undefined;
    const low = this.firstCut(row);
    const { cuts, rows } = this.byRow!;
    if (low === rows.length || rows[low] !== row) return undefined;
    const found: CutRecord[] = [];
    for (let i = low; i < rows.length && rows[i] === row; i += 1) {
      const at = cuts[i]!;
      const figure = at * 4;
      found.push({
        cap: CAP_KINDS[this.kind[at]!]!,
        id: this.idOf(this.idNumber[at]!),
        limit: this.figures[figure]!,
        usedBefore: this.figures[figure + 1]!,
        before: this.figures[figure + 2]!,
        after: this.figures[figure + 3]!,
      });
    }
    this.hint = low + found.length;
    return found;
  }

  /** The id a kept cut names: one of `ids`, or a participant's (`recordParticipant`) for a negative number. */
  private idOf(number: number): string {
    return number >= 0 ? this.ids[number]! : this.participantIds[-1 - number]!;
  }
}
