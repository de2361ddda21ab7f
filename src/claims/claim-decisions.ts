import type { ClaimRun } from "./claim-run.js";
import type { ClaimCapCut, ClaimDecision } from "./claim-types.js";
import { describePeriod } from "./claim-period.js";
import { formatMinor, priceEntry } from "./compiled-card.js";
import type { CutRecord } from "./cap-log.js";
import {
  MessageCache,
  cutMessage,
  dependentMessageKey,
  messageKey,
  rejectionMessage,
  templateKey,
  type ClaimText,
} from "./decision-messages.js";
import { dateOf } from "../contract/day-number.js";
import { R, REASONS, REPEAT } from "./rejection-reasons.js";
import { markIssued } from "../util/issued.js";
import { ByteSink, utf8 } from "./byte-sink.js";
import { civilOf } from "../contract/day-number.js";
import { groupThousands } from "../money/format.js";
import type { Money } from "../money/money.js";

/**
 * The decision on every claim of a settlement, in the order the claims were read (an identical repeat has no
 * decision of its own). A read-only list, like an array: `length`, `at(i)`, iteration (`for … of`, spread),
 * `find`, `filter`, `map`, `forEach`, `some`, `every`, `reduce`, `toArray()`, and `JSON.stringify` writes it as
 * an array.
 *
 * Why not an array: a fund's file has millions of claims, and a million decision objects held at once cost
 * about 110 MB and most of a settlement's time (the garbage collector moving them). The list keeps what each
 * decision is made of — the settlement's columns: the claim's id as bytes, its participant, outcome and dates
 * as numbers, its figures; about 42 bytes a claim — and makes a decision object when it is read: a new frozen
 * plain object each time, equal (not identical) to the last one.
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
    VIEWS.set(this, this.#view);
    Object.freeze(this);
  }

  /** The decision at `index` (a negative index counts from the end, as `Array#at`), or `undefined` outside the list. */
  at(index: number): ClaimDecision | undefined {
    const integer = Number.isNaN(index) ? 0 : Math.trunc(index);
    const position = integer < 0 ? integer + this.length : integer;
    if (!(position >= 0 && position < this.length)) return undefined;
    return issuedDecision(this.#view.fields(this.#view.rows === undefined ? position : this.#view.rows[position]!));
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

/** The view behind each list, for the writers of decisions (`decisionWriterOf`). */
const VIEWS = new WeakMap<ClaimDecisionList, DecisionView>();

/**
 * @internal Writes the decisions of a list the library made, by index, as bytes (see `DecisionView.writeJson`
 * and `writeCsv`); `undefined` for anything else.
 */
export interface DecisionWriter {
  readonly length: number;
  json(index: number, sink: ByteSink, style: JsonStyle): void;
  csv(index: number, sink: ByteSink): void;
  /**
   * Writes the decisions from `index` on — as JSON in `style`, each followed by a line feed (NDJSON), or as CSV
   * rows when `style` is undefined — until the sink holds `limit` bytes or the list ends; returns the next index.
   */
  lines(index: number, sink: ByteSink, style: JsonStyle | undefined, limit: number): number;
}

/** @internal A list's `DecisionWriter`, or `undefined` for anything but a list the library made. */
export function decisionWriterOf(list: unknown): DecisionWriter | undefined {
  const view = list instanceof ClaimDecisionList ? VIEWS.get(list) : undefined;
  if (view === undefined) return undefined;
  const { rows } = view;
  const row = rows === undefined ? (index: number) => index : (index: number) => rows[index]!;
  return {
    length: (list as ClaimDecisionList).length,
    json: (index, sink, style) => view.writeJson(row(index), sink, style),
    csv: (index, sink) => view.writeCsv(row(index), sink),
    lines: (index, sink, style, limit) =>
      view.writeMany(index, (list as ClaimDecisionList).length, sink, style, style === undefined ? -1 : NEWLINE, limit),
  };
}

/** The keys of a decision in JSON, in the order they are written: the columns of a decisions file in CSV too. */
export const DECISION_KEYS = Object.freeze([
  "claimId",
  "participant",
  "outcome",
  "achievedOn",
  "claimedOn",
  "period",
  "status",
  "amount",
  "price",
  "priced",
  "reason",
  "message",
  "dependsOn",
] as const);
const KEYS = DECISION_KEYS;
const K = Object.fromEntries(KEYS.map((key, index) => [key, index])) as Record<(typeof KEYS)[number], number>;

/**
 * @internal How `JSON.stringify` lays a decision out: on one line (`depth` -1), or as `JSON.stringify(…, null,
 * 2)` does at `depth` levels into a document. `keys[k]` holds what goes before the `k`-th key's value — the
 * end of the previous value, the key and the opening quote — as bytes.
 */
export interface JsonStyle {
  readonly depth: number;
  readonly keys: readonly Uint8Array[];
  /** After the last string value: its closing quote and the object's end. */
  readonly end: Uint8Array;
  /** Before the cuts: the closing quote of the value before, and the key. */
  readonly cuts: Uint8Array;
  /** The object's end after the cuts. */
  readonly close: Uint8Array;
  /**
   * What follows an amount's digits in money (`{ amount, currency }`) but the currency's code: the closing quote,
   * the currency's key and its opening quote; then, after the code, the money's end (see `MoneyEnds`).
   */
  readonly currencyKey: string;
  readonly moneyEnd: string;
}

/** Keys whose value is money: their key opens the money object and its `amount` (see `jsonStyle`). */
const MONEY_KEYS: ReadonlySet<string> = new Set(["amount", "price", "priced"]);

/** @internal The layout of decisions at `depth` (-1: one line). */
export function jsonStyle(depth: number): JsonStyle {
  const pretty = depth >= 0;
  const inner = pretty ? `\n${"  ".repeat(depth + 1)}` : "";
  const colon = pretty ? ": " : ":";
  const close = pretty ? `\n${"  ".repeat(depth)}}` : "}";
  // Money one level further in: `{ "amount": "…", "currency": "…" }` as JSON.stringify lays it out.
  const moneyInner = pretty ? `\n${"  ".repeat(depth + 2)}` : "";
  const moneyOpen = (key: string) => (MONEY_KEYS.has(key) ? `{${moneyInner}"amount"${colon}"` : '"');
  return {
    depth,
    keys: KEYS.map((key, index) => utf8(`${index === 0 ? "{" : '",'}${inner}"${key}"${colon}${moneyOpen(key)}`)),
    end: utf8(`"${close}`),
    cuts: utf8(`",${inner}"cuts"${colon}`),
    close: utf8(close),
    currencyKey: `",${moneyInner}"currency"${colon}"`,
    moneyEnd: `"${inner}}`,
  };
}

const NEWLINE = 10;
const COMMA = 44;
const DASH = 45;
const ZERO = 48;
const CRLF = utf8("\r\n");
const REASON_BYTES = REASONS.map((reason) => utf8(reason ?? ""));

/** Text escaped as the inside of a JSON string (without its quotes). */
function jsonInside(text: string): string {
  return escapedInJson(text) ? JSON.stringify(text).slice(1, -1) : text;
}

/** True when `JSON.stringify` writes some character of the text escaped: a quote, a backslash, a control character or a surrogate. */
function escapedInJson(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 32 || code === 34 || code === 92 || (code >= 0xd800 && code <= 0xdfff)) return true;
  }
  return false;
}

