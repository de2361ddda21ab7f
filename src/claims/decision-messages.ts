import { groupThousands } from "../money/format.js";
import type { ClaimRun } from "./claim-run.js";
import type { Claim } from "./claim-types.js";

/** The fields of a claim a decision repeats, made from the settlement's columns. */
export type ClaimText = Pick<Claim, "id" | "participant" | "outcome" | "achievedOn" | "claimedOn">;
import type { CutRecord } from "./cap-log.js";
import { formatMinor } from "./compiled-card.js";
import { dateOf, dayNumber } from "../contract/day-number.js";
import { R } from "./rejection-reasons.js";

const CAP_NAMES = {
  participant: "the cap per participant",
  "outcome-volume": "the volume cap of outcome",
  period: "the cap of claim period",
  contract: "the contract cap of",
} as const;

/** The plain-English reason a claim is not paid, with the figures an officer needs to check it by hand. */
export function rejectionMessage(
  run: ClaimRun,
  row: number,
  claim: ClaimText,
  dateOf: (day: number) => string,
  dependsOnId: string = dependsOnText(run, row),
): string {
  const { columns, card } = run;
  const reason = columns.reason[row]!;
  const detail = columns.detail[row]!;
  const o = columns.outcome[row]!;
  const code = card.codes[o];
  const money = (minor: number) => `${card.currency} ${groupThousands(formatMinor(minor, card.places))}`;
  switch (reason) {
    case R.claimed_after_as_of:
      return `claimed on ${claim.claimedOn}, after the settlement date ${run.asOf}: not yet known`;
    case R.unknown_outcome:
      return `unknown outcome "${claim.outcome}": the rate card has ${card.codes.join(", ")}`;
    case R.unknown_participant:
      return `participant "${claim.participant}" is not in the participant register`;
    case R.enrolment_mismatch:
      return `the claim says enrolled on ${dateOf(columns.enrolled[row]!)}, the register says ${dateOf(run.registeredEnrolment[columns.participant[row]!]!)}`;
    case R.achieved_after_claimed:
      return `achieved on ${claim.achievedOn}, after it was claimed on ${claim.claimedOn}`;
    case R.outside_term:
      return `achieved on ${claim.achievedOn}, outside the contract term ${dateOf(card.termStart)} to ${dateOf(card.termEnd)}`;
    case R.conflicting_duplicate:
      return `claim id "${claim.id}" is used by claims with different content: none of them is paid until one is withdrawn`;
    case R.achieved_before_enrolment:
      return `achieved on ${claim.achievedOn}, before the participant was enrolled on ${dateOf(detail)}`;
    case R.enrolment_unknown:
      return card.windowMonths[o]! > 0 && card.windowFromPrerequisite[o] === 0
        ? `outcome ${code} must be achieved within ${card.windowMonths[o]} months of enrolment, and the enrolment date is not known`
        : `outcome ${code} must be held ${holdingText(run, o)} after enrolment, and the enrolment date is not known`;
    case R.prerequisite_missing:
      return detail >= 0
        ? `outcome ${code} can only be claimed after ${card.codes[detail]}, which the participant has not achieved on or before ${claim.achievedOn}`
        : `outcome ${code} can only be claimed after one of ${anyOfText(run, o)}, and the participant has achieved none of them on or before ${claim.achievedOn}`;
    case R.outside_window: {
      const from = card.windowFromPrerequisite[o] === 1 ? achieving(run, row, dependsOnId) : "enrolment";
      return `achieved on ${claim.achievedOn}, after the window of ${card.windowMonths[o]} months from ${from} closed on ${dateOf(detail)}`;
    }
    case R.holding_period_not_met: {
      const from = card.holdFromPrerequisite[o] === 1 ? achieving(run, row, dependsOnId) : "enrolment";
      return `achieved on ${claim.achievedOn}, before the holding period of ${holdingText(run, o)} from ${from} was over: the earliest day it counts is ${dateOf(detail)}`;
    }
    case R.claim_limit_reached:
      return `outcome ${code} is paid at most ${detail} time${detail === 1 ? "" : "s"} per participant, already reached${dependsOnId === "" ? "" : ` (claim ${dependsOnId})`}`;
    case R.superseded_in_group: {
      const group = card.groupIds[card.group[o]!];
      const by = dependsOnId === "" ? "" : ` by claim ${dependsOnId}`;
      return `exclusive group ${group}: an outcome at or above ${code} was already priced at ${money(detail)} for this participant${by}, so ${code} adds nothing`;
    }
    default: {
      const cut = run.capLog.cutsOf(row)?.at(-1);
      return cut === undefined ? "a cap was reached" : cutMessage(cut, card.places);
    }
  }
}

