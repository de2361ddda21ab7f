import {
  EXACT_ZERO,
  type Exact,
  exactFromText,
  exactOfText,
  exactOf,
  fixedText,
  fromNumber,
  plainText,
  roundedUnits,
  roundTo,
  sign,
  unitsAt,
  unitsAtSmall,
  unitsText,
} from "../formula/exact.js";
import { deepFreeze } from "../util/freeze.js";
import type { FormulaStep } from "../explanation/steps.js";
import { contractMinorUnits } from "../contract/contract-currency.js";
import type { Money } from "../money/money.js";
import { isIssued, markIssued } from "../util/issued.js";
import { parseContract } from "../contract/parse-contract.js";
import { amendedTerms } from "../contract/amendments.js";
import { isCalendarDate } from "../contract/calendar.js";
import type { Contract } from "../contract/types.js";
import { issue, OptionsError, type InputIssue } from "../errors/validation-error.js";
import { LinesError } from "../errors/formula-error.js";
import { FormulaRuntimeProblem, type FormulaRuntime, type FormulaValue } from "../formula/evaluate.js";
import { formulaErrorOf, formulaProgram } from "./contract-formulas.js";
import type { CompiledTable } from "./decision-table.js";
import { quoted } from "../errors/describe-value.js";

/** One line to price: the invoice (e.g. a facility) it belongs to, and its inputs by name. */
export interface PriceLine {
  readonly invoice: string;
  /** Values of the contract's declared `inputs`: numbers as JSON numbers or decimal strings, texts as strings. */
  readonly inputs: Readonly<Record<string, number | string>>;
}

/** Options of `priceLines`: which formula, for which period, as known on which date. */
export interface PriceLinesOptions {
  /** The id of the contract's named formula that prices one line. */
  readonly formula: string;
  /** The period the lines belong to: it selects the terms in force (amendments) and the table rows valid on its first day. */
  readonly period: string;
  /** Only amendments agreed on or before this calendar date count. */
  readonly asOf: string;
  /** Record each line's evaluation (every value read, every table row used) in `explanations`; slower. */
  readonly explain?: boolean;
}

/** How one line was priced: the formula's step (values read, rows used, exact value) and the rounded amount. */
export interface LineExplanation {
  /** The index of the line in the lines given, counting from 0. Texts count from 1: index 0 is "Line 1". */
  readonly line: number;
  readonly invoice: string;
  readonly formula: FormulaStep;
  readonly amount: string;
}

/** An invoice: the lines of one `invoice` key, and their total (the sum of the rounded line amounts). */
export interface InvoiceTotal {
  readonly invoice: string;
  readonly lines: number;
  readonly total: Money;
}

/** What `priceLines` returns: every line's amount, the invoices and the total, in the contract's currency. */
export interface LinesPriced {
  readonly currency: string;
  /** Each line's amount, rounded once to minor units, in the order of the lines (decimal strings). */
  readonly amounts: readonly string[];
  /** One entry per invoice, in the order each invoice first appears. */
  readonly invoices: readonly InvoiceTotal[];
  /** The sum of all invoices. */
  readonly total: Money;
  /** The amendments in force for the period. */
  readonly amendments: readonly string[];
  /** With `explain: true`, one explanation per line, in order. */
  readonly explanations?: readonly LineExplanation[];
}

/**
 * Prices many lines with one formula of the contract, compiled once: a performance-based-financing invoice
 * run (quantity × price from a decision table + a quality bonus, for thousands of facilities). Each line's
 * value is exact and rounded once, with the contract's rounding mode, to the currency's minor unit (a negative
 * value pays nothing); invoice totals add the rounded lines, so they conserve every cent.
 *
 * @example
 * const run = priceLines(contract, [{ invoice: "HC-001", inputs: { quantity: 120, indicator: "anc4", region: "north", facilityType: "health-centre" } }],
 *   { formula: "line-amount", period: "2027-Q1", asOf: "2027-04-30" });
 * run.invoices[0].total; // { amount: "1500.00", currency: "EUR" }
 * @throws OptionsError for an unknown formula or period, or a formula that reads results instead of line inputs.
 * @throws LinesError listing every line whose inputs are missing or of the wrong type.
 * @throws FormulaError for a division by zero or a table with no matching row (at the line's path).
 */
