import { isCalendarDate } from "../contract/calendar.js";
import { isIssued } from "../util/issued.js";
import { parseContract } from "../contract/parse-contract.js";
import type { Contract } from "../contract/types.js";
import { ContractError, OptionsError, issue, type InputIssue } from "../errors/validation-error.js";
import type { Claim, ClaimSettlement, Participant } from "./claim-types.js";
import { ClaimColumns, NO_DATE, hasOnlyOwnKeys } from "./claim-columns.js";
import { periodOfDay } from "./claim-period.js";
import { CLAIM_FIELDS, claimRecordIssues } from "./claim-record.js";
import {
  FINGERPRINT_FIRST,
  FINGERPRINT_SECOND,
  FNV_OFFSET,
  FNV_PRIME,
  ID_REST,
  ID_START,
  NOT_AN_ID,
  SECOND_PRIME,
  copyIdBytes,
  copyIdText,
  fingerprintBytes,
  fingerprintText,
  spreadHash,
} from "./claim-ids.js";
import { ParticipantIndex } from "./participant-index.js";
import { withRoom } from "./typed-growth.js";
import { ClaimProblems, onLine } from "./claims-error.js";
import { compileCard, type CompiledCard } from "./compiled-card.js";
import { dayNumber, dayNumberOfBytes } from "../contract/day-number.js";
import { applyFundCaps } from "./fund-caps.js";
import { DayCache, NOT_CACHED, dateKey } from "./day-cache.js";
import { markDuplicates } from "./duplicates.js";
import { CapLog } from "./cap-log.js";
import { applyParticipantRules } from "./participant-rules.js";
import { R } from "./rejection-reasons.js";
import { buildClaimSettlement } from "./claim-settlement.js";

/** Options of `settleClaims` and `settleClaimsAsync`. */
export interface SettleClaimsOptions {
  /** The settlement date (`YYYY-MM-DD`): claims claimed after it are not yet known and pay nothing. */
  readonly asOf: string;
  /**
   * Keep a decision for every claim (default `true`). The claims are held as compact columns either way (about
   * 80 bytes each while the rules run, the claim id included), never as objects; a settlement that keeps its
   * decisions keeps about 42 bytes a claim to make them when read. With `false` only the totals are returned.
   */
  readonly keepDecisions?: boolean;
  /**
   * The participant register, when there is one: a claim for a participant not listed is rejected
   * (`unknown_participant`), and enrolment dates come from the register.
   */
  readonly participants?: Iterable<Participant>;
}

/**
 * @internal One settlement of claims in progress: `add` each claim as it is read (constant work per claim),
 * then `finish` once. The public entry points are `settleClaims` and `settleClaimsAsync`.
 */
export class ClaimRun {
  readonly card: CompiledCard;
  readonly columns: ClaimColumns;
  readonly asOf: string;
  readonly keepDecisions: boolean;
  /** The outcome codes of claims that are not on the card, in order of first appearance (see `ClaimColumns.outcome`). */
  readonly unknownOutcomes: string[] = [];
  private readonly unknownOutcomeIndex = new Map<string, number>();
  readonly participants = new ParticipantIndex();
  /** The participants' ids, by number. */
  readonly participantIds: readonly string[] = this.participants.ids;
  /** Enrolment day of each participant from the register (NO_DATE without a register or when not listed). */
  readonly registeredEnrolment: number[] = [];
  readonly hasRegister: boolean;
  readonly capLog: CapLog;
  received = 0;
  repeatsIgnored = 0;
  private readonly asOfDay: number;
  private readonly register = new Map<string, number>();
  private readonly problems = new ClaimProblems();

