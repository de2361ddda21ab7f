import { groupThousands } from "../money/format.js";
import type { Money } from "../money/money.js";
import type { ClaimDecision, ClaimSettlement } from "../claims/claim-types.js";
import { ArgumentError, issuedIssue, requireIssued } from "../errors/argument-error.js";
import { describeValue } from "../errors/describe-value.js";
import { issue, type InputIssue } from "../errors/validation-error.js";
import { isKnownCurrency } from "../money/currency.js";

const cash = (value: Money) => `${value.currency} ${groupThousands(value.amount)}`;
const count = (n: number, one: string, many: string) => `${n.toLocaleString("en")} ${n === 1 ? one : many}`;

const CAP_NAMES = {
  participant: "cap per participant",
  "outcome-volume": "volume cap of outcome",
  period: "cap of claim period",
  contract: "contract cap",
} as const;

/**
 * One claim's decision as a line an officer can check by hand: the price in force, what the rules priced,
 * each cap that cut it, and what is paid — or why nothing is.
 *
 * @example
 * explainClaimDecision(decision);
 * // "Claim C1 (participant P7, EMP-ENTRY achieved 2013-01-10, claimed 2013-02-01, period 2013-Q1): accepted,
 * //  price 3,500.00, pays 3,500.00"
 * @throws ArgumentError for a decision that is not one of a claims settlement's decisions as read from its list
 * (`not_a_claim_decision`: a copy, a changed decision or one read back from JSON), or a currency that is neither
 * "" (amounts without a currency) nor a currency code the library knows (`unknown_currency`).
 */
export function explainClaimDecision(decision: ClaimDecision, currency = ""): string {
  const problems = [
    issuedIssue(decision, "claim-decision", "explainClaimDecision", "decision"),
    currency === "" || isKnownCurrency(currency)
      ? undefined
      : issue(
          ["currency"],
          "unknown_currency",
          `the amounts are written in a currency given by its ISO 4217 code, such as "GBP", or in none (""); got ${describeValue(currency)}`,
        ),
  ].filter((found): found is InputIssue => found !== undefined);
  if (problems.length > 0) throw new ArgumentError(problems);
  const unit = currency === "" ? "" : `${currency} `;
  const money = (amount: string) => `${unit}${groupThousands(amount)}`;
  const head = `Claim ${decision.claimId} (participant ${decision.participant}, ${decision.outcome} achieved ${decision.achievedOn}, claimed ${decision.claimedOn}, period ${decision.period})`;
  const price = decision.price === undefined ? "" : `, price ${money(decision.price)}`;
  const priced =
    decision.priced !== undefined && decision.priced !== decision.price
      ? `, priced ${money(decision.priced)} as a top-up of its ladder`
      : "";
  const cuts = (decision.cuts ?? [])
    .map(
      (cut) =>
        `\n    ${CAP_NAMES[cut.cap]} ${cut.cap === "participant" ? "" : `${cut.id} `}(limit ${cut.cap === "outcome-volume" ? `${cut.limit} claims` : money(cut.limit)}, used before ${cut.cap === "outcome-volume" ? cut.usedBefore : money(cut.usedBefore)}): ${money(cut.before)} → ${money(cut.after)}`,
    )
    .join("");
  if (decision.status === "rejected")
    return `${head}: rejected (${decision.reason ?? ""}): ${decision.message ?? ""}${price}${priced}${cuts}`;
  return `${head}: ${decision.status}${price}${priced}, pays ${money(decision.amount)}${cuts}`;
}

/**
 * A claims settlement as text: the counts, why claims were rejected, what each outcome, claim period and payer
 * comes to, and what each cap cut. Decisions are not listed (there may be millions): render the ones you need
 * with `explainClaimDecision`.
 *
 * @example
 * console.log(explainClaims(settleClaims(contract, claims, { asOf: "2015-03-31" })));
 * @throws ArgumentError for a claims settlement `settleClaims` or `settleClaimsAsync` did not return
 * (`not_a_claim_settlement`: a copy, a changed settlement or one read back from JSON; settle the claims again).
 */
export function explainClaims(settlement: ClaimSettlement): string {
  requireIssued(settlement, "claim-settlement", "explainClaims", "settlement");
  const { counts } = settlement;
  const lines = [
    `Claims under ${settlement.contractId} as of ${settlement.asOf} (${settlement.currency}, claim periods by ${settlement.claimPeriod})`,
    `  Read ${count(counts.received, "claim", "claims")}: ${counts.accepted.toLocaleString("en")} accepted, ${counts.acceptedInPart.toLocaleString("en")} accepted in part, ${counts.rejected.toLocaleString("en")} rejected, ${counts.repeatsIgnored.toLocaleString("en")} repeats ignored`,
  ];
  const reasons = Object.entries(settlement.rejectedByReason).sort((a, b) => (a[0] < b[0] ? -1 : 1));
  if (reasons.length > 0)
    lines.push(`  Rejected: ${reasons.map(([reason, count]) => `${reason} ${count}`).join(", ")}`);
  lines.push("By outcome:");
  for (const entry of settlement.byOutcome)
    lines.push(
      `  ${entry.outcome} (${entry.name}): ${count(entry.claimsPaid, "claim", "claims")} paid, ${cash(entry.amount)}`,
    );
  lines.push("Due by claim period:");
  for (const period of settlement.byPeriod) {
    const split = period.byPayer.map((part) => `${part.party} ${part.share} ${cash(part.due)}`).join(", ");
    lines.push(
      `  ${period.period} (${period.start} to ${period.end}): ${count(period.claimsPaid, "claim", "claims")}, ${cash(period.due)} = ${split}`,
    );
  }
  lines.push("By payer:");
  for (const payer of settlement.byPayer) lines.push(`  ${payer.party}: ${cash(payer.due)}`);
  if (settlement.caps.length > 0) {
    lines.push("Caps that cut claims:");
    for (const cap of settlement.caps) {
      const limit =
        cap.cap === "outcome-volume" ? `${cap.limit} claims` : `${settlement.currency} ${groupThousands(cap.limit)}`;
      lines.push(
        `  ${CAP_NAMES[cap.cap]}${cap.id === "*" ? "" : ` ${cap.id}`} (${limit}): cut ${count(cap.claimsCut, "claim", "claims")} by ${cash(cap.cut)}`,
      );
    }
  }
  lines.push(
    `Total due: ${cash(settlement.total)} for ${count(settlement.byParticipant.length, "participant", "participants")}`,
  );
  return lines.join("\n");
}
