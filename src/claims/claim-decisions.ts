import type { ClaimRun } from "./claim-run.js";
import type { ClaimCapCut, ClaimDecision } from "./claim-types.js";
import { describePeriod } from "./claim-period.js";
import { formatMinor, priceEntry } from "./compiled-card.js";
import type { CutRecord } from "./cap-log.js";
import { MessageCache, cutMessage } from "./decision-messages.js";
import { R, REASONS, REPEAT } from "./rejection-reasons.js";
import { markIssued } from "../util/issued.js";

/**
 * The decision on every claim of a settlement, in the order the claims were read (an identical repeat has no
 * decision of its own). A read-only list, like an array: `length`, `at(i)`, iteration (`for … of`, spread),
 * `find`, `filter`, `map`, `forEach`, `some`, `every`, `reduce`, `toArray()`, and `JSON.stringify` writes it as
 * an array.
 *
 * Why not an array: a fund's file has millions of claims, and a million decision objects held at once cost
 * about 110 MB and most of a settlement's time (the garbage collector moving them). The list keeps what each
 * decision is made of — the claim, as given, and the settlement's columns of figures — and makes a decision
 * object when it is read: a new frozen plain object each time, equal (not identical) to the last one.
 * Reading them all once, to write a file or to pick the rejected ones, costs what building them would have,
 * and the objects that are not kept are freed young.
 */
export class ClaimDecisionList implements Iterable<ClaimDecision> {
  /** The number of decisions. */
  readonly length: number;
  readonly #view: DecisionView;

  /** @internal Made by `settleClaims`; not for construction by callers. */
  constructor(run: ClaimRun) {
    this.#view = new DecisionView(run);
    this.length = this.#view.rows === undefined ? run.columns.size : this.#view.rows.length;
    Object.freeze(this);
  }

  /** The decision at `index` (a negative index counts from the end, as `Array#at`), or `undefined` outside the list. */
  at(index: number): ClaimDecision | undefined {
    const integer = Number.isNaN(index) ? 0 : Math.trunc(index);
    const position = integer < 0 ? integer + this.length : integer;
    if (!(position >= 0 && position < this.length)) return undefined;
    return this.#view.decision(this.#view.rows === undefined ? position : this.#view.rows[position]!);
  }

  /** The decisions in reading order (`for … of`, spread). */
  *[Symbol.iterator](): IterableIterator<ClaimDecision> {
    for (let index = 0; index < this.length; index += 1) yield this.at(index)!;
  }

  /** The first decision that meets the test, or `undefined`. */
  find(test: (decision: ClaimDecision, index: number) => boolean): ClaimDecision | undefined {
    for (let index = 0; index < this.length; index += 1) {
      const decision = this.at(index)!;
      if (test(decision, index)) return decision;
    }
    return undefined;
  }

  /** The decisions that meet the test, as an array. */
  filter(test: (decision: ClaimDecision, index: number) => boolean): ClaimDecision[] {
    const found: ClaimDecision[] = [];
    this.forEach((decision, index) => {
      if (test(decision, index)) found.push(decision);
    });
    return found;
  }

  /** Each decision transformed, as an array. */
  map<T>(transform: (decision: ClaimDecision, index: number) => T): T[] {
    const mapped = new Array<T>(this.length);
    this.forEach((decision, index) => (mapped[index] = transform(decision, index)));
    return mapped;
  }

  /** Calls `visit` with each decision and its index, in order. */
  forEach(visit: (decision: ClaimDecision, index: number) => void): void {
    for (let index = 0; index < this.length; index += 1) visit(this.at(index)!, index);
  }

  /** True when some decision meets the test. */
  some(test: (decision: ClaimDecision, index: number) => boolean): boolean {
    return this.find(test) !== undefined;
  }

  /** True when every decision meets the test. */
  every(test: (decision: ClaimDecision, index: number) => boolean): boolean {
    return this.find((decision, index) => !test(decision, index)) === undefined;
  }

  /** The decisions folded into one value, from `start`, in order. */
  reduce<T>(combine: (sum: T, decision: ClaimDecision, index: number) => T, start: T): T {
    let sum = start;
    this.forEach((decision, index) => (sum = combine(sum, decision, index)));
    return sum;
  }

  /** Every decision in a new array (a million decisions take about 110 MB). */
  toArray(): ClaimDecision[] {
    return this.map((decision) => decision);
  }

  /** `JSON.stringify` writes the list as an array of decisions. */
  toJSON(): ClaimDecision[] {
    return this.toArray();
  }
}

/** A decision made from the columns, frozen and known as the library's own (so `explainClaimDecision` takes it). */
function issuedDecision(decision: ClaimDecision): ClaimDecision {
  return markIssued(Object.freeze(decision), "claim-decision");
}