  /** `expected`: how many claims will come, when known (an array's length), so that the columns are sized once. */
  constructor(contractInput: Contract, options: SettleClaimsOptions, expected = 0) {
    const optionIssues: InputIssue[] = [];
    if (typeof options?.asOf !== "string" || !isCalendarDate(options.asOf)) {
      optionIssues.push(
        issue(["asOf"], "invalid_date", 'asOf must be a calendar date as YYYY-MM-DD, e.g. "2027-12-31"'),
      );
    }
    if (options?.keepDecisions !== undefined && typeof options.keepDecisions !== "boolean") {
      optionIssues.push(issue(["keepDecisions"], "invalid_type", "keepDecisions must be true or false"));
    }
    this.hasRegister = options?.participants !== undefined;
    if (this.hasRegister) this.readRegister(options.participants, optionIssues);
    if (optionIssues.length > 0) throw new OptionsError(optionIssues);
    const contract = isIssued(contractInput, "contract") ? contractInput : parseContract(contractInput);
    if (contract.rateCard === undefined) {
      throw new ContractError([
        issue(
          ["rateCard"],
          "required",
          'the contract has no "rateCard": settleClaims settles the claims of a rate card',
        ),
      ]);
    }
    this.card = compileCard(contract, contract.rateCard);
    this.asOf = options.asOf;
    this.asOfDay = dayNumber(options.asOf);
    this.keepDecisions = options.keepDecisions ?? true;
    this.capLog = new CapLog(this.card, this.keepDecisions, this.participantIds);
    this.columns = new ClaimColumns(expected);
  }

  private readRegister(participants: unknown, problems: InputIssue[]): void {
    if (participants === null || typeof participants !== "object" || !(Symbol.iterator in participants)) {
      problems.push(issue(["participants"], "invalid_type", "participants must be a list of { id, enrolledOn }"));
      return;
    }
    let index = 0;
    for (const entry of participants as Iterable<unknown>) {
      const { id, enrolledOn } = (entry ?? {}) as Record<string, unknown>;
      if (typeof id !== "string" || id.length === 0)
        problems.push(issue(["participants", index, "id"], "required", "a participant needs an id"));
      const day = dayNumber(enrolledOn);
      if (Number.isNaN(day))
        problems.push(
          issue(
            ["participants", index, "enrolledOn"],
            "invalid_date",
            "enrolledOn must be a calendar date as YYYY-MM-DD",
          ),
        );
      else if (typeof id === "string") {
        if (this.register.has(id))
          problems.push(issue(["participants", index, "id"], "duplicate_id", `participant "${id}" is listed twice`));
        this.register.set(id, day);
      }
      index += 1;
    }
  }

  /** Records problems of the claims read (thrown together by `finish`). */
  reportProblems(found: readonly InputIssue[]): void {
    this.problems.add(found);
  }

  /** Reads one claim: checks its form, catches repeats and conflicts, and the rules that need no other claim. */
  add(value: unknown): void {
    const index = this.received;
    this.received = index + 1;
    if (value === null || typeof value !== "object") return this.reportProblems(claimRecordIssues(value, [index]));
    // The fast path checks every field in one pass and computes what the columns need on the way; anything
    // odd goes to claimRecordIssues, which says exactly what is wrong.
    const claim = value as Claim;
    const { id, participant, outcome, evidence, enrolledOn } = claim as unknown as Record<string, unknown>;
    if (
      typeof id !== "string" ||
      typeof participant !== "string" ||
      typeof outcome !== "string" ||
      outcome.length === 0 ||
      typeof evidence !== "string" ||
      evidence.length === 0
    ) {
      return this.reportProblems(claimRecordIssues(value, [index]));
    }
    const { columns } = this;
    columns.room(id.length);
    const idHash = copyIdText(id, columns.idBytes, columns.idLength);
    this.pendingRoom(participant.length);
    const participantHash = copyIdText(participant, this.pendingBytes, this.pendingLength);
    const achieved = dayNumber(claim.achievedOn);
    const claimed = dayNumber(claim.claimedOn);
    let enrolled = NO_DATE;
    let fields = 6;
    if (enrolledOn !== undefined) {
      fields += 1;
      if (enrolledOn !== "") enrolled = dayNumber(enrolledOn);
    }
    if (
      idHash === NOT_AN_ID ||
      participantHash === NOT_AN_ID ||
      Number.isNaN(achieved) ||
      Number.isNaN(claimed) ||
      Number.isNaN(enrolled)
    ) {
      return this.reportProblems(claimRecordIssues(value, [index]));
    }
    if (!hasOnlyOwnKeys(claim, fields)) {
      const found = claimRecordIssues(value, [index]);
      if (found.length > 0) return this.reportProblems(found);
    }
    const row = columns.size;
    // A repeat is told from a conflict by two independent hashes of the outcome and evidence.
    fingerprintText(outcome, evidence, columns.fingerprint, columns.fingerprint2, row);
    this.store(
      row,
      id.length,
      idHash,
      this.card.indexOf.get(outcome) ?? this.unknownOutcome(outcome),
      achieved,
      claimed,
      enrolled,
    );
    this.queueParticipant(row, participant.length, participantHash, participant);
  }