export function priceLines(
  contractInput: Contract,
  lines: readonly PriceLine[],
  options: PriceLinesOptions,
): LinesPriced {
  const contract = isIssued(contractInput, "contract") ? contractInput : parseContract(contractInput);
  const problems: InputIssue[] = [];
  const period = contract.periods.find((entry) => entry.id === options?.period);
  if (period === undefined)
    problems.push(
      issue(["period"], "unknown_period", `unknown period ${quoted(options?.period)}: declare it under periods`),
    );
  if (typeof options?.asOf !== "string" || !isCalendarDate(options.asOf))
    problems.push(issue(["asOf"], "invalid_date", 'asOf must be a calendar date as YYYY-MM-DD, e.g. "2027-12-31"'));
  const id = options?.formula;
  if (!(contract.formulas ?? []).some((formula) => formula.id === id))
    problems.push(
      issue(["formula"], "unknown_formula", `unknown formula ${quoted(id)}: name one of the contract's formulas`),
    );
  if (problems.length > 0 || period === undefined) throw new OptionsError(problems);
  if (!Array.isArray(lines))
    throw new LinesError([issue([], "invalid_type", "the lines must be a list of { invoice, inputs }")]);

  const { terms, amendments } = amendedTerms(contract, { period: period.id }, { asOf: options.asOf });
  const program = formulaProgram(terms);
  // What the formula reads, through the formulas it uses: line inputs only.
  const used = new Set<string>();
  const inputs = new Set<string>();
  let readsResults = false;
  const visit = (name: string) => {
    if (used.has(name)) return;
    used.add(name);
    const formula = program.formulas.get(name)!;
    formula.uses.inputs.forEach((input) => inputs.add(input));
    if (formula.uses.metrics.size > 0 || formula.uses.periods) readsResults = true;
    formula.uses.formulas.forEach(visit);
  };
  visit(id);
  if (readsResults)
    throw new OptionsError([
      issue(
        ["formula"],
        "formula_reads_results",
        `formula "${id}" reads metric results or other periods; priceLines prices lines from their inputs only`,
      ),
    ]);

  const declared = [...program.inputIndex.keys()];
  const types = program.scope.inputs;
  const needed = declared
    .map((name, index) => ({ name, index, text: types.get(name) === "text", used: inputs.has(name) }))
    .filter((entry) => entry.used);
  const currency = contract.currency;
  const mode = contract.rounding.mode;
  const places = contractMinorUnits(contract);
  const date = period.start;
  // Named formulas are memoised per line: a value and the line it was computed for, by formula position.
  const size = (terms.formulas ?? []).length;
  const memoValue: (FormulaValue | undefined)[] = new Array<FormulaValue | undefined>(size).fill(undefined);
  const memoLine: number[] = new Array<number>(size).fill(-1);
  // Repeated decimal texts (quality scores, prices) are read once.
  const interned = new Map<string, Exact | undefined>();
  const readText = (text: string): Exact | undefined => {
    const known = interned.get(text);
    if (known !== undefined || interned.has(text)) return known;
    const value = exactFromText(text) ?? exactOfText(text);
    if (interned.size < 10_000) interned.set(text, value);
    return value;
  };
  const row: FormulaValue[] = new Array<FormulaValue>(declared.length).fill(EXACT_ZERO);
  let lineIndex = 0;
  const none = (): never => {
    throw new Error("assertion: a line formula reads no results");
  };
  // The table of the last lookup, at hand (a formula usually reads one table).
  let lastTable: string | undefined;
  let table: CompiledTable | undefined;
  const runtime: FormulaRuntime = {
    metric: none,
    improvement: none,
    baseline: none,
    params: program.params,
    formula(name, scope) {
      const formula = program.formulas.get(name)!;
      if (memoLine[formula.index] === lineIndex) return memoValue[formula.index]!;
      const value = formula.compiled(runtime, scope);
      memoValue[formula.index] = value;
      memoLine[formula.index] = lineIndex;
      return value;
    },
    lookup(name, keys, at) {
      if (name !== lastTable) {
        table = program.tables.get(name)!;
        lastTable = name;
      }
      const found = table!.lookup(keys, date);
      if (found === undefined)
        throw new FormulaRuntimeProblem(
          at,
          "formula_no_matching_row",
          `line ${lineIndex + 1}: no row of table "${name}" matches ${JSON.stringify(keys)} on ${date}; add a row (a row of "*" catches every key)`,
        );
      return found;
    },
    inputs: row,
    previousScope: () => -1,
    lastYearScope: () => -1,
    scopeLabel: () => "",
    trace: undefined,
  };
  const run = program.formulas.get(id)!;
  const explanations: LineExplanation[] | undefined = options.explain === true ? [] : undefined;
  const expression = (terms.formulas ?? []).find((formula) => formula.id === id)!.expression;

  const amounts: string[] = new Array<string>(lines.length);
  // Totals in minor units, as integers: exact, and cheap (a safe-integer sum while it stays one, else a bigint).
  const totals = new Map<string, InvoiceSum>();
  // Lines of one invoice usually follow each other: the last invoice's entry is kept at hand.
  let lastInvoice: string | undefined;
  let last: InvoiceSum | undefined;
  const issues: InputIssue[] = [];
  for (lineIndex = 0; lineIndex < lines.length; lineIndex += 1) {
    const line = lines[lineIndex];
    const values = line?.inputs;
    if (
      line === null ||
      typeof line !== "object" ||
      typeof line.invoice !== "string" ||
      values === null ||
      typeof values !== "object"
    ) {
      issues.push(
        issue(["lines", lineIndex], "invalid_line", "a line is { invoice: string, inputs: { name: value } }"),
      );
      continue;
    }
    let valid = true;
    for (const input of needed) {
      const raw = Object.hasOwn(values, input.name) ? values[input.name] : undefined;
      if (input.text) {
        if (typeof raw === "string") row[input.index] = raw;
        else
          valid = fault(
            issues,
            lineIndex,
            input.name,
            raw === undefined
              ? `the text input "${input.name}" is missing`
              : `the input "${input.name}" must be a text`,
          );
      } else {
        const decimal =
          typeof raw === "number"
            ? Number.isFinite(raw)
              ? fromNumber(raw)
              : undefined
            : typeof raw === "string"
              ? readText(raw)
              : undefined;
        if (decimal !== undefined) row[input.index] = decimal;
        else
          valid = fault(
            issues,
            lineIndex,
            input.name,
            raw === undefined
              ? `the number input "${input.name}" is missing`
              : `the input "${input.name}" must be a finite number or a decimal string`,
          );
      }
    }
    if (!valid || issues.length > 0) continue;
    let value: Exact;
    if (explanations !== undefined) runtime.trace = { reads: new Map(), lookups: [] };
    try {
      value = run.compiled(runtime, -1) as Exact;
    } catch (error) {
      throw formulaErrorOf(error, ["lines", lineIndex]);
    }
    // The one rounding step, in the contract's mode (a negative value pays nothing): to minor units as a safe
    // integer when the value allows (no object, no bigint), else through `roundTo`.
    const negative = sign(value) < 0;
    let units = negative ? 0 : roundedUnits(value, places, mode);
    let rounded: Exact | undefined;
    if (!Number.isNaN(units)) amounts[lineIndex] = unitsText(units, places);
    else {
      rounded = roundTo(value, places, mode);
      amounts[lineIndex] = fixedText(rounded, places);
      units = unitsAtSmall(rounded, places);
    }
    if (explanations !== undefined && runtime.trace !== undefined) {
      const formula: FormulaStep = {
        kind: "formula",
        expression,
        value: plainText(value),
        part: id,
        reads: [...runtime.trace.reads].map(([name, shown]) => ({ name, value: shown })),
        lookups: runtime.trace.lookups,
      };
      explanations.push({ line: lineIndex, invoice: line.invoice, formula, amount: amounts[lineIndex]! });
    }
    let entry = line.invoice === lastInvoice ? last : totals.get(line.invoice);
    if (entry === undefined) {
      entry = { lines: 0, small: 0, big: 0n };
      totals.set(line.invoice, entry);
    }
    lastInvoice = line.invoice;
    last = entry;
    entry.lines += 1;
    const sum = entry.small + units;
    if (Number.isSafeInteger(sum)) entry.small = sum;
    else entry.big += negative ? 0n : unitsAt(rounded ?? roundTo(value, places, mode), places);
  }
  if (issues.length > 0) throw new LinesError(issues);
  let total = 0n;
  const invoices: InvoiceTotal[] = [];
  // The sums are whole minor units, never negative: their fixed text is the amount (as `fromDecimal` writes it).
  const toMoney = (units: bigint): Money =>
    Object.freeze({ amount: fixedText(exactOf(units, places), places), currency });
  for (const [invoice, entry] of totals) {
    const sum = BigInt(entry.small) + entry.big;
    total += sum;
    invoices.push(Object.freeze({ invoice, lines: entry.lines, total: toMoney(sum) }));
  }
  const priced: LinesPriced = Object.freeze({
    currency,
    amounts: Object.freeze(amounts),
    invoices: Object.freeze(invoices),
    total: toMoney(total),
    amendments: Object.freeze(amendments.map((amendment) => amendment.id)),
    ...(explanations !== undefined ? { explanations: deepFreeze(explanations) } : {}),
  });
  return markIssued(priced, "lines-priced");
}

/** An invoice's lines so far and their sum in minor units: `small + big`, exact. */
interface InvoiceSum {
  lines: number;
  small: number;
  big: bigint;
}

function fault(issues: InputIssue[], line: number, name: string, message: string): false {
  if (issues.length < 100) issues.push(issue(["lines", line, "inputs", name], "invalid_input", message));
  return false;
}