/** What a decision is made from, and the strings decisions share (amounts, periods, messages). */
class DecisionView {
  /** The row of each decision when repeats were skipped (else decision `i` is row `i`). */
  readonly rows: Int32Array | undefined;
  private readonly texts = new Map<number, string>();
  private readonly zero: string;
  private readonly firstPeriod: number;
  private readonly periodLabels: readonly string[];
  private readonly messages: MessageCache;

  constructor(private readonly run: ClaimRun) {
    const { columns, card } = run;
    const { reason, size } = columns;
    if (run.repeatsIgnored > 0) {
      const rows = new Int32Array(size - run.repeatsIgnored);
      let next = 0;
      for (let row = 0; row < size; row += 1) if (reason[row] !== REPEAT) rows[next++] = row;
      this.rows = rows;
    }
    this.zero = formatMinor(0, card.places);
    const { firstPeriod, periodCount } = columns;
    this.firstPeriod = firstPeriod;
    this.periodLabels = Array.from(
      { length: periodCount },
      (_, index) => describePeriod(card.card.claimPeriod, firstPeriod + index).label,
    );
    this.messages = new MessageCache(run);
  }

  private text(minor: number): string {
    let found = this.texts.get(minor);
    if (found === undefined) {
      found = formatMinor(minor, this.run.card.places);
      this.texts.set(minor, found);
    }
    return found;
  }

  private cutOf(cut: CutRecord): ClaimCapCut {
    const count = cut.cap === "outcome-volume";
    return Object.freeze({
      cap: cut.cap,
      id: cut.id,
      limit: count ? String(cut.limit) : this.text(cut.limit),
      usedBefore: count ? String(cut.usedBefore) : this.text(cut.usedBefore),
      before: this.text(cut.before),
      after: this.text(cut.after),
      cut: this.text(cut.before - cut.after),
    });
  }

  /** The decision on the claim of `row`: a new frozen object. */
  decision(row: number): ClaimDecision {
    const { run } = this;
    const { columns, card } = run;
    const claim = run.sources[row]!;
    const code = columns.reason[row]!;
    const period = this.periodLabels[columns.period[row]! - this.firstPeriod]!;
    if (code !== R.none && code < R.superseded_in_group) {
      // Rejected before any price applies (the common rejections): one fixed shape, no optional fields.
      return issuedDecision({
        claimId: claim.id,
        participant: claim.participant,
        outcome: claim.outcome,
        achievedOn: claim.achievedOn,
        claimedOn: claim.claimedOn,
        period,
        status: "rejected",
        amount: this.zero,
        reason: REASONS[code]!,
        message: this.messages.of(row, claim),
      } satisfies ClaimDecision);
    }
    const o = columns.outcome[row]!;
    const entry = priceEntry(card, o, columns.achieved[row]!);
    const price = card.priceMinor[o]![entry]!;
    const priceText = card.priceText[o]![entry]!;
    const paid = columns.amount[row]!;
    const value = columns.priced[row]!;
    const paidText = paid === price ? priceText : this.text(paid);
    // Only a claim a cap touched has cuts: look them up for those alone.
    const cutRecords = code >= R.participant_cap_reached || paid < value ? run.capLog.cutsByRow.get(row) : undefined;
    if (code === R.none && cutRecords === undefined) {
      return issuedDecision({
        claimId: claim.id,
        participant: claim.participant,
        outcome: claim.outcome,
        achievedOn: claim.achievedOn,
        claimedOn: claim.claimedOn,
        period,
        status: "accepted",
        amount: paidText,
        price: priceText,
        priced: value === price ? priceText : this.text(value),
      } satisfies ClaimDecision);
    }
    // Priced, then superseded or cut by a cap: optional fields are set in one fixed order.
    const built: Record<string, unknown> = {
      claimId: claim.id,
      participant: claim.participant,
      outcome: claim.outcome,
      achievedOn: claim.achievedOn,
      claimedOn: claim.claimedOn,
      period,
      status: code !== R.none ? "rejected" : "accepted-in-part",
      amount: paidText,
      price: priceText,
    };
    if (code === R.none || code >= R.participant_cap_reached)
      built.priced = value === price ? priceText : this.text(value);
    if (code !== R.none) {
      built.reason = REASONS[code]!;
      built.message = this.messages.of(row, claim);
    } else {
      built.message = cutRecords!.map((cut) => cutMessage(cut, card.places)).join("; ");
    }
    if (cutRecords !== undefined) built.cuts = Object.freeze(cutRecords.map((cut) => this.cutOf(cut)));
    return issuedDecision(built as unknown as ClaimDecision);
  }
}