/** The id of the claim the decision on the claim of `row` depends on, or "" when none. */
function dependsOnText(run: ClaimRun, row: number): string {
  const by = run.columns.dependsOn[row]!;
  return by >= 0 ? run.columns.idOf(by) : "";
}

/**
 * "achieving ENTRY (claim c06)": the outcome and claim that met the prerequisite of the claim of `row` (`id`, the
 * claim's id as the message writes it).
 */
function achieving(run: ClaimRun, row: number, id: string): string {
  const { columns, card } = run;
  const by = columns.dependsOn[row]!;
  if (by < 0) return `achieving ${card.codes[card.requires[columns.outcome[row]!]!]}`;
  return `achieving ${run.outcomeCode(by)} (claim ${id})`;
}

/** The holding period of outcome `o` as words: "13 weeks", "1 month", "90 days". */
function holdingText(run: ClaimRun, o: number): string {
  const hold = run.card.card.outcomes[o]!.holdingPeriod;
  if (hold === undefined) return "";
  const [length, unit] =
    hold.days !== undefined
      ? [hold.days, "day"]
      : hold.weeks !== undefined
        ? [hold.weeks, "week"]
        : [hold.months!, "month"];
  return `${length} ${unit}${length === 1 ? "" : "s"}`;
}

/** The outcomes of which one must have been achieved before outcome `o`, as a list: "PT13, FT13". */
function anyOfText(run: ClaimRun, o: number): string {
  const { anyFrom, anyOf, codes } = run.card;
  const listed: string[] = [];
  for (let k = anyFrom[o]!; k < anyFrom[o + 1]!; k += 1) listed.push(codes[anyOf[k]!]!);
  return listed.join(", ");
}

/** Day offsets from the term's start that a message key holds: within ±2^20 days (about 2,870 years). */
const KEY_DAYS = 2 ** 20;

/**
 * What the message of the claim of `row`, rejected for `reason` before it was priced, depends on besides the
 * reason and the claim's outcome, as a number (two claims with the same reason, outcome and key have the same
 * message), or -1 when it names a field of the claim that no key holds (its id, participant, an unknown
 * outcome's code, or two dates): those are made for each claim. Kept beside `rejectionMessage`, which it follows
 * case by case: the writers of decision files keep the bytes of a message's decision by this key.
 */
export function messageKey(run: ClaimRun, row: number, reason: number): number {
  // A message that names the claim the decision depends on is the claim's own (see `dependentMessageKey`).
  if (run.columns.dependsOn[row]! >= 0) return -1;
  return keyOf(run, row, reason);
}

/**
 * For a decision that depends on another claim: what its message depends on besides the reason, the claim's
 * outcome and the other claim's id (two such decisions with the same reason, outcome and key have the same
 * message once the id is taken out), or -1. A window or holding period from a prerequisite names the outcome of
 * the claim that met it: kept only when that is the outcome required (not a higher rung or another of a list).
 */
export function dependentMessageKey(run: ClaimRun, row: number, reason: number): number {
  const { columns, card } = run;
  if (
    (reason === R.outside_window || reason === R.holding_period_not_met) &&
    columns.outcome[columns.dependsOn[row]!] !== card.requires[columns.outcome[row]!]
  )
    return -1;
  return keyOf(run, row, reason);
}

/** The first and last days a message's day may be for `templateKey` to key it: years 0000 to 9999 (ten characters). */
const FIRST_TEXT_DAY = dayNumber("0000-01-01");
const LAST_TEXT_DAY = dayNumber("9999-12-31");

/**
 * For the claim of `row`, rejected for `reason` before it was priced: what its message depends on besides the
 * reason, the claim's outcome, the days it names — the claim's achieved and claimed days and, for
 * `achieved_before_enrolment`, `outside_window` and `holding_period_not_met`, the day of its detail — and the id
 * of the claim it depends on, as a small integer; or -1 when it names anything else of the claim (its id, its
 * participant, an unknown code, another claim's outcome) or a day that is not ten characters. Two such claims
 * with the same reason, outcome and key have the same message once those days and that id are written in it:
 * the writers of decision files keep the message's decision with a mark for each (see `rejectionMessage`'s
 * cases, which this follows).
 */
