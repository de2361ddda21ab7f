import {
  abs,
  divide,
  EXACT_ZERO,
  type Exact,
  exactKnown,
  exactOfText,
  isZero,
  minus,
  plainText,
  sign,
} from "../formula/exact.js";
import { issue } from "../errors/validation-error.js";
import { FormulaError } from "../errors/formula-error.js";
import type { Contract, Coverage, FormulaRule, Metric, PricingRule } from "../contract/types.js";
import { formulaRules, readsWithin, typedFormulas } from "../contract/check-formulas.js";
import type { FormulaStep, PricingStep } from "../explanation/steps.js";
import { addMonthsToDate } from "../contract/day-number.js";
import { parseFormulaText } from "../formula/parse.js";
import { checkFormulaTree, type FormulaScope, type FormulaUses } from "../formula/check.js";
import {
  compileFormula,
  FormulaRuntimeProblem,
  type CompiledFormula,
  type FormulaRuntime,
  type FormulaTrace,
  type FormulaValue,
} from "../formula/evaluate.js";
import type { FormulaNode } from "../formula/syntax.js";
import { compileTable, type CompiledTable } from "./decision-table.js";

type Path = readonly (string | number)[];

/** The key a formula's amount is attributed to when it names no metric and reads none or several. */
export const FORMULA_PART = "(formula)";

interface ProgramFormula {
  readonly index: number;
  readonly tree: FormulaNode;
  readonly compiled: CompiledFormula;
  readonly uses: FormulaUses;
}

/** A contract's formulas, tables and parameters, compiled once (per set of terms in force). */
export interface FormulaProgram {
  readonly contract: Contract;
  readonly scope: FormulaScope;
  readonly params: ReadonlyMap<string, FormulaValue>;
  readonly tables: ReadonlyMap<string, CompiledTable>;
  readonly formulas: ReadonlyMap<string, ProgramFormula>;
  readonly inputIndex: ReadonlyMap<string, number>;
  readonly periodIndex: ReadonlyMap<string, number>;
  readonly lastYear: readonly number[];
  /** Compiles a pricing expression of this contract (memoised by its text). */
  expression(text: string): ProgramFormula;
}

const programs = new WeakMap<Contract, FormulaProgram>();

/** The same day a year earlier (29 February → 28 February), by the calendar's month arithmetic. */
function yearEarlier(date: string): string {
  return addMonthsToDate(date, -12);
}

/**
 * The compiled formulas of a checked contract (or of its terms in force). Named formulas are checked in
 * dependency order, so each knows the types of those it reads.
 */
export function formulaProgram(contract: Contract): FormulaProgram {
  const known = programs.get(contract);
  if (known !== undefined) return known;
  const inputIndex = new Map(Object.keys(contract.inputs ?? {}).map((name, index) => [name, index]));
  const { scope, formulas: typed } = typedFormulas(contract);
  const formulas = new Map<string, ProgramFormula>();
  for (const [id, entry] of typed) formulas.set(id, { ...entry, compiled: compileFormula(entry.tree, inputIndex) });
  const expressions = new Map<string, ProgramFormula>();
  const periodIndex = new Map(contract.periods.map((period, index) => [period.id, index]));
  const byStart = new Map(contract.periods.map((period, index) => [period.start, index]));
  const program: FormulaProgram = {
    contract,
    scope,
    params: new Map(
      Object.entries(contract.parameters ?? {}).map(([name, value]) => [
        name,
        typeof value === "string" ? (exactOfText(value) ?? EXACT_ZERO) : value.text,
      ]),
    ),
    tables: new Map((contract.tables ?? []).map((table) => [table.id, compileTable(table)])),
    formulas,
    inputIndex,
    periodIndex,
    lastYear: contract.periods.map((period) => byStart.get(yearEarlier(period.start)) ?? -1),
    expression(text) {
      const cached = expressions.get(text);
      if (cached !== undefined) return cached;
      const parsed = parseFormulaText(text);
      if ("problem" in parsed) throw new Error(`assertion: unchecked formula: ${parsed.problem.message}`);
      const checked = checkFormulaTree(parsed.tree, scope);
      const compiled = {
        index: -1,
        tree: parsed.tree,
        compiled: compileFormula(parsed.tree, inputIndex),
        uses: checked.uses,
      };
      expressions.set(text, compiled);
      return compiled;
    },
  };
  programs.set(contract, program);
  return program;
}