/** A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180). */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
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
  /** Money objects decisions share: nothing, each price in force (by outcome and price entry), other amounts. */
  private readonly zero: Money;
  private readonly priceMoney: readonly (readonly Money[])[];
  private readonly monies = new Map<number, Money>();
  private readonly firstPeriod: number;
  private readonly periodLabels: readonly string[];
  private readonly messages: MessageCache;
  /** The text of the days the claims name, by their place in the day table (a few years of days, each made once). */
  private readonly dayTexts: string[] = [];
  /**
   * For the writers, the bytes of what decisions repeat, made once: shared messages (escaped for JSON or CSV),
   * prices (by outcome and price), other amounts (by minor units), and days (see `dayAt`).
   */
  private readonly jsonBytes = new Map<string, Uint8Array>();
  private readonly csvBytes = new Map<string, Uint8Array>();
  private priceBytes: readonly (readonly Uint8Array[])[] | undefined;
  private readonly amountBytes = new Map<number, Uint8Array>();
  private dayTable: { readonly first: number; readonly bytes: Uint8Array; readonly made: Uint8Array } | undefined;
  /** For the writers, what decisions repeat in each layout (a JSON style, or `undefined` for CSV). */
  private readonly layouts = new Map<JsonStyle | undefined, Layout>();
  /** For the writers: every participant's id, end to end, and where each starts. */
  private participantBytes: { readonly bytes: Uint8Array; readonly starts: Int32Array } | undefined;

  constructor(private readonly run: ClaimRun) {
    const { columns, card } = run;
    const { reason, size } = columns;
    if (run.repeatsIgnored > 0) {
      const rows = new Int32Array(size - run.repeatsIgnored);
      let next = 0;
      for (let row = 0; row < size; row += 1) if (reason[row] !== REPEAT) rows[next++] = row;
      this.rows = rows;
    }
    this.zero = Object.freeze({ amount: formatMinor(0, card.places), currency: card.currency });
    this.priceMoney = card.priceText.map((texts) =>
      texts.map((text) => Object.freeze({ amount: text, currency: card.currency })),
    );
    // One object for each amount: nothing and the prices are what other amounts most often equal.
    this.monies.set(0, this.zero);
    card.priceMinor.forEach((prices, o) =>
      prices.forEach((minor, entry) => this.monies.set(minor, this.priceMoney[o]![entry]!)),
    );
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

  /** Minor units as money in the contract currency: one frozen object for each amount. */
  private moneyOf(minor: number): Money {
    let found = this.monies.get(minor);
    if (found === undefined) {
      found = Object.freeze({ amount: this.text(minor), currency: this.run.card.currency });
      this.monies.set(minor, found);
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

  private day(day: number): string {
    this.dayTable ??= this.makeDayTable();
    const offset = day - this.dayTable.first;
    if (!(offset >= 0 && offset < this.dayTable.made.length)) return dateOf(day);
    let found = this.dayTexts[offset];
    if (found === undefined) {
      found = dateOf(day);
      this.dayTexts[offset] = found;
    }
    return found;
  }

  /** The fields of the claim of `row` that its decision repeats, as the claim gave them. */
  private claimText(row: number): ClaimText {
    const { run } = this;
    const { columns } = run;
    return {
      id: columns.idOf(row),
      participant: run.participantIds[columns.participant[row]!]!,
      outcome: run.outcomeCode(row),
      achievedOn: this.day(columns.achieved[row]!),
      claimedOn: this.day(columns.claimed[row]!),
    };
  }

  /** The decision on the claim of `row`: a new plain object (frozen and registered by the list that hands it out). */
  fields(row: number): ClaimDecision {
    const { run } = this;
    const { columns, card } = run;
    const claim = this.claimText(row);
    const code = columns.reason[row]!;
    const period = this.periodLabels[columns.periodOf(row) - this.firstPeriod]!;
    const dependsOn = columns.dependsOn[row]!;
    if (code !== R.none && code < R.superseded_in_group) {
      // Rejected before any price applies (the common rejections): one fixed shape, no optional fields.
      if (dependsOn >= 0)
        return {
          claimId: claim.id,
          participant: claim.participant,
          outcome: claim.outcome,
          achievedOn: claim.achievedOn,
          claimedOn: claim.claimedOn,
          period,
          status: "rejected",
          amount: this.zero,
          reason: REASONS[code]!,
          message: this.messages.of(row, () => claim),
          dependsOn: columns.idOf(dependsOn),
        } satisfies ClaimDecision;
      return {
        claimId: claim.id,
        participant: claim.participant,
        outcome: claim.outcome,
        achievedOn: claim.achievedOn,
        claimedOn: claim.claimedOn,
        period,
        status: "rejected",
        amount: this.zero,
        reason: REASONS[code]!,
        message: this.messages.of(row, () => claim),
      } satisfies ClaimDecision;
    }
    const o = columns.outcome[row]!;
    const entry = priceEntry(card, o, columns.achieved[row]!);
    const price = card.priceMinor[o]![entry]!;
    const priceText = this.priceMoney[o]![entry]!;
    const paid = columns.amount[row]!;
    const value = columns.priced[row]!;
    const paidText = paid === price ? priceText : this.moneyOf(paid);
    // Only a claim a cap touched has cuts: look them up for those alone.
    const cutRecords = code >= R.participant_cap_reached || paid < value ? run.capLog.cutsOf(row) : undefined;
    if (code === R.none && cutRecords === undefined && dependsOn >= 0) {
      return {
        claimId: claim.id,
        participant: claim.participant,
        outcome: claim.outcome,
        achievedOn: claim.achievedOn,
        claimedOn: claim.claimedOn,
        period,
        status: "accepted",
        amount: paidText,
        price: priceText,
        priced: value === price ? priceText : this.moneyOf(value),
        dependsOn: columns.idOf(dependsOn),
      } satisfies ClaimDecision;
    }
    if (code === R.none && cutRecords === undefined) {
      return {
        claimId: claim.id,
        participant: claim.participant,
        outcome: claim.outcome,
        achievedOn: claim.achievedOn,
        claimedOn: claim.claimedOn,
        period,
        status: "accepted",
        amount: paidText,
        price: priceText,
        priced: value === price ? priceText : this.moneyOf(value),
      } satisfies ClaimDecision;
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
      built.priced = value === price ? priceText : this.moneyOf(value);
    if (code !== R.none) {
      built.reason = REASONS[code]!;
      built.message = this.messages.of(row, () => claim);
    } else {
      built.message = cutRecords!.map((cut) => cutMessage(cut, card.places)).join("; ");
    }
    if (dependsOn >= 0) built.dependsOn = columns.idOf(dependsOn);
    if (cutRecords !== undefined) built.cuts = Object.freeze(cutRecords.map((cut) => this.cutOf(cut)));
    return built as unknown as ClaimDecision;
  }

  /** The bytes of a text decisions repeat, escaped for JSON (without quotes) or CSV, made once. */
  private encoded(text: string, csv: boolean): Uint8Array {
    const cache = csv ? this.csvBytes : this.jsonBytes;
    let found = cache.get(text);
    if (found === undefined) {
      found = utf8(csv ? csvField(text) : jsonInside(text));
      cache.set(text, found);
    }
    return found;
  }

  private makeDayTable(): { first: number; bytes: Uint8Array; made: Uint8Array } {
    const { achieved, claimed, size } = this.run.columns;
    let first = Infinity;
    let last = -Infinity;
    for (let row = 0; row < size; row += 1) {
      first = Math.min(first, achieved[row]!, claimed[row]!);
      last = Math.max(last, achieved[row]!, claimed[row]!);
    }
    const span = size === 0 || last - first >= 1 << 20 ? 0 : last - first + 1;
    return { first, bytes: new Uint8Array(span * 10), made: new Uint8Array(span) };
  }

  private writeDate(day: number, bytes: Uint8Array, at: number): void {
    const { year, month, day: date } = civilOf(day);
    bytes[at] = ZERO + Math.floor(year / 1000);
    bytes[at + 1] = ZERO + (Math.floor(year / 100) % 10);
    bytes[at + 2] = ZERO + (Math.floor(year / 10) % 10);
    bytes[at + 3] = ZERO + (year % 10);
    bytes[at + 4] = DASH;
    bytes[at + 5] = ZERO + Math.floor(month / 10);
    bytes[at + 6] = ZERO + (month % 10);
    bytes[at + 7] = DASH;
    bytes[at + 8] = ZERO + Math.floor(date / 10);
    bytes[at + 9] = ZERO + (date % 10);
  }

  /** The bytes of an amount in minor units (digits and a point, the same for JSON and CSV). */
  private amountOf(minor: number): Uint8Array {
    let found = this.amountBytes.get(minor);
    if (found === undefined) {
      found = utf8(this.text(minor));
      this.amountBytes.set(minor, found);
    }
    return found;
  }

  /** Where the text of a day starts in the day table (made when first asked for), or -1 outside the table. */
  private dayAt(day: number): number {
    const table = this.dayTable!;
    const offset = day - table.first;
    if (!(offset >= 0 && offset < table.made.length)) return -1;
    const from = offset * 10;
    if (table.made[offset] === 0) {
      this.writeDate(day, table.bytes, from);
      table.made[offset] = 1;
    }
    return from;
  }

  private dateInto(day: number, bytes: Uint8Array, at: number): number {
    this.writeDate(day, bytes, at);
    return at + 10;
  }

  /**
   * The decision on the claim of `row` as JSON, exactly as `JSON.stringify` writes `fields(row)` in `style`,
   * made from the columns without the decision object.
   */
  writeJson(row: number, sink: ByteSink, style: JsonStyle): void {
    this.write(row, sink, style);
  }

  /** The decision on the claim of `row` as a CSV row (`CLAIM_DECISION_CSV_COLUMNS`), line end included. */
  writeCsv(row: number, sink: ByteSink): void {
    this.write(row, sink, undefined);
  }

  /** `fields(row)` written as JSON in `style`, or as CSV when `style` is undefined: the same choices, in order. */
  private write(row: number, sink: ByteSink, style: JsonStyle | undefined): void {
    this.writeRows(row, row + 1, undefined, sink, this.layoutOf(style), -1, Infinity);
  }

  /**
   * Writes the decisions from `index` on, each followed by `after` (a line feed, or -1 for nothing), until the
   * sink holds `limit` bytes or the list ends; returns the index of the next decision to write.
   */
  writeMany(
    index: number,
    length: number,
    sink: ByteSink,
    style: JsonStyle | undefined,
    after: number,
    limit: number,
  ): number {
    return this.writeRows(index, length, this.rows, sink, this.layoutOf(style), after, limit);
  }

  /**
   * The loop of a decisions file: the decisions on the claims of `rows[index]`, `rows[index + 1]`, … (or rows
   * `index`, `index + 1`, … without `rows`), up to `length` or until the sink holds `limit` bytes, each followed
   * by `after` when it is not -1; returns the index of the next. Each decision's claim fields are copied from the
   * columns and the pieces kept (see `Layout`), then the rest is written by `writeTail`.
   */
  private writeRows(
    index: number,
    length: number,
    rows: Int32Array | undefined,
    sink: ByteSink,
    layout: Layout,
    after: number,
    limit: number,
  ): number {
    const { run } = this;
    const { columns } = run;
    this.participantBytes ??= run.participants.idBytes();
    const { idBytes, idEnd, participant, outcome, achieved, claimed } = columns;
    const { bytes: people, starts } = this.participantBytes;
    const { open, afterId } = layout;
    const table = this.dayTable!;
    const dayBytes = table.bytes;
    const first = table.first;
    const days = table.made.length;
    const unknown = run.unknownOutcomes.length;
    const extra = after >= 0 ? 1 : 0;
    let next = index;
    let touched = next;
    for (; next < length && sink.at < limit; next += 1) {
      if (next === touched) touched = this.touchAhead(next, Math.min(next + TOUCH_AHEAD, length), rows);
      const row = rows === undefined ? next : rows[next]!;
      const idFrom = row === 0 ? 0 : idEnd[row - 1]!;
      const idTo = idEnd[row]!;
      const p = participant[row]!;
      const personFrom = starts[p]!;
      const personTo = starts[p + 1]!;
      const achievedOffset = achieved[row]! - first;
      const claimedOffset = claimed[row]! - first;
      const outcomePiece = layout.outcome[outcome[row]! + unknown] ?? this.outcomePiece(layout, row);
      // The achieved date from the day table (its ten bytes, made when first needed); the claimed date with the
      // period after it, a piece for each claimed day.
      const achievedAt = achievedOffset >= 0 && achievedOffset < days ? this.dayAt(achieved[row]!) : -1;
      const claimedPiece =
        (claimedOffset >= 0 && claimedOffset < days ? layout.claimed[claimedOffset] : undefined) ??
        this.claimedPiece(layout, row);
      sink.room(
        open.length +
          idTo -
          idFrom +
          afterId.length +
          personTo -
          personFrom +
          outcomePiece.length +
          10 +
          claimedPiece.length,
      );
      const { bytes } = sink;
      let at = sink.at;
      for (let i = 0; i < open.length; i += 1) bytes[at++] = open[i]!;
      for (let i = idFrom; i < idTo; i += 1) bytes[at++] = idBytes[i]!;
      for (let i = 0; i < afterId.length; i += 1) bytes[at++] = afterId[i]!;
      for (let i = personFrom; i < personTo; i += 1) bytes[at++] = people[i]!;
      at = place(outcomePiece, bytes, at);
      if (achievedAt >= 0) for (let i = achievedAt; i < achievedAt + 10; i += 1) bytes[at++] = dayBytes[i]!;
      else at = this.dateInto(achieved[row]!, bytes, at);
      sink.at = place(claimedPiece, bytes, at);
      this.writeTail(row, layout, sink);
      if (extra === 1) sink.byte(after);
    }
    return next;
  }

  /**
   * Reads the first byte of the id of each decision's participant from `from` to `to`, and of the id of the
   * claim it depends on, and returns `to`. Claims come in the file's order, not by participant, and the claim
   * depended on was read anywhere in the file: both ids are far away in memory. Touched together, a block of
   * decisions ahead, the reads overlap instead of waiting for each other when the decisions are written (the
   * participant's id was most of the time of writing a decision's first fields).
   */
  private touchAhead(from: number, to: number, rows: Int32Array | undefined): number {
    const { dependsOn, idEnd, idBytes, participant } = this.run.columns;
    const { bytes: people, starts } = this.participantBytes!;
    let sum = 0;
    for (let next = from; next < to; next += 1) {
      const row = rows === undefined ? next : rows[next]!;
      sum += people[starts[participant[row]!]!]!;
      const other = dependsOn[row]!;
      if (other > 0) sum += idBytes[idEnd[other - 1]!]!;
    }
    this.touchedSum ^= sum;
    return to;
  }

  /** What `touchAhead` read, kept so that the reads are not left out as useless. */
  private touchedSum = 0;

  private layoutOf(style: JsonStyle | undefined): Layout {
    let layout = this.layouts.get(style);
    if (layout === undefined) {
      const { card } = this.run;
      const keys = style?.keys;
      this.dayTable ??= this.makeDayTable();
      layout = {
        style,
        open: keys === undefined ? new Uint8Array(0) : keys[K.claimId]!,
        afterId: keys === undefined ? COMMA_BYTES : keys[K.participant]!,
        outcome: [],
        claimed: [],
        accepted: card.priceText.map(() => []),
        entries: card.priceFrom.reduce((most, from) => Math.max(most, from.length), 1),
        rejected: [],
        dependent: [],
        rejectedHits: [],
        dependentHits: [],
        templates: new Map(),
        cut: new Map(),
      };
      this.layouts.set(style, layout);
    }
    return layout;
  }

  /** The bytes from after the participant up to the achieved date: the outcome's code and the keys around it. */
  private outcomePiece(layout: Layout, row: number): Uint8Array {
    const slot = this.run.columns.outcome[row]! + this.run.unknownOutcomes.length;
    const code = this.run.outcomeCode(row);
    const keys = layout.style?.keys;
    const piece =
      keys === undefined
        ? utf8(`,${csvField(code)},`)
        : joined([keys[K.outcome]!, utf8(jsonInside(code)), keys[K.achievedOn]!]);
    layout.outcome[slot] = piece;
    return piece;
  }

  /**
   * The bytes from after the achieved date through the claim period's label: the claimed date and its period
   * (the period of a claim is that of its claimed day), kept by day when the day is in the day table.
   */
  private claimedPiece(layout: Layout, row: number): Uint8Array {
    const { columns } = this.run;
    const day = columns.claimed[row]!;
    const offset = day - this.dayTable!.first;
    const kept = offset >= 0 && offset < this.dayTable!.made.length;
    let piece = kept ? layout.claimed[offset] : undefined;
    if (piece === undefined) {
      const keys = layout.style?.keys;
      const label = this.periodLabels[columns.periodOf(row) - this.firstPeriod]!;
      piece =
        keys === undefined
          ? utf8(`,${this.day(day)},${label}`)
          : joined([keys[K.claimedOn]!, utf8(this.day(day)), keys[K.period]!, utf8(label)]);
      if (kept) layout.claimed[offset] = piece;
    }
    return piece;
  }

  /**
   * What follows the period in the decision on the claim of `row`: bytes made once and kept for the commonest
   * decisions (a claim accepted at its price; a claim rejected with a message that `messageKey` keys), written
   * field by field for the others.
   */
  private writeTail(row: number, layout: Layout, sink: ByteSink): void {
    const { columns, card } = this.run;
    const code = columns.reason[row]!;
    const style = layout.style;
    if (code !== R.none && code < R.superseded_in_group) {
      // A message that names the claim's days (and the claim it depends on): kept with marks for them.
      const template = templateKey(this.run, row, code);
      if (template >= 0) return this.writeTemplated(layout, code, template, row, sink);
    }
    if (columns.dependsOn[row]! >= 0) return this.writeDependent(row, code, layout, sink);
    if (code !== R.none && code < R.superseded_in_group) {
      const key = messageKey(this.run, row, code);
      if (key < 0) return this.writeRejected(row, code, sink, style);
      return this.writeKept(layout, code, columns.outcome[row]!, 0, key, row, sink);
    }
    const o = columns.outcome[row]!;
    const entry = priceEntry(card, o, columns.achieved[row]!);
    const price = card.priceMinor[o]![entry]!;
    const paid = columns.amount[row]!;
    if (code === R.none && paid === price && columns.priced[row] === price) {
      const tail = layout.accepted[o]![entry];
      if (tail !== undefined) return sink.put(tail);
      const start = sink.at;
      this.writePriced(row, code, o, entry, sink, style);
      layout.accepted[o]![entry] = sink.bytes.slice(start, sink.at);
      return;
    }
    // Superseded in its group: never cut (its amount is nothing), its message keyed by the price already paid.
    if (code === R.superseded_in_group && paid === 0 && !this.run.capLog.hasCuts(row))
      return this.writeKept(layout, code, o, entry, messageKey(this.run, row, code), row, sink);
    const value = columns.priced[row]!;
    const cuts = code >= R.participant_cap_reached || paid < value ? this.run.capLog.cutsOf(row) : undefined;
    if (cuts !== undefined && (style === undefined || style.depth < 0))
      return this.writeCutTail(row, code, o, entry, cuts, layout, sink);
    this.writePriced(row, code, o, entry, sink, style);
  }

  /**
   * The end of the decision on a claim a cap cut, kept by all it depends on — its reason, outcome, price entry,
   * amounts and cuts — but the participant's id, which a cut by the cap per participant names (in the cuts of
   * a JSON line): that is written into the kept bytes each time. Caps cut many claims by the same figures.
   */
  private writeCutTail(
    row: number,
    code: number,
    o: number,
    entry: number,
    cuts: readonly CutRecord[],
    layout: Layout,
    sink: ByteSink,
  ): void {
    const { columns } = this.run;
    // What the end depends on, as numbers (and the ids of the caps but the one per participant), and their hash.
    const count = 5 + 5 * cuts.length;
    if (this.cutFigures.length < count) this.cutFigures = new Float64Array(2 * count);
    const figures = this.cutFigures;
    figures[0] = code;
    figures[1] = o;
    figures[2] = entry;
    figures[3] = columns.amount[row]!;
    figures[4] = columns.priced[row]!;
    for (let k = 0, at = 5; k < cuts.length; k += 1, at += 5) {
      const cut = cuts[k]!;
      figures[at] = CUT_CAPS.indexOf(cut.cap);
      figures[at + 1] = cut.limit;
      figures[at + 2] = cut.usedBefore;
      figures[at + 3] = cut.before;
      figures[at + 4] = cut.after;
    }
    let hash = FNV_START;
    for (let i = 0; i < count; i += 1) {
      const value = figures[i]!;
      hash = Math.imul(hash ^ (value | 0), FNV_STEP);
      hash = Math.imul(hash ^ ((value / 4294967296) | 0), FNV_STEP);
    }
    const candidates = layout.cut.get(hash);
    let kept: CutTail | undefined;
    if (candidates !== undefined) {
      for (const candidate of candidates) {
        if (sameCutTail(candidate, figures, count, cuts)) {
          kept = candidate;
          break;
        }
      }
    }
    if (kept !== undefined) {
      const people = this.participantBytes!;
      const p = columns.participant[row]!;
      const personFrom = people.starts[p]!;
      const personTo = people.starts[p + 1]!;
      const { bytes: tail, ids } = kept;
      sink.room(tail.length + ids.length * (personTo - personFrom));
      const { bytes } = sink;
      let at = sink.at;
      let from = 0;
      for (let k = 0; k <= ids.length; k += 1) {
        const to = k < ids.length ? ids[k]! : tail.length;
        bytes.set(tail.subarray(from, to), at);
        at += to - from;
        if (k < ids.length) for (let i = personFrom; i < personTo; i += 1) bytes[at++] = people.bytes[i]!;
        from = to;
      }
      sink.at = at;
      return;
    }
    const start = sink.at;
    this.idSpans.length = 0;
    this.writePriced(row, code, o, entry, sink, layout.style);
    if (this.cutTails >= KEPT_TAILS) return;
    // The bytes written, without the participant's id where a cut named it, and where it goes.
    const spans = this.idSpans;
    const ids = new Int32Array(spans.length / 2);
    const parts: Uint8Array[] = [];
    let from = start;
    let length = 0;
    for (let k = 0; k < ids.length; k += 1) {
      parts.push(sink.bytes.slice(from, spans[2 * k]!));
      length += spans[2 * k]! - from;
      ids[k] = length;
      from = spans[2 * k + 1]!;
    }
    parts.push(sink.bytes.slice(from, sink.at));
    const tail: CutTail = {
      figures: figures.slice(0, count),
      capIds: cuts.map((cut) => (cut.cap === "participant" ? "" : cut.id)),
      bytes: joined(parts),
      ids,
    };
    if (candidates === undefined) layout.cut.set(hash, [tail]);
    else candidates.push(tail);
    this.cutTails += 1;
  }

  /** What `writeCutTail` keys a kept end by (reused). */
  private cutFigures = new Float64Array(16);
  /** How many ends of decisions on claims a cap cut are kept, in every layout. */
  private cutTails = 0;

  /**
   * The end of a decision that names the claim it depends on (in `dependsOn` and in its message). The commonest —
   * accepted at its price, a limit reached, a rung superseded, a window or holding period from the prerequisite —
   * are kept as for the others (by reason, outcome, price entry and message key), with the places of that claim's
   * id marked; the others are written each time.
   */
  private writeDependent(row: number, code: number, layout: Layout, sink: ByteSink): void {
    const { columns, card } = this.run;
    const o = columns.outcome[row]!;
    const entry = priceEntry(card, o, columns.achieved[row]!);
    const paid = columns.amount[row]!;
    let key = -1;
    if (code === R.none) {
      const price = card.priceMinor[o]![entry]!;
      if (paid === price && columns.priced[row] === price) key = 0;
    } else if (code === R.superseded_in_group) {
      if (paid === 0 && !this.run.capLog.hasCuts(row)) key = dependentMessageKey(this.run, row, code);
    } else if (code < R.superseded_in_group) key = dependentMessageKey(this.run, row, code);
    if (key < 0) return this.writeFresh(row, code, o, entry, layout.style, sink);
    const slot = (code * card.codes.length + o) * layout.entries + entry;
    let kept = layout.dependent[slot];
    if (kept === undefined) {
      kept = new Map();
      layout.dependent[slot] = kept;
    }
    let pieces = kept === null ? undefined : kept.get(key);
    if (pieces === undefined) {
      if (kept === null) return this.writeFresh(row, code, o, entry, layout.style, sink);
      if (keptEnough(kept.size, layout.dependentHits[slot] ?? 0)) {
        layout.dependent[slot] = null;
        return this.writeFresh(row, code, o, entry, layout.style, sink);
      }
      // Written once with a mark for the id, then cut into the pieces between the marks.
      const start = sink.at;
      this.markDependsOn = true;
      this.writeFresh(row, code, o, entry, layout.style, sink);
      this.markDependsOn = false;
      pieces = markedOut(sink.bytes, start, sink.at);
      sink.at = start;
      kept.set(key, pieces);
    } else layout.dependentHits[slot] = (layout.dependentHits[slot] ?? 0) + 1;
    const dependsOn = columns.dependsOn[row]!;
    const { idBytes, idEnd } = columns;
    const idFrom = dependsOn === 0 ? 0 : idEnd[dependsOn - 1]!;
    const idTo = idEnd[dependsOn]!;
    let length = (pieces.length - 1) * (idTo - idFrom);
    for (let k = 0; k < pieces.length; k += 1) length += pieces[k]!.length;
    sink.room(length);
    const { bytes } = sink;
    let at = place(pieces[0]!, bytes, sink.at);
    for (let k = 1; k < pieces.length; k += 1) {
      for (let i = idFrom; i < idTo; i += 1) bytes[at++] = idBytes[i]!;
      at = place(pieces[k]!, bytes, at);
    }
    sink.at = at;
  }

  /** The end of the decision on the claim of `row`, written field by field (`writeRejected` or `writePriced`). */
  private writeFresh(
    row: number,
    code: number,
    o: number,
    entry: number,
    style: JsonStyle | undefined,
    sink: ByteSink,
  ): void {
    if (code !== R.none && code < R.superseded_in_group) this.writeRejected(row, code, sink, style);
    else this.writePriced(row, code, o, entry, sink, style);
  }

  /** While true, the id of the claim a decision depends on is written as `DEPENDS_MARK` (see `writeDependent`). */
  private markDependsOn = false;

  /**
   * While true, a message written by `writeMessage` has a mark for each day it names (`ACHIEVED_MARK`,
   * `CLAIMED_MARK`, `DETAIL_MARK`): see `writeTemplated`.
   */
  private markDays = false;

  /**
   * The end of the decision on a claim rejected before pricing whose message names its days — the achieved and
   * claimed days, the day of its detail (an enrolment, a window's end, a holding period's first day) — and maybe
   * the claim it depends on, kept once by reason, outcome and `key` (`templateKey`) with a mark in each of those
   * places: the days' ten characters and the id are written into the marks each time. (Kept by the days
   * themselves, most such ends were met once: a window's end is the claim's own.)
   */
  private writeTemplated(layout: Layout, code: number, key: number, row: number, sink: ByteSink): void {
    const { columns, card } = this.run;
    const dependsOn = columns.dependsOn[row]!;
    const slot =
      ((key * REASONS.length + code) * card.codes.length + columns.outcome[row]!) * 2 + (dependsOn >= 0 ? 1 : 0);
    let template = layout.templates.get(slot);
    if (template === undefined) {
      const start = sink.at;
      this.markDays = true;
      this.markDependsOn = dependsOn >= 0;
      this.writeRejected(row, code, sink, layout.style);
      this.markDays = false;
      this.markDependsOn = false;
      template = cutAtMarks(sink.bytes, start, sink.at);
      sink.at = start;
      layout.templates.set(slot, template);
    }
    const { pieces, marks } = template;
    const { idBytes, idEnd } = columns;
    const idFrom = dependsOn <= 0 ? 0 : idEnd[dependsOn - 1]!;
    const idTo = dependsOn < 0 ? 0 : idEnd[dependsOn]!;
    let length = 0;
    for (let k = 0; k < pieces.length; k += 1) length += pieces[k]!.length;
    for (let k = 0; k < marks.length; k += 1) length += marks[k] === DEPENDS_MARK ? idTo - idFrom : 10;
    sink.room(length);
    const { bytes } = sink;
    let at = place(pieces[0]!, bytes, sink.at);
    for (let k = 0; k < marks.length; k += 1) {
      const mark = marks[k]!;
      if (mark === DEPENDS_MARK) for (let i = idFrom; i < idTo; i += 1) bytes[at++] = idBytes[i]!;
      else {
        const day =
          mark === ACHIEVED_MARK
            ? columns.achieved[row]!
            : mark === CLAIMED_MARK
              ? columns.claimed[row]!
              : columns.detail[row]!;
        const from = this.dayAt(day);
        if (from >= 0) {
          const days = this.dayTable!.bytes;
          for (let i = from; i < from + 10; i += 1) bytes[at++] = days[i]!;
        } else at = this.dateInto(day, bytes, at);
      }
      at = place(pieces[k + 1]!, bytes, at);
    }
    sink.at = at;
  }

  /** Where `writeCuts` wrote the participant's id of each cut by the cap per participant (start, end). */
  private readonly idSpans: number[] = [];

  /**
   * Writes the end of a decision kept by reason, outcome, price entry and message key, made (from `row`) when
   * first needed. When a reason and outcome have more keys than a layout keeps (the claims' own days), their
   * decisions are written each time instead.
   */
  private writeKept(
    layout: Layout,
    code: number,
    o: number,
    entry: number,
    key: number,
    row: number,
    sink: ByteSink,
  ): void {
    const slot = (code * this.run.card.codes.length + o) * layout.entries + entry;
    let kept = layout.rejected[slot];
    if (kept === undefined) {
      kept = new Map();
      layout.rejected[slot] = kept;
    }
    const tail = kept === null ? undefined : kept.get(key);
    if (tail !== undefined) {
      layout.rejectedHits[slot] = (layout.rejectedHits[slot] ?? 0) + 1;
      return sink.put(tail);
    }
    const start = sink.at;
    if (code === R.superseded_in_group) this.writePriced(row, code, o, entry, sink, layout.style);
    else this.writeRejected(row, code, sink, layout.style);
    if (kept === null) return;
    if (keptEnough(kept.size, layout.rejectedHits[slot] ?? 0)) layout.rejected[slot] = null;
    else kept.set(key, sink.bytes.slice(start, sink.at));
  }

  /** What follows the period in the decision on a claim rejected before pricing: status, amount, reason, message. */
  private writeRejected(row: number, code: number, sink: ByteSink, style: JsonStyle | undefined): void {
    const keys = style?.keys;
    const csv = style === undefined;
    next(sink, keys, K.status);
    sink.put(REJECTED);
    if (csv) sink.put(this.csvCurrency());
    next(sink, keys, K.amount);
    sink.put(this.amountOf(0));
    if (csv) sink.put(CSV_NO_PRICES);
    else sink.put(this.moneyEnds(style).keys[K.reason]!);
    sink.put(REASON_BYTES[code]!);
    next(sink, keys, K.message);
    this.writeMessage(row, code, sink, csv);
    this.writeEnd(row, sink, style);
  }

  /**
   * The end of a decision whose last string value is open (JSON: an amount's, when `afterMoney`) or written
   * (CSV): the claim it depends on, if any, then the object's end or the line's.
   */
  private writeEnd(row: number, sink: ByteSink, style: JsonStyle | undefined, afterMoney = false): void {
    const dependsOn = this.run.columns.dependsOn[row]!;
    if (style === undefined) {
      sink.byte(COMMA);
      if (dependsOn >= 0) this.writeId(dependsOn, sink);
      return sink.put(CRLF);
    }
    const ends = afterMoney ? this.moneyEnds(style) : undefined;
    if (dependsOn >= 0) {
      sink.put(ends === undefined ? style.keys[K.dependsOn]! : ends.keys[K.dependsOn]!);
      this.writeId(dependsOn, sink);
      return sink.put(style.end);
    }
    sink.put(ends === undefined ? style.end : ends.end);
  }

  /**
   * In a style, what closes an amount's money — its currency and the object's end — with the key that follows
   * (by key), or with the decision's end: made once for each style.
   */
  private moneyEnds(style: JsonStyle): MoneyEnds {
    let found = this.moneyEndsByStyle.get(style);
    if (found === undefined) {
      const close = `${style.currencyKey}${jsonInside(this.run.card.currency)}${style.moneyEnd}`;
      const closed = (bytes: Uint8Array) => joined([utf8(close), bytes.subarray(1)]);
      found = { keys: style.keys.map(closed), end: closed(style.end) };
      this.moneyEndsByStyle.set(style, found);
    }
    return found;
  }

  private readonly moneyEndsByStyle = new Map<JsonStyle, MoneyEnds>();

  /** The currency column of a decision's CSV row, with the comma before it. */
  private csvCurrency(): Uint8Array {
    this.csvCurrencyBytes ??= utf8(`,${csvField(this.run.card.currency)}`);
    return this.csvCurrencyBytes;
  }

  private csvCurrencyBytes: Uint8Array | undefined;

  /** The id of the claim of `row`, as its bytes (an id needs no escaping in JSON or CSV). */
  private writeId(row: number, sink: ByteSink): void {
    if (this.markDependsOn) return sink.byte(DEPENDS_MARK);
    const { idBytes, idEnd } = this.run.columns;
    const from = row === 0 ? 0 : idEnd[row - 1]!;
    const to = idEnd[row]!;
    sink.room(to - from);
    const { bytes } = sink;
    let at = sink.at;
    for (let i = from; i < to; i += 1) bytes[at++] = idBytes[i]!;
    sink.at = at;
  }

  /** What follows the period in the decision on a claim that was priced: status, the amounts, and why it was cut. */
  private writePriced(
    row: number,
    code: number,
    o: number,
    entry: number,
    sink: ByteSink,
    style: JsonStyle | undefined,
  ): void {
    const { run } = this;
    const { columns, card } = run;
    const keys = style?.keys;
    const csv = style === undefined;
    const price = card.priceMinor[o]![entry]!;
    this.priceBytes ??= card.priceText.map((texts) => texts.map((text) => utf8(text)));
    const priceBytes = this.priceBytes[o]![entry]!;
    const paid = columns.amount[row]!;
    const value = columns.priced[row]!;
    const cutRecords = code >= R.participant_cap_reached || paid < value ? run.capLog.cutsOf(row) : undefined;
    // Each amount's money is closed by what follows it (`moneyEnds`): in JSON the field after the last amount
    // is written with its money's end.
    const ends = style === undefined ? undefined : this.moneyEnds(style);
    const afterMoney = ends?.keys;
    next(sink, keys, K.status);
    sink.put(code !== R.none ? REJECTED : cutRecords === undefined ? ACCEPTED : ACCEPTED_IN_PART);
    if (csv) sink.put(this.csvCurrency());
    next(sink, keys, K.amount);
    sink.put(paid === price ? priceBytes : this.amountOf(paid));
    next(sink, afterMoney, K.price);
    sink.put(priceBytes);
    if (code === R.none || code >= R.participant_cap_reached) {
      next(sink, afterMoney, K.priced);
      sink.put(value === price ? priceBytes : this.amountOf(value));
    } else if (csv) sink.byte(COMMA);
    if (code !== R.none) {
      next(sink, afterMoney, K.reason);
      sink.put(REASON_BYTES[code]!);
      next(sink, keys, K.message);
      this.writeMessage(row, code, sink, csv);
    } else if (cutRecords !== undefined) {
      if (csv) sink.byte(COMMA);
      next(sink, afterMoney, K.message);
      const said =
        cutRecords.length === 1
          ? cutMessage(cutRecords[0]!, card.places, this.money)
          : cutRecords.map((cut) => cutMessage(cut, card.places, this.money)).join("; ");
      if (csv) sink.csvText(said);
      else sink.jsonText(said);
    } else if (csv) sink.put(CSV_NO_REASON);
    if (csv || cutRecords === undefined)
      return this.writeEnd(row, sink, style, code === R.none && cutRecords === undefined);
    if (columns.dependsOn[row]! >= 0) {
      sink.put(style.keys[K.dependsOn]!);
      this.writeId(columns.dependsOn[row]!, sink);
    }
    sink.put(style.cuts);
    if (style.depth < 0) this.writeCuts(cutRecords, sink);
    else
      sink.text(
        JSON.stringify(
          cutRecords.map((cut) => this.cutOf(cut)),
          null,
          2,
        ).replaceAll("\n", `\n${"  ".repeat(style.depth + 1)}`),
      );
    sink.put(style.close);
  }

  /** A claim's cuts as `JSON.stringify` writes the list of `cutOf` each, on one line. */
  private writeCuts(cuts: readonly CutRecord[], sink: ByteSink): void {
    sink.byte(OPEN_BRACKET);
    for (let k = 0; k < cuts.length; k += 1) {
      const cut = cuts[k]!;
      const count = cut.cap === "outcome-volume";
      if (k > 0) sink.byte(COMMA);
      sink.put(CUT_KEYS[0]!);
      sink.jsonText(cut.cap);
      sink.put(CUT_KEYS[1]!);
      const idStart = sink.at;
      sink.jsonText(cut.id);
      if (cut.cap === "participant") this.idSpans.push(idStart, sink.at);
      sink.put(CUT_KEYS[2]!);
      sink.jsonText(count ? String(cut.limit) : this.text(cut.limit));
      sink.put(CUT_KEYS[3]!);
      sink.jsonText(count ? String(cut.usedBefore) : this.text(cut.usedBefore));
      sink.put(CUT_KEYS[4]!);
      sink.put(this.amountOf(cut.before));
      sink.put(CUT_KEYS[5]!);
      sink.put(this.amountOf(cut.after));
      sink.put(CUT_KEYS[6]!);
      sink.put(this.amountOf(cut.before - cut.after));
      sink.put(CUT_KEYS[7]!);
    }
    sink.byte(CLOSE_BRACKET);
  }

  /** The message of a rejected claim, escaped: a shared one's bytes are made once, a claim's own each time. */
  private writeMessage(row: number, code: number, sink: ByteSink, csv: boolean): void {
    const dependsOnMark = this.markDependsOn ? DEPENDS_MARK_TEXT : undefined;
    const message = this.markDays
      ? this.markedMessage(row, code, dependsOnMark)
      : this.messages.of(row, () => this.lazyClaimText(row), dependsOnMark);
    if (MessageCache.shared(code) && this.run.columns.dependsOn[row]! < 0) sink.put(this.encoded(message, csv));
    else if (csv) sink.csvText(message);
    else sink.jsonText(message);
  }

  /**
   * The message of the claim of `row`, rejected for `code` (a reason `templateKey` keys), with a mark for each
   * day it names: its achieved and claimed days, and the day of its detail where the message names it.
   */
  private markedMessage(row: number, code: number, dependsOnId: string | undefined): string {
    const detail = this.run.columns.detail[row]!;
    const namesDetail =
      code === R.achieved_before_enrolment || code === R.outside_window || code === R.holding_period_not_met;
    const marked = (day: number) => (namesDetail && day === detail ? DETAIL_MARK_TEXT : dateOf(day));
    return rejectionMessage(this.run, row, new MarkedClaimText(this.run, row, this.dayText), marked, dependsOnId);
  }

  /** `claimText(row)`, each field made only when read (a message names one or two). */
  private lazyClaimText(row: number): ClaimText {
    return new LazyClaimText(this.run, row, this.dayText);
  }

  private readonly dayText = (day: number): string => this.day(day);

  /** Minor units as a cut's message writes them (thousands grouped), made once for each amount. */
  private readonly money = (minor: number): string => {
    let found = this.moneyTexts.get(minor);
    if (found === undefined) {
      found = groupThousands(this.text(minor));
      if (this.moneyTexts.size >= 1 << 16) this.moneyTexts.clear();
      this.moneyTexts.set(minor, found);
    }
    return found;
  };

  private readonly moneyTexts = new Map<number, string>();
}

/** The fields of a claim that a message may name, each made from the columns when read. */
class LazyClaimText implements ClaimText {
  constructor(
    private readonly run: ClaimRun,
    private readonly row: number,
    private readonly dayText: (day: number) => string,
  ) {}

  get id(): string {
    return this.run.columns.idOf(this.row);
  }

  get participant(): string {
    return this.run.participantIds[this.run.columns.participant[this.row]!]!;
  }

  get outcome(): string {
    return this.run.outcomeCode(this.row);
  }

  get achievedOn(): string {
    return this.dayText(this.run.columns.achieved[this.row]!);
  }

  get claimedOn(): string {
    return this.dayText(this.run.columns.claimed[this.row]!);
  }
}

/** A claim's fields for a message kept with marks (see `writeTemplated`): its days are marks. */
class MarkedClaimText extends LazyClaimText {
  override get achievedOn(): string {
    return ACHIEVED_MARK_TEXT;
  }

  override get claimedOn(): string {
    return CLAIMED_MARK_TEXT;
  }
}

/**
 * What closes an amount's money in one JSON style and currency (`",\n  "currency": "EUR"\n}`): followed by the
 * key of the next field (by key; the bytes of `JsonStyle.keys` but their opening quote), or by the decision's end.
 */
interface MoneyEnds {
  readonly keys: readonly Uint8Array[];
  readonly end: Uint8Array;
}

/**
 * What the decisions of one layout (a JSON style, or CSV) repeat, as bytes made once when first needed: the
 * keys around the claim's fields, each outcome's code and each claimed day with its period, with the keys around
 * them, and the end of the commonest decisions — all that follows the period of a claim accepted at its price
 * (by outcome and price entry), rejected with a message `messageKey` keys (by reason, outcome, price entry and
 * key), or cut by caps (by its figures). Few pieces, used again and again: they stay in the processor's caches
 * (a piece for each outcome and achieved day was slower).
 */
interface Layout {
  readonly style: JsonStyle | undefined;
  /** Before the claim's id. */
  readonly open: Uint8Array;
  /** Between the claim's id and its participant. */
  readonly afterId: Uint8Array;
  /** By outcome (its number plus the number of unknown codes): from after the participant up to the achieved date. */
  readonly outcome: (Uint8Array | undefined)[];
  /** By claimed day (its offset in the day table): from after the achieved date through the period's label. */
  readonly claimed: (Uint8Array | undefined)[];
  /** By outcome, then price entry. */
  readonly accepted: (Uint8Array | undefined)[][];
  /** The most price entries an outcome has. */
  readonly entries: number;
  /**
   * The ends of decisions on claims a cap cut, by what they depend on (see `writeCutTail`): the bytes without
   * the participant's id, and where it goes.
   */
  readonly cut: Map<number, CutTail[]>;
  /**
   * By `(reason × outcomes + outcome) × entries + entry`, then by message key; `null` where the keys were too
   * many to keep.
   */
  readonly rejected: (Map<number, Uint8Array> | null | undefined)[];
  /**
   * The same for decisions that name the claim they depend on: the bytes between the places of its id (the id
   * goes between each two).
   */
  readonly dependent: (Map<number, readonly Uint8Array[]> | null | undefined)[];
  /** The ends of decisions kept with marks for the days their messages name (see `writeTemplated`), by slot. */
  readonly templates: Map<number, Template>;
  /** How many times a kept end of `rejected` was used again, by slot (see `keptEnough`). */
  readonly rejectedHits: number[];
  /** The same for `dependent`. */
  readonly dependentHits: number[];
}

/**
 * Stands for the id of the claim a decision depends on while a decision's end is made to be kept: `~`, which no
 * id, outcome code, group id, amount, date or fixed word of a decision holds, and which JSON and CSV write as is.
 */
const DEPENDS_MARK = 126;
const DEPENDS_MARK_TEXT = "~";

/**
 * Stand for the days a message names while a decision's end is made to be kept (`writeTemplated`): the claim's
 * achieved day `^`, its claimed day `|`, the day of its detail `` ` ``. Like `DEPENDS_MARK`, no id, outcome code,
 * amount, date or fixed word of a decision holds them, and JSON and CSV write them as they are.
 */
const ACHIEVED_MARK = 94;
const ACHIEVED_MARK_TEXT = "^";
const CLAIMED_MARK = 124;
const CLAIMED_MARK_TEXT = "|";
const DETAIL_MARK = 96;
const DETAIL_MARK_TEXT = "`";

/** A decision's end kept with marks: the bytes between them (one more than the marks), and each mark. */
interface Template {
  readonly pieces: readonly Uint8Array[];
  readonly marks: Uint8Array;
}

/** `bytes[from, to)` cut at the marks of days and of the id depended on, which are left out and listed. */
function cutAtMarks(bytes: Uint8Array, from: number, to: number): Template {
  const pieces: Uint8Array[] = [];
  const marks: number[] = [];
  let start = from;
  for (let i = from; i < to; i += 1) {
    const byte = bytes[i]!;
    if (byte === DEPENDS_MARK || byte === ACHIEVED_MARK || byte === CLAIMED_MARK || byte === DETAIL_MARK) {
      pieces.push(bytes.slice(start, i));
      marks.push(byte);
      start = i + 1;
    }
  }
  pieces.push(bytes.slice(start, to));
  return { pieces, marks: Uint8Array.from(marks) };
}

/**
 * The end of a decision on a claim a cap cut, kept (see `writeCutTail`): what it depends on — reason, outcome,
 * price entry, amount, priced, then for each cut its cap (index in `CUT_CAPS`), limit, amount used before, and
 * the amounts before and after — and the ids of its caps (but the one per participant, written as ""); its bytes
 * without the participant's id where a cut names it, and where the id goes.
 */
interface CutTail {
  readonly figures: Float64Array;
  readonly capIds: readonly string[];
  readonly bytes: Uint8Array;
  readonly ids: Int32Array;
}

const CUT_CAPS: readonly string[] = ["participant", "outcome-volume", "period", "contract"];
const FNV_START = 0x811c9dc5 | 0;
const FNV_STEP = 0x01000193;

/** True when a kept end was made for the same figures (`figures[0, count)`) and cuts. */
function sameCutTail(tail: CutTail, figures: Float64Array, count: number, cuts: readonly CutRecord[]): boolean {
  if (tail.figures.length !== count) return false;
  for (let i = 0; i < count; i += 1) if (tail.figures[i] !== figures[i]) return false;
  for (let k = 0; k < cuts.length; k += 1) {
    const cut = cuts[k]!;
    if (tail.capIds[k] !== (cut.cap === "participant" ? "" : cut.id)) return false;
  }
  return true;
}

/** `bytes[from, to)` cut at the marks (which are left out). */
function markedOut(bytes: Uint8Array, from: number, to: number): Uint8Array[] {
  const pieces: Uint8Array[] = [];
  let start = from;
  for (let i = from; i < to; i += 1) {
    if (bytes[i] === DEPENDS_MARK) {
      pieces.push(bytes.slice(start, i));
      start = i + 1;
    }
  }
  pieces.push(bytes.slice(start, to));
  return pieces;
}

/** Copies `piece` to `bytes` at `at` (room made by the caller); returns the end. */
function place(piece: Uint8Array, bytes: Uint8Array, at: number): number {
  const length = piece.length;
  // A byte at a time for the short pieces (a call to `set` costs about what copying 16 bytes does).
  if (length > 16) bytes.set(piece, at);
  else for (let i = 0; i < length; i += 1) bytes[at + i] = piece[i]!;
  return at + length;
}

/** How many decisions ahead `touchAhead` reads the ids of their participants and of the claims they depend on. */
const TOUCH_AHEAD = 64;

/** How many decision ends a layout keeps for one reason, outcome and price entry, at most. */
const KEPT_TAILS = 1 << 14;

/**
 * How many decision ends a layout keeps for one reason, outcome and price entry before it looks whether they are
 * used again: ends keyed by a claim's own days (a window from a prerequisite, say) are seldom met twice, and
 * kept by the ten thousand they cost more than they save (copies kept alive, that each young collection moves).
 */
const KEPT_TRIAL = 1 << 8;

/**
 * True when a slot of kept ends (`size` kept, `hits` times one was used) should keep no more: it is full, or past
 * its trial its ends were used again less than once each.
 */
function keptEnough(size: number, hits: number): boolean {
  return size >= KEPT_TAILS || (size >= KEPT_TRIAL && hits < size);
}

/** Pieces of bytes end to end. */
function joined(pieces: readonly Uint8Array[]): Uint8Array {
  const bytes = new Uint8Array(pieces.reduce((sum, piece) => sum + piece.length, 0));
  let at = 0;
  for (const piece of pieces) {
    bytes.set(piece, at);
    at += piece.length;
  }
  return bytes;
}

const COMMA_BYTES = utf8(",");

/** What goes before the `key`-th field: a comma in CSV, the end of the value before and the key in JSON. */
function next(sink: ByteSink, keys: readonly Uint8Array[] | undefined, key: number): void {
  if (keys === undefined) sink.byte(COMMA);
  else sink.put(keys[key]!);
}

const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
/** The keys of a cut (`cutOf`) in JSON on one line, as `JSON.stringify` writes them, and the end of the object. */
const CUT_KEYS = ["cap", "id", "limit", "usedBefore", "before", "after", "cut"]
  .map((key, index) => utf8(`${index === 0 ? "{" : '",'}"${key}":"`))
  .concat([utf8('"}')]);

const ACCEPTED = utf8("accepted");
const ACCEPTED_IN_PART = utf8("accepted-in-part");
const REJECTED = utf8("rejected");

/** The empty price and priced fields of a rejected claim's CSV row, and the commas around them. */
const CSV_NO_PRICES = utf8(",,,");
/** The empty reason and message fields of an accepted claim's CSV row. */
const CSV_NO_REASON = utf8(",,");
