import { isCalendarDate } from "../contract/calendar.js";
import { isParsed } from "../contract/parsed.js";
import { parseContract } from "../contract/parse-contract.js";
import type { Contract } from "../contract/types.js";
import { ContractError, OptionsError, issue, type InputIssue } from "../errors/validation-error.js";
import type { Claim, ClaimSettlement, Participant } from "./claim-types.js";
import { ClaimColumns, NO_DATE, fingerprints } from "./claim-columns.js";
import { periodOfText } from "./claim-period.js";
import { claimRecordIssues, isWellFormedClaim } from "./claim-record.js";
import { ClaimsError, MAX_LISTED_PROBLEMS } from "./claims-error.js";
import { compileCard, type CompiledCard } from "./compiled-card.js";
import { dayNumber } from "./day-number.js";
import { applyFundCaps } from "./fund-caps.js";
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

/** V8 keeps a short slice of a long string alive with its parent; copy the ids that are kept for the run. */
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
  private readonly participantIndex = new Map<string, number>();
  private readonly idIndex = new Map<string, number>();
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
    if (!isWellFormedClaim(value)) {
      const found = claimRecordIssues(value, [index]);
      if (found.length > 0) return this.reportProblems(found);
    }
    const claim = value as Claim;
    const { card, columns } = this;
    const achieved = dayNumber(claim.achievedOn);
    const claimed = dayNumber(claim.claimedOn);
    const enrolled = claim.enrolledOn === undefined ? NO_DATE : dayNumber(claim.enrolledOn);
    const outcome = card.indexOf.get(claim.outcome) ?? -1;
    let participant = this.participantIndex.get(claim.participant);
    if (participant === undefined) {
      participant = this.participantIds.length;
      const id = detached(claim.participant);
      this.participantIds.push(id);
      this.participantIndex.set(id, participant);
      this.registeredEnrolment.push(this.register.get(id) ?? NO_DATE);
    }
    const [print, print2] = fingerprints(claim.outcome, claim.evidence);
    let conflict = false;
    const known = claimed <= this.asOfDay;
    if (known) {
      const first = this.idIndex.get(claim.id);
      if (first !== undefined) {
        const same = columns.participant[first] === participant && columns.outcome[first] === outcome
          && columns.achieved[first] === achieved && columns.claimed[first] === claimed && columns.enrolled[first] === enrolled
          && columns.fingerprint[first] === print && columns.fingerprint2[first] === print2
          && (!this.keepDecisions || (this.sources[first]!.evidence === claim.evidence && this.sources[first]!.outcome === claim.outcome));
        if (same) {
          this.repeatsIgnored += 1;
          return;
        }
        columns.reason[first] = R.conflicting_duplicate;
        conflict = true;
      }
    }
    const id = detached(claim.id);
    const row = columns.push(id);
    if (known && !conflict) this.idIndex.set(id, row);
    columns.participant[row] = participant;
    columns.outcome[row] = outcome;
    columns.achieved[row] = achieved;
    columns.claimed[row] = claimed;
    columns.enrolled[row] = enrolled;
    columns.period[row] = periodOfText(card.card.claimPeriod, claim.claimedOn);
    columns.fingerprint[row] = print;
    columns.fingerprint2[row] = print2;
    columns.reason[row] = !known ? R.claimed_after_as_of
      : conflict ? R.conflicting_duplicate
      : outcome < 0 ? R.unknown_outcome
      : this.hasRegister && !this.register.has(claim.participant) ? R.unknown_participant
      : this.hasRegister && enrolled !== NO_DATE && enrolled !== this.registeredEnrolment[participant] ? R.enrolment_mismatch
      : achieved > claimed ? R.achieved_after_claimed
      : achieved < card.termStart || achieved > card.termEnd ? R.outside_term
      : R.none;
    if (this.keepDecisions) this.sources.push(claim);
  }

  /** Applies the rules that need several claims, then totals; throws when any claim was malformed. */
  finish(): ClaimSettlement {
    if (this.problems.length > 0) {
      if (this.problemCount > this.problems.length) {
        this.problems.push(issue([], "too_many_problems", `${this.problemCount - this.problems.length} more problems were found and not listed`));
      }
      throw new ClaimsError(this.problems);
    }
    applyParticipantRules(this);
    applyFundCaps(this);
    return buildClaimSettlement(this);
  }
}