/** What a formula rule is evaluated against in a settlement. */
export interface FormulaEnvironment {
  /** The terms in force for the tranche. */
  readonly terms: Contract;
  readonly covers: Coverage;
  readonly metrics: ReadonlyMap<string, Metric>;
  /** The verified value of a metric for a period or cohort (present for every need `formulaNeeds` listed). */
  value(metric: string, covers: Coverage): Exact | undefined;
  /** Where the rule is, for errors met during evaluation. */
  readonly path: Path;
}

/** The day decision tables are read on for a coverage: the period's start (a cohort: its enrolment start, else the term's). */
function tableDate(contract: Contract, covers: Coverage): string {
  if ("period" in covers)
    return contract.periods.find((period) => period.id === covers.period)?.start ?? contract.term.start;
  return contract.cohorts?.find((cohort) => cohort.id === covers.cohort)?.enrolledFrom ?? contract.term.start;
}

/** The runtime of one formula evaluation in a settlement: reads through Maps only, memoises named formulas. */
function settlementRuntime(
  program: FormulaProgram,
  env: FormulaEnvironment,
  trace: FormulaTrace | undefined,
): FormulaRuntime {
  const periods = program.contract.periods;
  const coversOf = (scope: number): Coverage => (scope < 0 ? env.covers : { period: periods[scope]!.id });
  const home = "period" in env.covers ? (program.periodIndex.get(env.covers.period) ?? -1) : -1;
  const memo = new Map<string, FormulaValue>();
  const date = tableDate(program.contract, env.covers);
  const baseline = (id: string): Exact => exactKnown(env.metrics.get(id)!.baseline.value) ?? EXACT_ZERO;
  const runtime: FormulaRuntime = {
    metric(id, scope) {
      const value = env.value(id, coversOf(scope));
      if (value === undefined) throw new Error(`assertion: no value of ${id} for scope ${scope}`);
      return value;
    },
    improvement(id, scope, relative) {
      const measured = runtime.metric(id, scope);
      const base = baseline(id);
      const change = env.metrics.get(id)!.better === "higher" ? minus(measured, base) : minus(base, measured);
      if (!relative) return change;
      if (isZero(base))
        throw new FormulaRuntimeProblem(
          0,
          "formula_division_by_zero",
          `the relative improvement of ${id} divides by its baseline, which is zero`,
        );
      return divide(change, abs(base));
    },
    baseline,
    params: program.params,
    formula(id, scope) {
      const key = `${id}@${scope}`;
      const cached = memo.get(key);
      if (cached !== undefined) return cached;
      const formula = program.formulas.get(id)!;
      try {
        const value = formula.compiled(runtime, scope);
        memo.set(key, value);
        return value;
      } catch (error) {
        if (error instanceof FormulaRuntimeProblem && !(error instanceof SourcedProblem))
          throw new SourcedProblem(error, ["formulas", formula.index, "expression"]);
        throw error;
      }
    },
    lookup(table, keys, at) {
      const found = program.tables.get(table)!.lookup(keys, date);
      if (found === undefined)
        throw new FormulaRuntimeProblem(
          at,
          "formula_no_matching_row",
          `at character ${at + 1}: no row of table "${table}" matches ${JSON.stringify(keys)} on ${date}; add a row (a row of "*" catches every key)`,
        );
      return found;
    },
    inputs: [],
    previousScope: (scope) => (scope < 0 ? -1 : scope - 1),
    lastYearScope: (scope) => (scope < 0 ? -1 : (program.lastYear[scope] ?? -1)),
    scopeLabel: (scope) => (scope === home ? "" : scope < 0 ? "" : ` (period ${periods[scope]!.id})`),
    trace,
  };
  return runtime;
}

/** A runtime problem met inside a named formula: reported at that formula's path. */
class SourcedProblem extends FormulaRuntimeProblem {
  constructor(
    problem: FormulaRuntimeProblem,
    readonly path: Path,
  ) {
    super(problem.at, problem.code, problem.message);
  }
}

/** Turns a problem met during evaluation into the library's typed error. */
export function formulaErrorOf(error: unknown, path: Path): unknown {
  if (error instanceof SourcedProblem) return new FormulaError([issue(error.path, error.code, error.message)]);
  if (error instanceof FormulaRuntimeProblem) return new FormulaError([issue(path, error.code, error.message)]);
  return error;
}