  /**
   * Reads one row of a claims file from its bytes, without making strings (the fast path of
   * `settleClaimsAsync` over `readClaimsCsv`). Field `k` of `CLAIM_FIELDS` is
   * `bytes[from[k], to[k])`, empty when absent; `line` numbers the problems of a malformed row.
   */
  addBytes(bytes: Uint8Array, from: Int32Array, to: Int32Array, line: number): void {
    this.received += 1;
    const { columns } = this;
    const idLength = to[0]! - from[0]!;
    columns.room(idLength);
    const idHash = copyIdBytes(bytes, from[0]!, to[0]!, columns.idBytes, columns.idLength);
    this.pendingRoom(to[1]! - from[1]!);
    const participantHash = copyIdBytes(bytes, from[1]!, to[1]!, this.pendingBytes, this.pendingLength);
    const achieved = dayNumberOfBytes(bytes, from[3]!, to[3]!);
    const claimed = dayNumberOfBytes(bytes, from[4]!, to[4]!);
    const enrolled = from[6] === to[6] ? NO_DATE : dayNumberOfBytes(bytes, from[6]!, to[6]!);
    if (
      idHash === NOT_AN_ID ||
      participantHash === NOT_AN_ID ||
      Number.isNaN(achieved) ||
      Number.isNaN(claimed) ||
      Number.isNaN(enrolled) ||
      from[2] === to[2] ||
      from[5] === to[5]
    ) {
      const found = claimRecordIssues(textRecord(bytes, from, to), ["line", line]);
      // The byte checks and the text checks are the same; should they ever differ, the row is still refused.
      return this.reportProblems(
        onLine(
          found.length > 0 ? found : [issue(["line", line], "invalid_row", "the row could not be read as a claim")],
          line,
        ),
      );
    }
    const row = columns.size;
    fingerprintBytes(bytes, from[2]!, to[2]!, from[5]!, to[5]!, columns.fingerprint, columns.fingerprint2, row);
    const outcome = this.card.indexOfBytes(bytes, from[2]!, to[2]!);
    const o = outcome >= 0 ? outcome : this.unknownOutcome(utf8.decode(bytes.subarray(from[2]!, to[2]!)));
    this.store(row, idLength, idHash, o, achieved, claimed, enrolled);
    this.queueParticipant(row, to[1]! - from[1]!, participantHash, undefined);
  }

  /**
   * Reads the plain rows of a claims file from the line that starts at `start` up to the one that ends at `last`
   * (see `ClaimsCsvSink.rows`), row after row (`readPlainRow`), and stops before the first that is not plain.
   * Returns how many it read; `next[0]` is where it stopped.
   */
  readPlainRows(
    bytes: Uint8Array,
    start: number,
    last: number,
    fields: Int8Array,
    separator: number,
    quote: number,
    next: Int32Array,
  ): number {
    let count = 0;
    let at = start;
    for (;;) {
      const end = this.readPlainRow(bytes, at, fields, separator, quote);
      if (end < 0) break;
      count += 1;
      at = end + 1;
      if (end === last) break;
    }
    next[0] = at;
    return count;
  }

