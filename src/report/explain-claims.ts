import type { ClaimDecision, ClaimSettlement } from "../claims/claim-types.js";
import {
  ArgumentError,
  ISSUED_CLAIM_DECISION,
  ISSUED_CLAIM_SETTLEMENT,
  issuedIssue,
  requireIssued,
} from "../errors/argument-error.js";
import { describeValue } from "../errors/describe-value.js";
import { issue, type InputIssue } from "../errors/validation-error.js";
import { isKnownCurrency } from "../money/currency.js";
import { textOptions, type TextOptions } from "./report-locale.js";
import { claimWordsOf } from "./phrases/claim-words.js";
import { plainCount, plainMarks, plainTextStyle } from "./style.js";

/** An amount as a decision gives it: money (`{ amount, currency }`), or a decimal string (a cut's figures). */
type Amount = string | { readonly amount: string };
const amountOf = (value: Amount) => (typeof value === "string" ? value : value.amount);

/**
 * One claim's decision as a line an officer can check by hand, in English or Italian: the price in force, what the
 * rules priced, each cap that cut it, and what is paid — or why nothing is.
 *
 * @example
 * explainClaimDecision(decision);
 * // "Claim C1 (participant P7, EMP-ENTRY achieved 2013-01-10, claimed 2013-02-01, period 2013-Q1): accepted,
 * //  price 3,500.00, pays 3,500.00"
 * explainClaimDecision(decision, "GBP", { locale: "it" });
 * // "Richiesta C1 (partecipante P7, EMP-ENTRY conseguito il 2013-01-10, richiesto il 2013-02-01, periodo 2013-Q1):
 * //  accolta, prezzo GBP 3.500,00, paga GBP 3.500,00"
 * @throws ArgumentError for a decision that is not one of a claims settlement's decisions as read from its list
 * (`not_a_claim_decision`: a copy, a changed decision or one read back from JSON), or a currency that is neither
 * "" (amounts without a currency) nor a currency code the library knows (`unknown_currency`).
 * @throws OptionsError for options that are not an object (`invalid_options`) or a locale other than "en" and "it"
 * (`unknown_locale`).
 */
export function explainClaimDecision(decision: ClaimDecision, currency = "", options?: TextOptions): string {
  const problems = [
    issuedIssue(decision, ISSUED_CLAIM_DECISION, "explainClaimDecision", "decision"),
    currency === "" || isKnownCurrency(currency)
      ? undefined
      : issue(
          ["currency"],
          "unknown_currency",
          `the amounts are written in a currency given by its ISO 4217 code, such as "GBP", or in none (""); got ${describeValue(currency)}`,
        ),
  ].filter((found): found is InputIssue => found !== undefined);
  if (problems.length > 0) throw new ArgumentError(problems);
  const { locale } = textOptions(options);
  const words = claimWordsOf(locale);
  const write =
    currency === "" ? (amount: string) => plainMarks(amount, locale) : plainTextStyle(currency, locale).money;
  const money = (value: Amount) => write(amountOf(value));
  const head = words.decision(decision);
  const price = decision.price === undefined ? "" : `, ${words.price(money(decision.price))}`;
  const priced =
    decision.priced !== undefined &&
    (decision.price === undefined || amountOf(decision.priced) !== amountOf(decision.price))
      ? `, ${words.topUp(money(decision.priced))}`
      : "";
  const cuts = (decision.cuts ?? [])
    .map((cut) => {
      const volume = cut.cap === "outcome-volume";
      const name = `${words.capName(cut.cap)}${cut.cap === "participant" ? "" : ` ${cut.id}`}`;
      return `\n    ${words.cut(
        name,
        volume ? words.claimCount(cut.limit) : money(cut.limit),
        volume ? cut.usedBefore : money(cut.usedBefore),
        money(cut.before),
        money(cut.after),
      )}`;
    })
    .join("");
  if (decision.status === "rejected")
    return `${head}: ${words.status("rejected")} (${decision.reason ?? ""}): ${words.message(decision)}${price}${priced}${cuts}`;
  return `${head}: ${words.status(decision.status)}${price}${priced}, ${words.pays(money(decision.amount))}${cuts}`;
}

/**
 * A claims settlement as text, in English or Italian: the counts, why claims were rejected, what each outcome,
 * claim period and payer comes to, and what each cap cut. Decisions are not listed (there may be millions): render
 * the ones you need with `explainClaimDecision`.
 *
 * @example
 * console.log(explainClaims(settleClaims(contract, claims, { asOf: "2015-03-31" })));
 * console.log(explainClaims(settlement, { locale: "it" }));
 * @throws ArgumentError for a claims settlement `settleClaims` or `settleClaimsAsync` did not return
 * (`not_a_claim_settlement`: a copy, a changed settlement or one read back from JSON; settle the claims again).
 * @throws OptionsError for options that are not an object (`invalid_options`) or a locale other than "en" and "it"
 * (`unknown_locale`).
 */
export function explainClaims(settlement: ClaimSettlement, options?: TextOptions): string {
  requireIssued(settlement, ISSUED_CLAIM_SETTLEMENT, "explainClaims", "settlement");
  const { locale } = textOptions(options);
  const words = claimWordsOf(locale);
  const style = plainTextStyle(settlement.currency, locale);
  const cash = (value: { readonly amount: string }) => style.money(value.amount);
  const number = (count: number) => plainCount(count, locale);
  const claims = (count: number) => words.claims(count, number(count));
  const { counts } = settlement;
  const lines = [
    words.heading(settlement.contractId, settlement.asOf, settlement.currency, settlement.claimPeriod),
    `  ${words.read(claims(counts.received), number(counts.accepted), number(counts.acceptedInPart), number(counts.rejected), number(counts.repeatsIgnored))}`,
  ];
  const reasons = Object.entries(settlement.rejectedByReason).sort((a, b) => (a[0] < b[0] ? -1 : 1));
  if (reasons.length > 0)
    lines.push(
      `  ${words.rejectedBy(reasons.map(([reason, count]) => `${words.reason(reason as never)} ${number(count)}`).join(", "))}`,
    );
  lines.push(words.byOutcome);
  for (const entry of settlement.byOutcome)
    lines.push(`  ${words.outcome(entry.outcome, entry.name, claims(entry.claimsPaid), cash(entry.amount))}`);
  lines.push(words.byPeriod);
  for (const period of settlement.byPeriod) {
    const split = period.byPayer.map((part) => `${part.party} ${part.share} ${cash(part.due)}`).join(", ");
    lines.push(
      `  ${words.period(period.period, period.start, period.end, claims(period.claimsPaid), cash(period.due), split)}`,
    );
  }
  lines.push(words.byPayer);
  for (const payer of settlement.byPayer) lines.push(`  ${payer.party}: ${cash(payer.due)}`);
  if (settlement.caps.length > 0) {
    lines.push(words.caps);
    for (const cap of settlement.caps) {
      const limit = cap.cap === "outcome-volume" ? words.claimCount(cap.limit) : style.money(cap.limit);
      const name = `${words.capName(cap.cap)}${cap.id === "*" ? "" : ` ${cap.id}`}`;
      lines.push(`  ${words.capUse(name, limit, claims(cap.claimsCut), cash(cap.cut))}`);
    }
  }
  const participants = settlement.byParticipant.length;
  lines.push(words.total(cash(settlement.total), words.participants(participants, number(participants))));
  return lines.join("\n");
}