export function templateKey(run: ClaimRun, row: number, reason: number): number {
  const { columns, card } = run;
  switch (reason) {
    case R.claimed_after_as_of:
    case R.outside_term:
      return 0;
    case R.prerequisite_missing: {
      // The outcome of `allOf` not met (its index), or -1 when none of `anyOf` was.
      const detail = columns.detail[row]!;
      return detail >= -1 && detail < card.codes.length && (detail | 0) === detail ? detail + 1 : -1;
    }
    case R.outside_window:
    case R.holding_period_not_met: {
      const by = columns.dependsOn[row]!;
      // From a prerequisite, the message names the outcome of the claim that met it: kept when it is the one required.
      if (by >= 0 && columns.outcome[by] !== card.requires[columns.outcome[row]!]) return -1;
      return dayOfText(columns.detail[row]!) ? 0 : -1;
    }
    case R.achieved_before_enrolment:
      return dayOfText(columns.detail[row]!) ? 0 : -1;
    default:
      return -1;
  }
}

/** True when `day` is a day number `dateOf` writes in ten characters. */
function dayOfText(day: number): boolean {
  return (day | 0) === day && day >= FIRST_TEXT_DAY && day <= LAST_TEXT_DAY;
}

function keyOf(run: ClaimRun, row: number, reason: number): number {
  const { columns } = run;
  switch (reason) {
    case R.claim_limit_reached:
    case R.superseded_in_group:
      return columns.detail[row]!;
    case R.enrolment_unknown:
      return 0;
    case R.claimed_after_as_of:
      return dayKey(columns.claimed[row]! - run.card.termStart, 0);
    case R.outside_term:
      return dayKey(columns.achieved[row]! - run.card.termStart, 0);
    case R.achieved_before_enrolment:
    case R.prerequisite_missing:
    case R.outside_window:
    case R.holding_period_not_met:
      return dayKey(columns.achieved[row]! - run.card.termStart, columns.detail[row]!);
    default:
      return -1;
  }
}

/** A day's offset from the term's start and an integer detail (a day or an outcome's index) as one safe integer. */
function dayKey(offset: number, detail: number): number {
  if (!(offset >= -KEY_DAYS && offset < KEY_DAYS) || (detail | 0) !== detail) return -1;
  return (offset + KEY_DAYS) * 2 ** 32 + (detail >>> 0);
}

/**
 * Rejection messages, shared between claims whose message has no claim-specific figure (a limit reached, a
 * ladder superseded, an enrolment unknown): a large file repeats a few of them hundreds of thousands of times.
 */
export class MessageCache {
  /** True for the reasons whose message is shared by every claim of one outcome and figure. */
  static shared(reason: number): boolean {
    return reason === R.claim_limit_reached || reason === R.superseded_in_group || reason === R.enrolment_unknown;
  }

  /** By the message's figure (`detail`), then by reason and outcome. */
  private readonly shared = new Map<number, Map<number, string>>();

  constructor(private readonly run: ClaimRun) {}

  /**
   * The message of the rejected claim of `row`; `claim` gives its fields, asked only when the message names them;
   * `dependsOnId` stands for the id of the claim it depends on (the writers keep messages with a mark there).
   */
  of(row: number, claim: () => ClaimText, dependsOnId?: string): string {
    const { columns } = this.run;
    const reason = columns.reason[row]!;
    if (!MessageCache.shared(reason) || columns.dependsOn[row]! >= 0)
      return rejectionMessage(this.run, row, claim(), dateOf, dependsOnId);
    const detail = reason === R.enrolment_unknown ? 0 : columns.detail[row]!;
    let byOutcome = this.shared.get(detail);
    if (byOutcome === undefined) {
      byOutcome = new Map();
      this.shared.set(detail, byOutcome);
    }
    const key = columns.outcome[row]! * 32 + reason;
    let message = byOutcome.get(key);
    if (message === undefined) {
      message = rejectionMessage(this.run, row, claim(), dateOf);
      byOutcome.set(key, message);
    }
    return message;
  }
}

/**
 * How a cap cut a claim, e.g. "cut by the cap per participant (11,700.00): 1,200.00 was left of it". `money`
 * writes minor units with the currency's places, thousands grouped (a writer of many decisions keeps them).
 */
export function cutMessage(
  cut: CutRecord,
  places: number,
  money: (minor: number) => string = (minor) => groupThousands(formatMinor(minor, places)),
): string {
  if (cut.cap === "outcome-volume") {
    return `${CAP_NAMES[cut.cap]} ${cut.id} (${cut.limit} claims) is reached: ${cut.usedBefore} claims already paid`;
  }
  const name = cut.cap === "participant" ? CAP_NAMES.participant : `${CAP_NAMES[cut.cap]} ${cut.id}`;
  return `cut by ${name} (${money(cut.limit)}): ${money(Math.max(cut.limit - cut.usedBefore, 0))} was left of it, so ${money(cut.before)} became ${money(cut.after)}`;
}