  /**
   * Reads a plain row of a claims file in one pass over its bytes (see `ClaimsCsvSink.rows`): the line that
   * starts at `bytes[start]`, its columns `fields`, its separator `separator`. Returns the index of its line
   * feed, or -1 — keeping nothing — when the row is not a plain sound claim: a field out of form, a wrong number
   * of fields, a carriage return but at the end, a quote (`quote`, the next one's index or -1), an id longer
   * than `PLAIN_ID` bytes. Such a row then goes through `addBytes`, which finds the same claims and says what is
   * wrong with the others.
   */
  readPlainRow(bytes: Uint8Array, start: number, fields: Int8Array, separator: number, quote: number): number {
    const lead = bytes[start]!;
    if (lead <= 32 || lead >= 128) return -1;
    if (fields !== this.plainFields) {
      this.plainFields = fields;
      this.standardColumns = fields.every((field, column) => field === column) ? fields.length : 0;
    }
    if (this.standardColumns !== 0)
      return this.readStandardRow(bytes, start, this.standardColumns === ENROLLED + 1, separator, quote);
    const { columns } = this;
    columns.room(PLAIN_ID);
    this.pendingRoom(PLAIN_ID);
    const idBytes = columns.idBytes;
    const idAt = columns.idLength;
    const pending = this.pendingBytes;
    const pendingAt = this.pendingLength;
    let idHash = 0;
    let idLength = 0;
    let participantHash = 0;
    let participantLength = 0;
    let outcomeFrom = 0;
    let outcomeTo = 0;
    let evidenceFrom = 0;
    let evidenceTo = 0;
    // The fingerprint (`fingerprintBytes`), made on the way when the outcome comes before the evidence: 0 before
    // the outcome, 1 after it, 2 once the evidence followed it, 3 when the evidence came first.
    let first = FINGERPRINT_FIRST;
    let second = FINGERPRINT_SECOND;
    let hashed = 0;
    let achieved = NaN;
    let claimed = NaN;
    let enrolled = NO_DATE;
    let i = start;
    const last = fields.length - 1;
    for (let column = 0; column <= last; column += 1) {
      const field = fields[column]!;
      let code = bytes[i]!;
      if (field === ID || field === PARTICIPANT) {
        // An id: copied and hashed (`hashIdBytes`) up to the first byte that cannot be in one.
        if (ID_START[code] !== 1) return -1;
        const into = field === ID ? idBytes : pending;
        const at = field === ID ? idAt : pendingAt;
        const from = i;
        const limit = from + PLAIN_ID;
        let hash = FNV_OFFSET;
        while (ID_REST[code] === 1) {
          if (i === limit) return -1;
          hash = Math.imul(hash ^ code, FNV_PRIME);
          into[at + i - from] = code;
          i += 1;
          code = bytes[i]!;
        }
        if (field === ID) {
          idHash = spreadHash(hash);
          idLength = i - from;
        } else {
          participantHash = spreadHash(hash);
          participantLength = i - from;
        }
      } else if (field === OUTCOME || field === EVIDENCE) {
        // Any bytes up to the separator (UTF-8: the run was checked); the outcome's then the evidence's make the
        // fingerprint, when they come in that order.
        const from = i;
        const hashing = field === OUTCOME ? hashed === 0 : hashed === 1;
        while (code !== separator && code !== LF && code !== CR) {
          if (hashing) {
            first = Math.imul(first ^ code, FNV_PRIME);
            second = Math.imul(second ^ code, SECOND_PRIME) ^ (second >>> 15);
          }
          i += 1;
          code = bytes[i]!;
        }
        if (i === from) return -1;
        if (field === OUTCOME) {
          outcomeFrom = from;
          outcomeTo = i;
          if (hashing) {
            first = Math.imul(first ^ 0xffff, FNV_PRIME);
            second = Math.imul(second ^ 0xffff, SECOND_PRIME) ^ (second >>> 15);
            hashed = 1;
          }
        } else {
          evidenceFrom = from;
          evidenceTo = i;
          hashed = hashing ? 2 : 3;
        }
      } else if (field === ENROLLED && (code === separator || code === LF || code === CR)) {
        enrolled = NO_DATE;
      } else {
        // A date: ten bytes.
        const day = this.dayCache.dayAt(bytes, i);
        if (Number.isNaN(day)) return -1;
        if (field === ACHIEVED) achieved = day;
        else if (field === CLAIMED) claimed = day;
        else enrolled = day;
        i += 10;
        code = bytes[i]!;
      }
      // The field's end: the separator, or the line's end (LF or CRLF) after the last column.
      if (column < last) {
        if (code !== separator) return -1;
        i += 1;
      } else {
        if (code === CR) i += 1;
        if (bytes[i] !== LF) return -1;
      }
    }
    if ((quote >= 0 && quote < i) || Number.isNaN(achieved) || Number.isNaN(claimed)) return -1;
    this.received += 1;
    const row = columns.size;
    if (hashed === 2) {
      columns.fingerprint[row] = first;
      columns.fingerprint2[row] = second;
    } else {
      fingerprintBytes(
        bytes,
        outcomeFrom,
        outcomeTo,
        evidenceFrom,
        evidenceTo,
        columns.fingerprint,
        columns.fingerprint2,
        row,
      );
    }
    const outcome = this.card.indexOfBytes(bytes, outcomeFrom, outcomeTo);
    const o = outcome >= 0 ? outcome : this.unknownOutcome(utf8.decode(bytes.subarray(outcomeFrom, outcomeTo)));
    this.store(row, idLength, idHash, o, achieved, claimed, enrolled);
    this.queueParticipant(row, participantLength, participantHash, undefined);
    return i;
  }

