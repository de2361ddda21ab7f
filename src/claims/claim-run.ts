import { isCalendarDate } from "../contract/calendar.js";
import { isParsed } from "../contract/parsed.js";
import { parseContract } from "../contract/parse-contract.js";
import type { Contract } from "../contract/types.js";
import { ContractError, OptionsError, issue, type InputIssue } from "../errors/validation-error.js";
import type { Claim, ClaimSettlement, Participant } from "./claim-types.js";
import { ClaimColumns, NO_DATE, fingerprint, hasOnlyOwnKeys } from "./claim-columns.js";
import { periodOfText } from "./claim-period.js";
import { claimRecordIssues } from "./claim-record.js";
import { StringIndex, hashOfId } from "./string-index.js";
import { ClaimsError, MAX_LISTED_PROBLEMS } from "./claims-error.js";
import { compileCard, type CompiledCard } from "./compiled-card.js";
import { dayNumber } from "../contract/day-number.js";
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

/** V8 keeps a short slice of a long string alive with its parent; copy the participant ids that are kept. */
function detached(text: string): string {
  return text.length >= 13 ? (` ${text}`).slice(1) : text;
}

/**
 * @internal One settlement of claims in progress: `add` each claim as it is read (constant work per claim),
 * then `finish` once. The public entry points are `settleClaims` and `settleClaimsAsync`.
 */
export class ClaimRun {
  readonly card: CompiledCard;
  readonly columns = new ClaimColumns();
  readonly asOf: string;
  readonly keepDecisions: boolean;
  readonly sources: Claim[] = [];
  readonly participantIds: string[] = [];
  /** Enrolment day of each participant from the register (NO_DATE without a register or when not listed). */
  readonly registeredEnrolment: number[] = [];
  readonly hasRegister: boolean;
  readonly capLog: CapLog;
  received = 0;
  repeatsIgnored = 0;
  private readonly asOfDay: number;
  private readonly register = new Map<string, number>();
  private readonly participantIndex = new StringIndex();
  private readonly problems: InputIssue[] = [];
  private problemCount = 0;

  constructor(contractInput: Contract, options: SettleClaimsOptions) {
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
    this.received += 1;
    // The fast path checks every field in one pass and computes what the columns need on the way; anything
    // odd goes to claimRecordIssues, which says exactly what is wrong.
    const claim = value as Claim;
    let fieldsSound = false;
    let idHash: number | undefined;
    let participantHash: number | undefined;
    let achieved = NaN;
    let claimed = NaN;
    let enrolled = NO_DATE;
    let fields = 6;
    if (value !== null && typeof value === "object") {
      const { id, participant, outcome, evidence, enrolledOn } = claim as unknown as Record<string, unknown>;
      idHash = typeof id === "string" ? hashOfId(id) : undefined;
      participantHash = typeof participant === "string" ? hashOfId(participant) : undefined;
      achieved = dayNumber(claim.achievedOn);
      claimed = dayNumber(claim.claimedOn);
      if (enrolledOn !== undefined) {
        fields += 1;
        if (enrolledOn !== "") enrolled = dayNumber(enrolledOn);
      }
      fieldsSound = idHash !== undefined && participantHash !== undefined && typeof outcome === "string" && outcome.length > 0
        && typeof evidence === "string" && evidence.length > 0 && achieved === achieved && claimed === claimed && enrolled === enrolled;
    }
    if (!fieldsSound || !hasOnlyOwnKeys(claim, fields)) {
      const found = claimRecordIssues(value, [index]);
      if (found.length > 0 || !fieldsSound) return this.reportProblems(found);
    }
    const { card, columns } = this;
    const outcome = card.indexOf.get(claim.outcome) ?? -1;
    let participant = this.participantIndex.find(claim.participant, participantHash!);
    if (participant < 0) {
      participant = this.participantIds.length;
      const id = detached(claim.participant);
      this.participantIds.push(id);
      this.participantIndex.insert(id, participantHash!, participant);
      this.registeredEnrolment.push(this.register.get(claim.participant) ?? NO_DATE);
    }
    const row = columns.push(claim.id);
    const chunk = columns.chunk;
    chunk.idHash[row] = idHash!;
    chunk.participant[row] = participant;
    chunk.outcome[row] = outcome;
    chunk.achieved[row] = achieved;
    chunk.claimed[row] = claimed;
    chunk.enrolled[row] = enrolled;
    chunk.period[row] = periodOfText(card.card.claimPeriod, claim.claimedOn);
    if (!this.keepDecisions) {
      // Kept claims are compared by their own text; without them, by two independent hashes of it.
      chunk.fingerprint[row] = fingerprint(claim.outcome, claim.evidence, 0x811c9dc5);
      chunk.fingerprint2[row] = fingerprint(claim.evidence, claim.outcome, 0x2f1b3c4d);
    }
    chunk.reason[row] = claimed > this.asOfDay ? R.claimed_after_as_of
      : outcome < 0 ? R.unknown_outcome
      : this.hasRegister && this.registeredEnrolment[participant] === NO_DATE ? R.unknown_participant
      : this.hasRegister && enrolled !== NO_DATE && enrolled !== this.registeredEnrolment[participant] ? R.enrolment_mismatch
      : achieved > claimed ? R.achieved_after_claimed
      : achieved < card.termStart || achieved > card.termEnd ? R.outside_term
      : R.none;
    if (this.keepDecisions) this.sources.push(claim);
  }

  /** True when two stored claims say the same thing (a repeat, not a conflict). */
  sameContent(a: number, b: number): boolean {
    const { columns } = this;
    return columns.participant[a] === columns.participant[b] && columns.outcome[a] === columns.outcome[b]
      && columns.achieved[a] === columns.achieved[b] && columns.claimed[a] === columns.claimed[b]
      && columns.enrolled[a] === columns.enrolled[b]
      && columns.fingerprint[a] === columns.fingerprint[b] && columns.fingerprint2[a] === columns.fingerprint2[b]
      && (!this.keepDecisions || (this.sources[a]!.evidence === this.sources[b]!.evidence && this.sources[a]!.outcome === this.sources[b]!.outcome));
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
    this.columns.prepareRules();
    applyParticipantRules(this);
    applyFundCaps(this);
    return buildClaimSettlement(this);
  }
}
