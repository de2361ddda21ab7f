import type { ClaimRun } from "./claim-run.js";
import type { ClaimCapCut, ClaimDecision } from "./claim-types.js";
import { describePeriod } from "./claim-period.js";
import { formatMinor, priceEntry } from "./compiled-card.js";
import type { CutRecord } from "./cap-log.js";
import { MessageCache, cutMessage, type ClaimText } from "./decision-messages.js";
import { dateOf } from "../contract/day-number.js";
import { R, REASONS, REPEAT } from "./rejection-reasons.js";
import { markIssued } from "../util/issued.js";
import { ByteSink, utf8 } from "./byte-sink.js";
import { civilOf } from "../contract/day-number.js";

/**
 * The decision on every claim of a settlement, in the order the claims were read (an identical repeat has no
 * decision of its own). A read-only list, like an array: `length`, `at(i)`, iteration (`for … of`, spread),
 * `find`, `filter`, `map`, `forEach`, `some`, `every`, `reduce`, `toArray()`, and `JSON.stringify` writes it as
 * an array.
 *
 * Why not an array: a fund's file has millions of claims, and a million decision objects held at once cost
 * about 110 MB and most of a settlement's time (the garbage collector moving them). The list keeps what each
 * decision is made of — the settlement's columns: the claim's id as bytes, its participant, outcome and dates
 * as numbers, its figures; about 50 bytes a claim — and makes a decision object when it is read: a new frozen
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
  };
}

/** The keys of a decision in JSON, in the order they are written. */
const KEYS = [
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
] as const;
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
}