  /** The columns `readPlainRow` last saw, and their number when they are the usual ones in the usual order (else 0). */
  private plainFields: Int8Array | undefined;
  private readonly dayCache = new DayCache();
  private standardColumns = 0;

  /**
   * `readPlainRow` for a file whose columns are the usual ones in the usual order (`CLAIM_FIELDS`, with or
   * without `enrolledOn`): the same reading, field after field without looking up which comes next.
   */
  private readStandardRow(
    bytes: Uint8Array,
    start: number,
    withEnrolment: boolean,
    separator: number,
    quote: number,
  ): number {
    const { columns } = this;
    columns.room(PLAIN_ID);
    this.pendingRoom(PLAIN_ID);
    let i = start;
    // The claim's id, copied and hashed (`hashIdBytes`).
    const idBytes = columns.idBytes;
    const idAt = columns.idLength - start;
    let code = bytes[i]!;
    if (ID_START[code] !== 1) return -1;
    let limit = start + PLAIN_ID;
    let hash = FNV_OFFSET;
    while (ID_REST[code] === 1) {
      if (i === limit) return -1;
      hash = Math.imul(hash ^ code, FNV_PRIME);
      idBytes[idAt + i] = code;
      i += 1;
      code = bytes[i]!;
    }
    if (code !== separator) return -1;
    const idHash = spreadHash(hash);
    const idLength = i - start;
    i += 1;
    // The participant's id, the same way.
    const pending = this.pendingBytes;
    const participantFrom = i;
    const pendingAt = this.pendingLength - participantFrom;
    code = bytes[i]!;
    if (ID_START[code] !== 1) return -1;
    limit = i + PLAIN_ID;
    hash = FNV_OFFSET;
    while (ID_REST[code] === 1) {
      if (i === limit) return -1;
      hash = Math.imul(hash ^ code, FNV_PRIME);
      pending[pendingAt + i] = code;
      i += 1;
      code = bytes[i]!;
    }
    if (code !== separator) return -1;
    const participantHash = spreadHash(hash);
    const participantLength = i - participantFrom;
    i += 1;
    // The outcome: the first part of the fingerprint (`fingerprintBytes`).
    const outcomeFrom = i;
    let first = FINGERPRINT_FIRST;
    let second = FINGERPRINT_SECOND;
    code = bytes[i]!;
    while (code !== separator && code !== LF && code !== CR) {
      first = Math.imul(first ^ code, FNV_PRIME);
      second = Math.imul(second ^ code, SECOND_PRIME) ^ (second >>> 15);
      i += 1;
      code = bytes[i]!;
    }
    if (code !== separator || i === outcomeFrom) return -1;
    const outcomeTo = i;
    first = Math.imul(first ^ 0xffff, FNV_PRIME);
    second = Math.imul(second ^ 0xffff, SECOND_PRIME) ^ (second >>> 15);
    i += 1;
    // The two dates, each looked up in the day cache (read once each, the first time).
    if (i + 21 >= bytes.length) return -1;
    const days = this.dayCache.days;
    let key = dateKey(bytes, i);
    let achieved = key >= 0 ? days[key]! : NOT_CACHED;
    if (achieved >= NOT_CACHED) achieved = this.dayCache.read(bytes, i, key);
    if (Number.isNaN(achieved) || bytes[i + 10] !== separator) return -1;
    i += 11;
    key = dateKey(bytes, i);
    let claimed = key >= 0 ? days[key]! : NOT_CACHED;
    if (claimed >= NOT_CACHED) claimed = this.dayCache.read(bytes, i, key);
    if (Number.isNaN(claimed) || bytes[i + 10] !== separator) return -1;
    i += 11;
    // The evidence: the rest of the fingerprint.
    const evidenceFrom = i;
    code = bytes[i]!;
    while (code !== separator && code !== LF && code !== CR) {
      first = Math.imul(first ^ code, FNV_PRIME);
      second = Math.imul(second ^ code, SECOND_PRIME) ^ (second >>> 15);
      i += 1;
      code = bytes[i]!;
    }
    if (i === evidenceFrom) return -1;
    // The enrolment date, when the file has the column: empty, or a date.
    let enrolled = NO_DATE;
    if (withEnrolment) {
      if (code !== separator) return -1;
      i += 1;
      code = bytes[i]!;
      if (code !== LF && code !== CR) {
        enrolled = this.dayCache.dayAt(bytes, i);
        if (Number.isNaN(enrolled)) return -1;
        i += 10;
        code = bytes[i]!;
      }
    }
    // The line's end: LF or CRLF.
    if (code === CR) {
      i += 1;
      code = bytes[i]!;
    }
    if (code !== LF || (quote >= 0 && quote < i)) return -1;
    this.received += 1;
    const row = columns.size;
    columns.fingerprint[row] = first;
    columns.fingerprint2[row] = second;
    const outcome = this.card.indexOfBytes(bytes, outcomeFrom, outcomeTo);
    const o = outcome >= 0 ? outcome : this.unknownOutcome(utf8.decode(bytes.subarray(outcomeFrom, outcomeTo)));
    this.store(row, idLength, idHash, o, achieved, claimed, enrolled);
    this.queueParticipant(row, participantLength, participantHash, undefined);
    return i;
  }

