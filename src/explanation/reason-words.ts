import type { CapKind, ResultStep } from "./steps.js";

/**
 * Why a tranche has its status, in a sentence, built the same way in every language from the words below: by the
 * engine for the settlement's own `reason` (English, with neutral amounts and ISO dates, for the JSON), and by the
 * reports from the settlement's figures in their language and style (src/report/phrases/reason.ts).
 */
export interface ReasonWords {
  /** `metric (period p)` in the language. */
  result(result: ResultStep): string;
  /** A tranche paid on a pool (the Peterborough fallback): the words before the pooled reason. */
  fallback(cohort: string, pooledCohort: string): string;
  disputed(results: string): string;
  reported(results: string): string;
  /** A result that is missing (`rejected` false) or rejected, for `absent`. */
  absent(result: string, rejected: boolean): string;
  overdue(dueDate: string, absent: string): string;
  notYetDue(dueDate: string, absent: string): string;
  /** `the tranche cap t1`. */
  cap(kind: CapKind, id: string): string;
  earnsNothing: string;
  /** The verified results earned nothing, said when something was paid on them before. */
  nowEarnsNothing: string;
  cappedToNothing(priced: string, caps: readonly string[]): string;
  owedBack(why: string, paid: string): string;
  earned(earned: string, payableFrom: string | undefined): string;
  partlyPaid(paid: string, earned: string, due: string): string;
  paidInFull(earned: string): string;
  overpaid(paid: string, earned: string, back: string): string;
}

/** The caps' names in English: "metric cap", "tranche cap", ... */
export const CAP_NAMES_EN: Record<CapKind, string> = {
  metric: "metric cap",
  tranche: "tranche cap",
  contract: "contract cap",
  payer: "payer cap",
};

const plural = (count: number, one: string, many: string) => (count === 1 ? one : many);

/** Why a tranche has its status, in English: the settlement's `reason`, and the English reports'. */
export const REASON_WORDS_EN: ReasonWords = {
  result: (result) => `${result.metric} (${result.scope})`,
  fallback: (cohort, pooled) =>
    `cohort ${cohort} did not clear its own rule and is paid on the pooled result of cohort ${pooled}: `,
  disputed: (results) =>
    `the result for ${results} is disputed: nothing is payable on it until the dispute is resolved`,
  reported: (results) => `the result for ${results} is reported but not yet verified`,
  absent: (result, rejected) =>
    `${result}: ${rejected ? "result rejected, a new report is expected" : "no result reported"}`,
  overdue: (dueDate, absent) => `due on ${dueDate} and still without a verified result: ${absent}`,
  notYetDue: (dueDate, absent) => `due on ${dueDate}; ${absent}`,
  cap: (kind, id) => `the ${CAP_NAMES_EN[kind]} ${id}`,
  earnsNothing: "the verified results earn nothing under the pricing rule",
  nowEarnsNothing: "the verified results now earn nothing",
  cappedToNothing: (priced, caps) =>
    `the verified results are priced at ${priced}, but ${caps.join(" and ")} ${plural(caps.length, "leaves", "leave")} nothing to pay`,
  owedBack: (why, paid) => `${why}, but ${paid} was paid: it is owed back`,
  earned: (earned, payableFrom) =>
    `${earned} earned, ${payableFrom === undefined ? "payable now" : `payable from ${payableFrom}`}`,
  partlyPaid: (paid, earned, due) => `${paid} of ${earned} paid; ${due} still due`,
  paidInFull: (earned) => `${earned} earned and paid in full`,
  overpaid: (paid, earned, back) => `${paid} paid against ${earned} now earned: ${back} is owed back`,
};