/** @internal The layout of decisions at `depth` (-1: one line). */
export function jsonStyle(depth: number): JsonStyle {
  const pretty = depth >= 0;
  const inner = pretty ? `\n${"  ".repeat(depth + 1)}` : "";
  const colon = pretty ? ": " : ":";
  const close = pretty ? `\n${"  ".repeat(depth)}}` : "}";
  return {
    depth,
    keys: KEYS.map((key, index) => utf8(`${index === 0 ? "{" : '",'}${inner}"${key}"${colon}"`)),
    end: utf8(`"${close}`),
    cuts: utf8(`",${inner}"cuts"${colon}`),
    close: utf8(close),
  };
}

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
  private readonly zero: string;
  private readonly firstPeriod: number;
  private readonly periodLabels: readonly string[];
  private readonly messages: MessageCache;
  /** The text of the days the claims name, by their place in the day table (a few years of days, each made once). */
  private readonly dayTexts: string[] = [];
  /**
   * For the writers, the bytes of what decisions repeat, made once: shared messages (escaped for JSON or CSV),
   * outcome codes and period labels (by number, for JSON and CSV), prices (by outcome and price), other amounts
   * (by minor units), and days (see `writeDay`).
   */
  private readonly jsonBytes = new Map<string, Uint8Array>();
  private readonly csvBytes = new Map<string, Uint8Array>();
  /** By outcome number plus the number of unknown codes (unknown codes are numbered from -1 down). */
  private readonly outcomeJson: Uint8Array[] = [];
  private readonly outcomeCsv: Uint8Array[] = [];
  private readonly periodBytes: Uint8Array[] = [];
  private priceBytes: readonly (readonly Uint8Array[])[] | undefined;
  private readonly amountBytes = new Map<number, Uint8Array>();
  private dayTable: { readonly first: number; readonly bytes: Uint8Array; readonly made: Uint8Array } | undefined;
  /**
   * For the writers, by layout (a JSON style, or `undefined` for CSV): the end of the commonest decisions, all
   * that follows the period, made once — a claim accepted at its price (by outcome and price), a claim rejected
   * before pricing with a shared message (by reason and message).
   */
  private readonly tails = new Map<
    JsonStyle | undefined,
    { accepted: Uint8Array[][]; rejected: Map<string, Uint8Array>[] }
  >();
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
    const period = this.periodLabels[columns.period[row]! - this.firstPeriod]!;
    if (code !== R.none && code < R.superseded_in_group) {
      // Rejected before any price applies (the common rejections): one fixed shape, no optional fields.
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
    const priceText = card.priceText[o]![entry]!;
    const paid = columns.amount[row]!;
    const value = columns.priced[row]!;
    const paidText = paid === price ? priceText : this.text(paid);
    // Only a claim a cap touched has cuts: look them up for those alone.
    const cutRecords = code >= R.participant_cap_reached || paid < value ? run.capLog.cutsOf(row) : undefined;
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
        priced: value === price ? priceText : this.text(value),
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
      built.priced = value === price ? priceText : this.text(value);
    if (code !== R.none) {
      built.reason = REASONS[code]!;
      built.message = this.messages.of(row, () => claim);
    } else {
      built.message = cutRecords!.map((cut) => cutMessage(cut, card.places)).join("; ");
    }
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

  /** The bytes of the outcome code of `row`, escaped for JSON or CSV (an unknown code may hold anything). */
  private outcomeOf(row: number, csv: boolean): Uint8Array {
    const o = this.run.columns.outcome[row]!;
    const cache = csv ? this.outcomeCsv : this.outcomeJson;
    let found = cache[o + this.run.unknownOutcomes.length];
    if (found === undefined) {
      const code = this.run.outcomeCode(row);
      found = utf8(csv ? csvField(code) : jsonInside(code));
      cache[o + this.run.unknownOutcomes.length] = found;
    }
    return found;
  }

  /** The bytes of a claim period's label (the same for JSON and CSV). */
  private periodOf(row: number): Uint8Array {
    const q = this.run.columns.period[row]! - this.firstPeriod;
    let found = this.periodBytes[q];
    if (found === undefined) {
      found = utf8(this.periodLabels[q]!);
      this.periodBytes[q] = found;
    }
    return found;
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

  /**
   * The claim's fields as the JSON or CSV a decision writes them, up to its period (the same in every decision):
   * room is made once, and the bytes copied in one pass (the hot loop of a decisions file).
   */
  private writeClaim(row: number, sink: ByteSink, keys: readonly Uint8Array[] | undefined): void {
    const { columns } = this.run;
    this.participantBytes ??= this.run.participants.idBytes();
    this.dayTable ??= this.makeDayTable();
    const { idBytes, idEnd } = columns;
    const idFrom = row === 0 ? 0 : idEnd[row - 1]!;
    const idTo = idEnd[row]!;
    const people = this.participantBytes;
    const p = columns.participant[row]!;
    const personFrom = people.starts[p]!;
    const personTo = people.starts[p + 1]!;
    const outcome = this.outcomeOf(row, keys === undefined);
    const period = this.periodOf(row);
    const achieved = this.dayAt(columns.achieved[row]!);
    const claimed = this.dayAt(columns.claimed[row]!);
    const days = this.dayTable.bytes;
    const csv = keys === undefined;
    const prefix = (key: number): Uint8Array => (csv ? COMMA_BYTES : keys[key]!);
    let room = idTo - idFrom + personTo - personFrom + outcome.length + period.length + 20;
    if (csv) room += 6;
    else for (let key = K.claimId; key <= K.period; key += 1) room += keys[key]!.length;
    sink.room(room);
    const { bytes } = sink;
    let at = sink.at;
    if (!csv) at = copy(keys[K.claimId]!, 0, keys[K.claimId]!.length, bytes, at);
    at = copy(idBytes, idFrom, idTo, bytes, at);
    at = copy(prefix(K.participant), 0, prefix(K.participant).length, bytes, at);
    at = copy(people.bytes, personFrom, personTo, bytes, at);
    at = copy(prefix(K.outcome), 0, prefix(K.outcome).length, bytes, at);
    at = copy(outcome, 0, outcome.length, bytes, at);
    at = copy(prefix(K.achievedOn), 0, prefix(K.achievedOn).length, bytes, at);
    at =
      achieved >= 0 ? copy(days, achieved, achieved + 10, bytes, at) : this.dateInto(columns.achieved[row]!, bytes, at);
    at = copy(prefix(K.claimedOn), 0, prefix(K.claimedOn).length, bytes, at);
    at = claimed >= 0 ? copy(days, claimed, claimed + 10, bytes, at) : this.dateInto(columns.claimed[row]!, bytes, at);
    at = copy(prefix(K.period), 0, prefix(K.period).length, bytes, at);
    sink.at = copy(period, 0, period.length, bytes, at);
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
    const { columns, card } = this.run;
    this.writeClaim(row, sink, style?.keys);
    const code = columns.reason[row]!;
    let tails = this.tails.get(style);
    if (tails === undefined) {
      tails = { accepted: card.priceText.map(() => []), rejected: REASONS.map(() => new Map()) };
      this.tails.set(style, tails);
    }
    if (code !== R.none && code < R.superseded_in_group) {
      if (MessageCache.shared(code)) {
        const message = this.messages.of(row, () => this.claimText(row));
        let tail = tails.rejected[code]!.get(message);
        if (tail === undefined) {
          const part = new ByteSink(256);
          this.writeRejected(row, code, part, style);
          tail = part.take();
          tails.rejected[code]!.set(message, tail);
        }
        sink.put(tail);
        return;
      }
      this.writeRejected(row, code, sink, style);
      return;
    }
    const o = columns.outcome[row]!;
    const entry = priceEntry(card, o, columns.achieved[row]!);
    const price = card.priceMinor[o]![entry]!;
    if (code === R.none && columns.amount[row] === price && columns.priced[row] === price) {
      let tail = tails.accepted[o]![entry];
      if (tail === undefined) {
        const part = new ByteSink(256);
        this.writePriced(row, code, o, entry, part, style);
        tail = part.take();
        tails.accepted[o]![entry] = tail;
      }
      sink.put(tail);
      return;
    }
    this.writePriced(row, code, o, entry, sink, style);
  }

  /** What follows the period in the decision on a claim rejected before pricing: status, amount, reason, message. */
  private writeRejected(row: number, code: number, sink: ByteSink, style: JsonStyle | undefined): void {
    const keys = style?.keys;
    const csv = style === undefined;
    {
      next(sink, keys, K.status);
      sink.put(REJECTED);
      next(sink, keys, K.amount);
      sink.put(this.amountOf(0));
      if (csv) sink.put(CSV_NO_PRICES);
      else next(sink, keys, K.reason);
      sink.put(REASON_BYTES[code]!);
      next(sink, keys, K.message);
      this.writeMessage(row, code, sink, csv);
      sink.put(csv ? CRLF : style.end);
    }
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
    next(sink, keys, K.status);
    sink.put(code !== R.none ? REJECTED : cutRecords === undefined ? ACCEPTED : ACCEPTED_IN_PART);
    next(sink, keys, K.amount);
    sink.put(paid === price ? priceBytes : this.amountOf(paid));
    next(sink, keys, K.price);
    sink.put(priceBytes);
    if (code === R.none || code >= R.participant_cap_reached) {
      next(sink, keys, K.priced);
      sink.put(value === price ? priceBytes : this.amountOf(value));
    } else if (csv) sink.byte(COMMA);
    if (code !== R.none) {
      next(sink, keys, K.reason);
      sink.put(REASON_BYTES[code]!);
      next(sink, keys, K.message);
      this.writeMessage(row, code, sink, csv);
    } else if (cutRecords !== undefined) {
      if (csv) sink.byte(COMMA);
      next(sink, keys, K.message);
      const said = cutRecords.map((cut) => cutMessage(cut, card.places)).join("; ");
      sink.text(csv ? csvField(said) : jsonInside(said));
    } else if (csv) sink.put(CSV_NO_REASON);
    if (csv) return sink.put(CRLF);
    if (cutRecords === undefined) return sink.put(style.end);
    sink.put(style.cuts);
    const cuts = cutRecords.map((cut) => this.cutOf(cut));
    sink.text(
      style.depth < 0
        ? JSON.stringify(cuts)
        : JSON.stringify(cuts, null, 2).replaceAll("\n", `\n${"  ".repeat(style.depth + 1)}`),
    );
    sink.put(style.close);
  }

  /** The message of a rejected claim, escaped: a shared one's bytes are made once, a claim's own each time. */
  private writeMessage(row: number, code: number, sink: ByteSink, csv: boolean): void {
    const message = this.messages.of(row, () => this.claimText(row));
    if (MessageCache.shared(code)) sink.put(this.encoded(message, csv));
    else sink.text(csv ? csvField(message) : jsonInside(message));
  }
}

/** Copies `source[from, to)` to `bytes` at `at` (room made by the caller), a byte at a time; returns the end. */
function copy(source: Uint8Array, from: number, to: number, bytes: Uint8Array, at: number): number {
  let end = at;
  for (let i = from; i < to; i += 1) bytes[end++] = source[i]!;
  return end;
}

const COMMA_BYTES = utf8(",");

/** What goes before the `key`-th field: a comma in CSV, the end of the value before and the key in JSON. */
function next(sink: ByteSink, keys: readonly Uint8Array[] | undefined, key: number): void {
  if (keys === undefined) sink.byte(COMMA);
  else sink.put(keys[key]!);
}

const ACCEPTED = utf8("accepted");
const ACCEPTED_IN_PART = utf8("accepted-in-part");
const REJECTED = utf8("rejected");

/** The empty price and priced fields of a rejected claim's CSV row, and the commas around them. */
const CSV_NO_PRICES = utf8(",,,");
/** The empty reason and message fields of an accepted claim's CSV row. */
const CSV_NO_REASON = utf8(",,");