  /** The number of an outcome code that is not on the card: `-1 - k` for the `k`-th such code seen. */
  private unknownOutcome(code: string): number {
    let index = this.unknownOutcomeIndex.get(code);
    if (index === undefined) {
      index = this.unknownOutcomes.length;
      this.unknownOutcomes.push(code);
      this.unknownOutcomeIndex.set(code, index);
    }
    return -1 - index;
  }

  /** The outcome code of the claim of `row`, as it was given. */
  outcomeCode(row: number): string {
    const o = this.columns.outcome[row]!;
    return o >= 0 ? this.card.codes[o]! : this.unknownOutcomes[-1 - o]!;
  }

  /** Writes a sound claim's row (its participant and first rejections follow with its batch). */
  private store(
    row: number,
    idLength: number,
    idHash: number,
    outcome: number,
    achieved: number,
    claimed: number,
    enrolled: number,
  ): void {
    const { columns } = this;
    columns.idHash[row] = idHash;
    columns.outcome[row] = outcome;
    columns.achieved[row] = achieved;
    columns.claimed[row] = claimed;
    columns.enrolled[row] = enrolled;
    columns.commit(idLength);
  }

  /*
   * Participants are looked up a batch at a time (see ParticipantIndex.numberBatch): each claim's participant
   * id waits in `pendingBytes`, with its hash and row, until the batch is full or the reading ends.
   */
  private static readonly BATCH = 128;
  private pendingCount = 0;
  private pendingLength = 0;
  private pendingBytes = new Uint8Array(ClaimRun.BATCH * 32);
  private readonly pendingRow = new Int32Array(ClaimRun.BATCH);
  private readonly pendingHash = new Int32Array(ClaimRun.BATCH);
  private readonly pendingStart = new Int32Array(ClaimRun.BATCH);
  private readonly pendingEnd = new Int32Array(ClaimRun.BATCH);
  private readonly pendingNumber = new Int32Array(ClaimRun.BATCH);
  private readonly pendingText: (string | undefined)[] = new Array<string | undefined>(ClaimRun.BATCH).fill(undefined);