/**
 * Prices a formula rule in a settlement: evaluates it exactly and records a `formula` step with every value
 * it read and every table row it used. A negative result pays nothing (a `zero-floor` step says so).
 *
 * @throws FormulaError for a division by zero or a table without a matching row.
 */
export function evaluateFormulaRule(
  rule: FormulaRule,
  env: FormulaEnvironment,
): { amount: Exact; byMetric: Map<string, Exact>; steps: PricingStep[] } {
  const program = formulaProgram(env.terms);
  const expression = program.expression(rule.expression);
  const trace: FormulaTrace = { reads: new Map(), lookups: [] };
  const home = "period" in env.covers ? (program.periodIndex.get(env.covers.period) ?? -1) : -1;
  let value: FormulaValue;
  try {
    value = expression.compiled(settlementRuntime(program, env, trace), home);
  } catch (error) {
    throw formulaErrorOf(error, [...env.path, "expression"]);
  }
  let amount = value as Exact;
  const read = [...readsWithin(program.formulas, expression.uses).metrics];
  const part = rule.metric ?? (read.length === 1 ? read[0]! : FORMULA_PART);
  const step: FormulaStep = {
    kind: "formula",
    expression: rule.expression,
    reads: [...trace.reads].map(([name, shown]) => ({ name, value: shown })),
    lookups: trace.lookups,
    value: plainText(amount),
    part,
  };
  const steps: PricingStep[] = [step];
  if (sign(amount) < 0) {
    steps.push({ kind: "zero-floor", metric: part, before: plainText(amount) });
    amount = EXACT_ZERO;
  }
  return { amount, byMetric: new Map([[part, amount]]), steps };
}

/**
 * The results (metric and period or cohort) a rule needs, in the order first met: the tranche's own for the
 * built-in shapes; for formulas also those of prior periods they read (`previous`, `lastYear`, `window`).
 * Both branches of an `if` count, so a tranche waits for every result its formula could read.
 */
export function formulaNeeds(
  terms: Contract,
  rule: PricingRule,
  covers: Coverage,
): { metric: string; covers: Coverage }[] {
  const program = formulaProgram(terms);
  const needs = new Map<string, { metric: string; covers: Coverage }>();
  const periods = terms.periods;
  const home = "period" in covers ? (program.periodIndex.get(covers.period) ?? -1) : -1;
  const add = (metric: string, scope: number) => {
    const at: Coverage = scope < 0 ? covers : { period: periods[scope]!.id };
    const key = `${metric}\u0000${"period" in at ? at.period : `cohort:${at.cohort}`}`;
    if (!needs.has(key)) needs.set(key, { metric, covers: at });
  };
  const visited = new Set<string>();
  const visit = (node: FormulaNode, scope: number): void => {
    switch (node.kind) {
      case "ref":
        if (node.namespace === "metric" || node.namespace === "improvement" || node.namespace === "relativeImprovement")
          add(node.name, scope);
        else if (node.namespace === "formula") visitFormula(node.name, scope);
        return;
      case "name":
        if (!program.params.has(node.name)) visitFormula(node.name, scope);
        return;
      case "list":
        node.items.forEach((item) => visit(item, scope));
        return;
      case "negate":
      case "not":
        visit(node.operand, scope);
        return;
      case "binary":
        visit(node.left, scope);
        visit(node.right, scope);
        return;
      case "call": {
        const [first, second] = node.args as [FormulaNode, FormulaNode];
        if (node.name === "previous" || node.name === "lastYear") {
          const other = scope < 0 ? -1 : node.name === "previous" ? scope - 1 : (program.lastYear[scope] ?? -1);
          if (other < 0) visit(second, scope);
          else visit(first, other);
          return;
        }
        if (node.name === "window") {
          const size = Number((second as { text?: string }).text ?? "1");
          for (let s = scope, n = 0; n < size && (n === 0 || s >= 0); s -= 1, n += 1) visit(first, s);
          return;
        }
        node.args.forEach((arg) => visit(arg, scope));
        return;
      }
      default:
        return;
    }
  };
  const visitFormula = (id: string, scope: number) => {
    const key = `${id}@${scope}`;
    if (visited.has(key)) return;
    visited.add(key);
    const formula = program.formulas.get(id);
    if (formula !== undefined) visit(formula.tree, scope);
  };
  for (const found of formulaRules(rule, [])) visit(program.expression(found.rule.expression).tree, home);
  return [...needs.values()];
}
