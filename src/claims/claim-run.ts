import { isCalendarDate } from "../contract/calendar.js";
import { isParsed } from "../contract/parsed.js";
import { parseContract } from "../contract/parse-contract.js";
import type { Contract } from "../contract/types.js";
import { ContractError, OptionsError, issue, type InputIssue } from "../errors/validation-error.js";
import type { Claim, ClaimSettlement, Participant } from "./claim-types.js";
import { ClaimColumns, NO_DATE, hasOnlyOwnKeys } from "./claim-columns.js";
import { periodOfDay } from "./claim-period.js";
import { CLAIM_FIELDS, claimRecordIssues } from "./claim-record.js";
import { NOT_AN_ID, copyIdText, fingerprintBytes, fingerprintText, hashIdBytes } from "./claim-ids.js";
import { ParticipantIndex } from "./participant-index.js";
import { ClaimsError, MAX_LISTED_PROBLEMS } from "./claims-error.js";
import { compileCard, type CompiledCard } from "./compiled-card.js";
import { dayNumber, dayNumberOfBytes } from "../contract/day-number.js";
import { applyFundCaps } from "./fund-caps.js";
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
   * Keep a decision for every claim (default `true`). With `false` only the totals are returned, and the
   * claims are held as compact columns (about 60 bytes each plus the claim id) rather than as objects.
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
  readonly sources: Claim[] = [];
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
  /** A participant id's characters, as bytes, for the participant index. */
  private scratch = new Uint8Array(256);
  private readonly problems: InputIssue[] = [];
  private problemCount = 0;

  /** `expected`: how many claims will come, when known (an array's length), so that the columns are sized once. */
  constructor(contractInput: Contract, options: SettleClaimsOptions, expected = 0) {
    const optionIssues: InputIssue[] = [];
    if (typeof options?.asOf !== "string" || !isCalendarDate(options.asOf)) {
      optionIssues.push(issue(["asOf"], "invalid_date", "asOf must be a calendar date as YYYY-MM-DD, e.g. \"2027-12-31\""));
    }
    if (options?.keepDecisions !== undefined && typeof options.keepDecisions !== "boolean") {
      optionIssues.push(issue(["keepDecisions"], "invalid_type", "keepDecisions must be true or false"));
    }
    this.hasRegister = options?.participants !== undefined;
    if (this.hasRegister) this.readRegister(options.participants, optionIssues);
    if (optionIssues.length > 0) throw new OptionsError(optionIssues);
    const contract = isParsed(contractInput) ? contractInput : parseContract(contractInput);
    if (contract.rateCard === undefined) {
      throw new ContractError([issue(["rateCard"], "required", "the contract has no \"rateCard\": settleClaims settles the claims of a rate card")]);
    }
    this.card = compileCard(contract, contract.rateCard);
    this.asOf = options.asOf;
    this.asOfDay = dayNumber(options.asOf);
    this.keepDecisions = options.keepDecisions ?? true;
    this.capLog = new CapLog(this.card, this.keepDecisions);
    this.columns = new ClaimColumns(expected, this.keepDecisions ? this.sources : undefined);
  }

  private readRegister(participants: unknown, problems: InputIssue[]): void {
    if (participants === null || typeof participants !== "object" || !(Symbol.iterator in participants)) {
      problems.push(issue(["participants"], "invalid_type", "participants must be a list of { id, enrolledOn }"));
      return;
    }
    let index = 0;
    for (const entry of participants as Iterable<unknown>) {
      const { id, enrolledOn } = (entry ?? {}) as Record<string, unknown>;
      if (typeof id !== "string" || id.length === 0) problems.push(issue(["participants", index, "id"], "required", "a participant needs an id"));
      const day = dayNumber(enrolledOn);
      if (Number.isNaN(day)) problems.push(issue(["participants", index, "enrolledOn"], "invalid_date", "enrolledOn must be a calendar date as YYYY-MM-DD"));
      else if (typeof id === "string") {
        if (this.register.has(id)) problems.push(issue(["participants", index, "id"], "duplicate_id", `participant "${id}" is listed twice`));
        this.register.set(id, day);
      }
      index += 1;
    }
  }

  private reportProblems(found: readonly InputIssue[]): void {
    for (const problem of found) {
      this.problemCount += 1;
      if (this.problems.length < MAX_LISTED_PROBLEMS) this.problems.push(problem);
    }
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
    if (typeof id !== "string" || typeof participant !== "string" || typeof outcome !== "string" || outcome.length === 0
      || typeof evidence !== "string" || evidence.length === 0) {
      return this.reportProblems(claimRecordIssues(value, [index]));
    }
    const { columns } = this;
    columns.room(id.length);
    if (Math.max(id.length, participant.length) > this.scratch.length) this.scratch = new Uint8Array(Math.max(id.length, participant.length) * 2);
    // Without the claims kept, the id is packed into the columns; with them, it is only hashed.
    const idHash = this.keepDecisions ? copyIdText(id, this.scratch, 0) : copyIdText(id, columns.idBytes, columns.idLength);
    const participantHash = copyIdText(participant, this.scratch, 0);
    const achieved = dayNumber(claim.achievedOn);
    const claimed = dayNumber(claim.claimedOn);
    let enrolled = NO_DATE;
    let fields = 6;
    if (enrolledOn !== undefined) {
      fields += 1;
      if (enrolledOn !== "") enrolled = dayNumber(enrolledOn);
    }
    if (idHash === NOT_AN_ID || participantHash === NOT_AN_ID || achieved !== achieved || claimed !== claimed || enrolled !== enrolled) {
      return this.reportProblems(claimRecordIssues(value, [index]));
    }
    if (!hasOnlyOwnKeys(claim, fields)) {
      const found = claimRecordIssues(value, [index]);
      if (found.length > 0) return this.reportProblems(found);
    }
    const row = columns.size;
    if (!this.keepDecisions) {
      // Kept claims are compared by their own text; without them, by two independent hashes of it.
      columns.fingerprint[row] = fingerprintText(outcome, evidence, 0x811c9dc5);
      columns.fingerprint2[row] = fingerprintText(evidence, outcome, 0x2f1b3c4d);
    } else {
      this.sources.push(claim);
    }
    const number = this.participants.numberOf(this.scratch, 0, participant.length, participantHash, participant);
    this.store(row, id.length, idHash, number, this.card.indexOf.get(outcome) ?? -1, achieved, claimed, enrolled);
  }

  /**
   * Reads one row of a claims file from its bytes, without making strings (the fast path of
   * `settleClaimsAsync` over `readClaimsCsv` when decisions are not kept). Field `k` of `CLAIM_FIELDS` is
   * `bytes[from[k], to[k])`, empty when absent; `line` numbers the problems of a malformed row.
   */
  addBytes(bytes: Uint8Array, from: Int32Array, to: Int32Array, line: number): void {
    if (this.keepDecisions) throw new Error("addBytes keeps no claim texts: use it only when decisions are not kept");
    this.received += 1;
    const { columns } = this;
    const idLength = to[0]! - from[0]!;
    const idHash = hashIdBytes(bytes, from[0]!, to[0]!);
    const participantHash = hashIdBytes(bytes, from[1]!, to[1]!);
    const achieved = dayNumberOfBytes(bytes, from[3]!, to[3]!);
    const claimed = dayNumberOfBytes(bytes, from[4]!, to[4]!);
    const enrolled = from[6] === to[6] ? NO_DATE : dayNumberOfBytes(bytes, from[6]!, to[6]!);
    if (idHash === NOT_AN_ID || participantHash === NOT_AN_ID || achieved !== achieved || claimed !== claimed || enrolled !== enrolled
      || from[2] === to[2] || from[5] === to[5]) {
      return this.reportRowProblems(claimRecordIssues(textRecord(bytes, from, to), ["line", line]), line);
    }
    columns.room(idLength);
    columns.idBytes.set(bytes.subarray(from[0]!, to[0]!), columns.idLength);
    const row = columns.size;
    columns.fingerprint[row] = fingerprintBytes(bytes, from[2]!, to[2]!, from[5]!, to[5]!, 0x811c9dc5);
    columns.fingerprint2[row] = fingerprintBytes(bytes, from[5]!, to[5]!, from[2]!, to[2]!, 0x2f1b3c4d);
    const number = this.participants.numberOf(bytes, from[1]!, to[1]!, participantHash);
    this.store(row, idLength, idHash, number, this.card.indexOfBytes(bytes, from[2]!, to[2]!), achieved, claimed, enrolled);
  }

  /** Problems of a row of a claims file, each message starting with its line. */
  reportRowProblems(found: readonly InputIssue[], line: number): void {
    this.reportProblems(found.map((entry) => ({ ...entry, message: `line ${line}: ${entry.message}` })));
  }

  /** Writes a sound claim's row and the rejections that need no other claim. */
  private store(row: number, idLength: number, idHash: number, participant: number, outcome: number, achieved: number, claimed: number, enrolled: number): void {
    const { columns, card } = this;
    if (participant === this.registeredEnrolment.length) {
      this.registeredEnrolment.push(this.register.get(this.participantIds[participant]!) ?? NO_DATE);
    }
    columns.idHash[row] = idHash;
    columns.participant[row] = participant;
    columns.outcome[row] = outcome;
    columns.achieved[row] = achieved;
    columns.claimed[row] = claimed;
    columns.enrolled[row] = enrolled;
    const registered = this.hasRegister ? this.registeredEnrolment[participant]! : NO_DATE;
    columns.reason[row] = claimed > this.asOfDay ? R.claimed_after_as_of
      : outcome < 0 ? R.unknown_outcome
      : this.hasRegister && registered === NO_DATE ? R.unknown_participant
      : this.hasRegister && enrolled !== NO_DATE && enrolled !== registered ? R.enrolment_mismatch
      : achieved > claimed ? R.achieved_after_claimed
      : achieved < card.termStart || achieved > card.termEnd ? R.outside_term
      : R.none;
    columns.commit(idLength);
  }

  /** True when two stored claims say the same thing (a repeat, not a conflict). */
  sameContent(a: number, b: number): boolean {
    const { columns } = this;
    if (columns.participant[a] !== columns.participant[b] || columns.outcome[a] !== columns.outcome[b]
      || columns.achieved[a] !== columns.achieved[b] || columns.claimed[a] !== columns.claimed[b] || columns.enrolled[a] !== columns.enrolled[b]) {
      return false;
    }
    if (!this.keepDecisions) return columns.fingerprint[a] === columns.fingerprint[b] && columns.fingerprint2[a] === columns.fingerprint2[b];
    return this.sources[a]!.evidence === this.sources[b]!.evidence && this.sources[a]!.outcome === this.sources[b]!.outcome;
  }

  /** Applies the rules that need several claims, then totals; throws when any claim was malformed. */
  finish(): ClaimSettlement {
    if (this.problems.length > 0) {
      if (this.problemCount > this.problems.length) {
        this.problems.push(issue([], "too_many_problems", `${this.problemCount - this.problems.length} more problems were found and not listed`));
      }
      throw new ClaimsError(this.problems);
    }
    this.columns.seal();
    markDuplicates(this);
    const kind = this.card.card.claimPeriod;
    this.columns.prepareRules((day) => periodOfDay(kind, day));
    applyParticipantRules(this);
    applyFundCaps(this);
    return buildClaimSettlement(this);
  }
}

const utf8 = new TextDecoder("utf-8");

/** The non-empty fields of a claims file row as text, for the slow path that says what is wrong. */
function textRecord(bytes: Uint8Array, from: Int32Array, to: Int32Array): Record<string, string> {
  const record: Record<string, string> = {};
  CLAIM_FIELDS.forEach((field, index) => {
    if (to[index]! > from[index]!) record[field] = utf8.decode(bytes.subarray(from[index]!, to[index]!));
  });
  return record;
}