  /** Room for a participant id of `length` bytes at `pendingLength`. */
  private pendingRoom(length: number): void {
    this.pendingBytes = withRoom(this.pendingBytes, this.pendingLength, length);
  }

  /** Queues the participant of `row`, whose id's `length` bytes were just copied to `pendingBytes`. */
  private queueParticipant(row: number, length: number, hash: number, text: string | undefined): void {
    const k = this.pendingCount;
    this.pendingRow[k] = row;
    this.pendingHash[k] = hash;
    this.pendingStart[k] = this.pendingLength;
    this.pendingEnd[k] = this.pendingLength + length;
    this.pendingText[k] = text;
    this.pendingLength += length;
    this.pendingCount = k + 1;
    if (k + 1 === ClaimRun.BATCH) this.flushParticipants();
  }

  /** Numbers the queued claims' participants, then makes the rejections that need no other claim. */
  private flushParticipants(): void {
    const count = this.pendingCount;
    if (count === 0) return;
    this.participants.numberBatch(
      this.pendingBytes,
      this.pendingStart,
      this.pendingEnd,
      this.pendingHash,
      this.pendingText,
      count,
      this.pendingNumber,
    );
    const { columns, card, hasRegister, asOfDay } = this;
    const { outcome, achieved, claimed, enrolled, reason, participant } = columns;
    for (let k = 0; k < count; k += 1) {
      const row = this.pendingRow[k]!;
      const number = this.pendingNumber[k]!;
      if (number === this.registeredEnrolment.length) {
        this.registeredEnrolment.push(
          hasRegister ? (this.register.get(this.participantIds[number]!) ?? NO_DATE) : NO_DATE,
        );
      }
      participant[row] = number;
      const registered = hasRegister ? this.registeredEnrolment[number]! : NO_DATE;
      reason[row] =
        claimed[row]! > asOfDay
          ? R.claimed_after_as_of
          : outcome[row]! < 0
            ? R.unknown_outcome
            : hasRegister && registered === NO_DATE
              ? R.unknown_participant
              : hasRegister && enrolled[row]! !== NO_DATE && enrolled[row]! !== registered
                ? R.enrolment_mismatch
                : achieved[row]! > claimed[row]!
                  ? R.achieved_after_claimed
                  : achieved[row]! < card.termStart || achieved[row]! > card.termEnd
                    ? R.outside_term
                    : R.none;
      this.pendingText[k] = undefined;
    }
    this.pendingCount = 0;
    this.pendingLength = 0;
  }

  /** True when two stored claims say the same thing (a repeat, not a conflict). */
  sameContent(a: number, b: number): boolean {
    const { columns } = this;
    if (
      columns.participant[a] !== columns.participant[b] ||
      columns.outcome[a] !== columns.outcome[b] ||
      columns.achieved[a] !== columns.achieved[b] ||
      columns.claimed[a] !== columns.claimed[b] ||
      columns.enrolled[a] !== columns.enrolled[b]
    ) {
      return false;
    }
    return columns.fingerprint[a] === columns.fingerprint[b] && columns.fingerprint2[a] === columns.fingerprint2[b];
  }

  /** Applies the rules that need several claims, then totals; throws when any claim was malformed. */
  finish(): ClaimSettlement {
    this.flushParticipants();
    // What only the reading needed goes as soon as it has served, before the rules make their columns: the
    // participants' lookup table, then the ids' hashes and the fingerprints once repeats are found.
    this.participants.releaseTable();
    this.problems.throwIfAny();
    this.columns.seal();
    markDuplicates(this);
    // The ids' hashes and the fingerprints are let go here, their memory taken by the rules' columns.
    const kind = this.card.card.claimPeriod;
    this.columns.prepareRules((day) => periodOfDay(kind, day), fitsInt32(this.card));
    applyParticipantRules(this);
    // The scratch memory goes before the totals and decisions are made: the peak of a large file is here.
    this.columns.releaseWorkingMemory();
    applyFundCaps(this);
    return buildClaimSettlement(this);
  }
}

/**
 * True when every figure the rules write in a claim's `priced`, `amount` and `detail` columns is an integer
 * that fits 32 bits: prices and caps in minor units (a price up to 21 million in a currency of two places),
 * claim limits, and the days windows and holding periods reach (bounded by their lengths). Else those columns
 * are 64-bit floats.
 */
function fitsInt32(card: CompiledCard): boolean {
  const fits = (value: number) => Number.isInteger(value) && value >= 0 && value <= INT32_MAX;
  const fitsOrNone = (value: number) => value === Infinity || fits(value);
  const days = (hold: { days?: number; weeks?: number; months?: number } | undefined) =>
    hold === undefined ? 0 : (hold.days ?? 0) + 7 * (hold.weeks ?? 0) + 31 * (hold.months ?? 0);
  return (
    card.priceMinor.every((prices) => prices.every(fits)) &&
    fitsOrNone(card.capParticipant) &&
    fitsOrNone(card.capPeriod) &&
    fitsOrNone(card.capContract) &&
    card.maxClaims.every(fitsOrNone) &&
    card.windowMonths.every((months) => months <= MOST_MONTHS) &&
    card.card.outcomes.every((outcome) => days(outcome.holdingPeriod) <= 31 * MOST_MONTHS)
  );
}

const INT32_MAX = 2 ** 31 - 1;
/** Windows and holding periods up to a thousand years: the days they reach are far inside 32 bits. */
const MOST_MONTHS = 12_000;

/** The longest id a plain row may hold (`readPlainRow`); a longer one is read the usual way. */
const PLAIN_ID = 256;
const LF = 10;
const CR = 13;
/** The fields of a claims file row, by their index in `CLAIM_FIELDS`. */
const ID = CLAIM_FIELDS.indexOf("id");
const PARTICIPANT = CLAIM_FIELDS.indexOf("participant");
const OUTCOME = CLAIM_FIELDS.indexOf("outcome");
const ACHIEVED = CLAIM_FIELDS.indexOf("achievedOn");
const CLAIMED = CLAIM_FIELDS.indexOf("claimedOn");
const EVIDENCE = CLAIM_FIELDS.indexOf("evidence");
const ENROLLED = CLAIM_FIELDS.indexOf("enrolledOn");

// ignoreBOM: a field that starts with U+FEFF keeps it, as the text path reads it (and refuses it in an id).
const utf8 = new TextDecoder("utf-8", { ignoreBOM: true });

/** The non-empty fields of a claims file row as text, for the slow path that says what is wrong. */
function textRecord(bytes: Uint8Array, from: Int32Array, to: Int32Array): Record<string, string> {
  const record: Record<string, string> = {};
  CLAIM_FIELDS.forEach((field, index) => {
    if (to[index]! > from[index]!) record[field] = utf8.decode(bytes.subarray(from[index]!, to[index]!));
  });
  return record;
}
