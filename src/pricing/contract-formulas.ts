import { Dec, plain, readDecimal, readMeasure } from "../money/decimal.js";
import { issue, type InputIssue } from "../errors/validation-error.js";
import { FormulaError } from "../errors/formula-error.js";
import type { Amendment, Contract, Coverage, FormulaRule, Metric, PricingRule } from "../contract/types.js";
import { applyAmendments } from "../contract/amendments.js";
import type { FormulaStep, PricingStep } from "../explanation/steps.js";
import { parseFormulaText } from "../formula/parse.js";
import { checkFormulaTree, type FormulaScope, type FormulaType, type FormulaUses } from "../formula/check.js";
import { compileFormula, FormulaRuntimeProblem, type CompiledFormula, type FormulaRuntime, type FormulaTrace, type FormulaValue } from "../formula/evaluate.js";
import { FORMULA_LIMITS, type FormulaNode } from "../formula/syntax.js";
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

/** The scope formulas of a contract may refer to. */
export function scopeOf(contract: Contract, formulaTypes: ReadonlyMap<string, FormulaType | undefined> = new Map((contract.formulas ?? []).map((f) => [f.id, undefined]))): FormulaScope {
  return {
    metrics: new Set(contract.metrics.map((metric) => metric.id)),
    params: new Map(Object.entries(contract.parameters ?? {}).map(([name, value]) => [name, typeof value === "string" ? "number" : "text"])),
    formulas: formulaTypes,
    tables: new Map((contract.tables ?? []).map((table) => [table.id, table.inputs.length])),
    inputs: new Map(Object.entries(contract.inputs ?? {})),
  };
}

/** One year earlier, as a calendar date (29 February goes to 28 February). */
function yearEarlier(date: string): string {
  const year = String(Number(date.slice(0, 4)) - 1).padStart(4, "0");
  const rest = date.slice(4) === "-02-29" ? "-02-28" : date.slice(4);
  return year + rest;
}

/**
 * The compiled formulas of a checked contract (or of its terms in force). Named formulas are checked in
 * dependency order, so each knows the types of those it reads.
 */
export function formulaProgram(contract: Contract): FormulaProgram {
  const known = programs.get(contract);
  if (known !== undefined) return known;
  const inputIndex = new Map(Object.keys(contract.inputs ?? {}).map((name, index) => [name, index]));
  const { order, trees } = formulaOrder(contract);
  const types = new Map<string, FormulaType | undefined>((contract.formulas ?? []).map((f) => [f.id, undefined]));
  const scope = scopeOf(contract, types);
  const formulas = new Map<string, ProgramFormula>();
  for (const id of order) {
    const entry = trees.get(id);
    if (entry === undefined) continue;
    const checked = checkFormulaTree(entry.tree, scope);
    types.set(id, checked.type);
    formulas.set(id, { index: entry.index, tree: entry.tree, compiled: compileFormula(entry.tree, inputIndex), uses: checked.uses });
  }
  const expressions = new Map<string, ProgramFormula>();
  const periodIndex = new Map(contract.periods.map((period, index) => [period.id, index]));
  const byStart = new Map(contract.periods.map((period, index) => [period.start, index]));
  const program: FormulaProgram = {
    contract,
    scope,
    params: new Map(Object.entries(contract.parameters ?? {}).map(([name, value]) => [name, typeof value === "string" ? (readDecimal(value) ?? new Dec(0)) : value.text])),
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
      const compiled = { index: -1, tree: parsed.tree, compiled: compileFormula(parsed.tree, inputIndex), uses: checked.uses };
      expressions.set(text, compiled);
      return compiled;
    },
  };
  programs.set(contract, program);
  return program;
}

/** The named formulas' trees and a dependency order (cycles left out: the checks report them). */
function formulaOrder(contract: Contract): { order: string[]; trees: Map<string, { index: number; tree: FormulaNode }>; cycles: string[][] } {
  const trees = new Map<string, { index: number; tree: FormulaNode }>();
  const deps = new Map<string, string[]>();
  const scope = scopeOf(contract);
  (contract.formulas ?? []).forEach((formula, index) => {
    if (trees.has(formula.id)) return;
    const parsed = parseFormulaText(formula.expression);
    if ("tree" in parsed) {
      trees.set(formula.id, { index, tree: parsed.tree });
      deps.set(formula.id, [...checkFormulaTree(parsed.tree, scope).uses.formulas]);
    }
  });
  const order: string[] = [];
  const state = new Map<string, "visiting" | "done">();
  const cycles: string[][] = [];
  const stack: string[] = [];
  const visit = (id: string): void => {
    const now = state.get(id);
    if (now === "done") return;
    if (now === "visiting") {
      cycles.push([...stack.slice(stack.indexOf(id)), id]);
      return;
    }
    state.set(id, "visiting");
    stack.push(id);
    for (const dep of deps.get(id) ?? []) visit(dep);
    stack.pop();
    state.set(id, "done");
    order.push(id);
  };
  for (const id of trees.keys()) visit(id);
  const cyclic = new Set(cycles.flat());
  return { order: order.filter((id) => !cyclic.has(id)), trees, cycles };
}

const withPath = (path: Path, problem: { code: string; message: string }): InputIssue => issue(path, problem.code, problem.message);

/** Parses and checks one pricing expression, the issues at `path`. */
function checkPricingExpression(program: FormulaProgram, path: Path, text: string, issues: InputIssue[]): void {
  const parsed = parseFormulaText(text);
  if ("problem" in parsed) {
    issues.push(withPath(path, parsed.problem));
    return;
  }
  const checked = checkFormulaTree(parsed.tree, program.scope);
  for (const problem of checked.problems) issues.push(withPath(path, problem));
  if (checked.problems.length === 0 && checked.type !== undefined && checked.type !== "number") {
    issues.push(issue(path, "formula_type", `a pricing formula must give a number (an amount), but this one gives ${checked.type === "boolean" ? "true/false" : `a ${checked.type}`}`));
  }
  const inputs = [...checked.uses.inputs, ...[...checked.uses.formulas].flatMap((id) => [...usesClosure(program, id).inputs])];
  if (inputs.length > 0) {
    issues.push(issue(path, "formula_line_input", `the formula reads the line input "${inputs[0]}", which only priceLines provides: a tranche has no lines`));
  }
}

/** The inputs read by a named formula and all it depends on. */
function usesClosure(program: FormulaProgram, id: string, seen = new Set<string>()): { inputs: Set<string> } {
  const inputs = new Set<string>();
  if (seen.has(id)) return { inputs };
  seen.add(id);
  const formula = program.formulas.get(id);
  if (formula === undefined) return { inputs };
  for (const input of formula.uses.inputs) inputs.add(input);
  for (const dep of formula.uses.formulas) for (const input of usesClosure(program, dep, seen).inputs) inputs.add(input);
  return { inputs };
}

function formulaRules(rule: PricingRule, path: Path): { rule: FormulaRule; path: Path }[] {
  if (rule.type === "formula") return [{ rule, path }];
  if (rule.type === "weighted") return rule.parts.flatMap((part, index) => formulaRules(part.rule, [...path, "parts", index, "rule"]));
  if (rule.type === "threshold" && rule.then !== undefined) return formulaRules(rule.then, [...path, "then"]);
  return [];
}

/**
 * The checks of a contract's formulas: limits, syntax, names, argument counts, types and cycles of the named
 * formulas and of every formula rule, each issue at the formula's JSON path with the character position in
 * its message. The `metric` a formula rule names must exist. Unless `amendedTerms` is false, the terms every
 * combination of amendments can put in force are checked too (once the original is sound).
 */
export function checkFormulas(contract: Contract, options: { readonly amendedTerms?: boolean } = {}): InputIssue[] {
  const issues: InputIssue[] = [];
  const formulas = contract.formulas ?? [];
  if (formulas.length > FORMULA_LIMITS.maxFormulas) {
    return [issue(["formulas"], "too_many_formulas", `the contract has ${formulas.length} formulas, more than the limit of ${FORMULA_LIMITS.maxFormulas}`)];
  }
  const params = new Set(Object.keys(contract.parameters ?? {}));
  const seen = new Map<string, number>();
  formulas.forEach((formula, index) => {
    const first = seen.get(formula.id);
    if (first !== undefined) issues.push(issue(["formulas", index, "id"], "duplicate_id", `formula id "${formula.id}" is already used by formulas[${first}]`));
    else seen.set(formula.id, index);
    if (params.has(formula.id)) issues.push(issue(["formulas", index, "id"], "duplicate_name", `"${formula.id}" names both a parameter and a formula: a bare name would be ambiguous`));
  });
  const { cycles } = formulaOrder(contract);
  const program = formulaProgram(contract);
  const reported = new Set<string>();
  for (const cycle of cycles) {
    const start = cycle[0]!;
    if (reported.has(start)) continue;
    cycle.forEach((id) => reported.add(id));
    issues.push(issue(["formulas", seen.get(start) ?? 0, "expression"], "formula_cycle", `formula "${start}" depends on itself: ${cycle.join(" → ")}`));
  }
  formulas.forEach((formula, index) => {
    if (seen.get(formula.id) !== index) return;
    const path = ["formulas", index, "expression"];
    const parsed = parseFormulaText(formula.expression);
    if ("problem" in parsed) {
      issues.push(withPath(path, parsed.problem));
      return;
    }
    if (reported.has(formula.id)) return;
    for (const problem of checkFormulaTree(parsed.tree, program.scope).problems) issues.push(withPath(path, problem));
  });
  const metrics = new Set(contract.metrics.map((metric) => metric.id));
  const checkRule = (rule: PricingRule, path: Path) => {
    for (const found of formulaRules(rule, path)) {
      checkPricingExpression(program, [...found.path, "expression"], found.rule.expression, issues);
      if (found.rule.metric !== undefined && !metrics.has(found.rule.metric)) {
        issues.push(issue([...found.path, "metric"], "unknown_metric", `unknown metric "${found.rule.metric}": declare it under metrics`));
      }
    }
  };
  contract.tranches.forEach((tranche, index) => checkRule(tranche.pricing, ["tranches", index, "pricing"]));
  (contract.amendments ?? []).forEach((amendment, a) => {
    amendment.changes.forEach((change, c) => {
      const path = ["amendments", a, "changes", c];
      if ("formula" in change) {
        const parsed = parseFormulaText(change.expression);
        if ("problem" in parsed) issues.push(withPath([...path, "expression"], parsed.problem));
        else for (const problem of checkFormulaTree(parsed.tree, program.scope).problems) issues.push(withPath([...path, "expression"], problem));
      } else if ("tranche" in change && change.pricing !== undefined) {
        checkRule(change.pricing, [...path, "pricing"]);
      }
    });
  });
  if (issues.length === 0 && options.amendedTerms !== false) issues.push(...checkAmendedTerms(contract));
  return issues;
}

/**
 * Checks every set of terms amendments can put in force (for each period or cohort start, and each date
 * amendments were agreed on), so that an amended formula cannot make a cycle or change a type others rely
 * on. A problem is reported at the amendment change that caused it when there is one.
 */
function checkAmendedTerms(contract: Contract): InputIssue[] {
  const amendments = contract.amendments ?? [];
  if (amendments.length === 0) return [];
  const starts = [...contract.periods.map((period) => period.start), ...(contract.cohorts ?? []).flatMap((cohort) => (cohort.enrolledFrom === undefined ? [] : [cohort.enrolledFrom]))];
  const asOfs = [...new Set(amendments.map((amendment) => amendment.agreedOn))];
  const combos = new Map<string, Amendment[]>();
  for (const start of starts) {
    for (const asOf of asOfs) {
      const applied = amendments.filter((amendment) => amendment.effectiveFrom <= start && amendment.agreedOn <= asOf);
      if (applied.length > 0) combos.set(applied.map((amendment) => amendment.id).join("\u0000"), applied);
    }
  }
  const issues = new Map<string, InputIssue>();
  for (const applied of combos.values()) {
    const sorted = [...applied].sort((a, b) => (a.effectiveFrom !== b.effectiveFrom ? (a.effectiveFrom < b.effectiveFrom ? -1 : 1) : a.agreedOn !== b.agreedOn ? (a.agreedOn < b.agreedOn ? -1 : 1) : amendments.indexOf(a) - amendments.indexOf(b)));
    const { amendments: _omitted, ...rest } = applyAmendments(contract, sorted);
    // Where each amended formula and tranche rule was last changed.
    const origin = new Map<string, Path>();
    for (const amendment of sorted) {
      const a = amendments.indexOf(amendment);
      amendment.changes.forEach((change, c) => {
        if ("formula" in change) origin.set(`formulas:${change.formula}`, ["amendments", a, "changes", c, "expression"]);
        else if ("tranche" in change && change.pricing !== undefined) origin.set(`tranches:${change.tranche}`, ["amendments", a, "changes", c, "pricing"]);
      });
    }
    const label = sorted.map((amendment) => amendment.id).join(", ");
    for (const found of checkFormulas(rest, { amendedTerms: false })) {
      const [list, index] = found.path as [string, number];
      const id = list === "formulas" ? rest.formulas?.[index]?.id : list === "tranches" ? rest.tranches[index]?.id : undefined;
      // A cycle is the amendment's doing when it changed any formula of the cycle.
      const members = found.code === "formula_cycle" ? (formulaOrder(rest).cycles.find((cycle) => cycle[0] === id) ?? [id]) : [id];
      const moved = members.map((member) => (member === undefined ? undefined : origin.get(`${list}:${member}`))).find((path) => path !== undefined);
      const path = moved === undefined ? found.path : list === "formulas" ? moved : [...moved, ...found.path.slice(3)];
      const entry = issue(path, found.code, `under the terms amended by ${label}: ${found.message}`);
      if (!issues.has(entry.at + entry.code)) issues.set(entry.at + entry.code, entry);
    }
  }
  return [...issues.values()];
}

/** What a formula rule is evaluated against in a settlement. */
export interface FormulaEnvironment {
  /** The terms in force for the tranche. */
  readonly terms: Contract;
  readonly covers: Coverage;
  readonly metrics: ReadonlyMap<string, Metric>;
  /** The verified value of a metric for a period or cohort (present for every need `formulaNeeds` listed). */
  value(metric: string, covers: Coverage): Dec | undefined;
  /** Where the rule is, for errors met during evaluation. */
  readonly path: Path;
}

/** The day decision tables are read on for a coverage: the period's start (a cohort: its enrolment start, else the term's). */
function tableDate(contract: Contract, covers: Coverage): string {
  if ("period" in covers) return contract.periods.find((period) => period.id === covers.period)?.start ?? contract.term.start;
  return contract.cohorts?.find((cohort) => cohort.id === covers.cohort)?.enrolledFrom ?? contract.term.start;
}

/** The runtime of one formula evaluation in a settlement: reads through Maps only, memoises named formulas. */
function settlementRuntime(program: FormulaProgram, env: FormulaEnvironment, trace: FormulaTrace | undefined): FormulaRuntime {
  const periods = program.contract.periods;
  const coversOf = (scope: number): Coverage => (scope < 0 ? env.covers : { period: periods[scope]!.id });
  const home = "period" in env.covers ? (program.periodIndex.get(env.covers.period) ?? -1) : -1;
  const memo = new Map<string, FormulaValue>();
  const date = tableDate(program.contract, env.covers);
  const baseline = (id: string) => readMeasure(env.metrics.get(id)!.baseline.value) ?? new Dec(0);
  const runtime: FormulaRuntime = {
    metric(id, scope) {
      const value = env.value(id, coversOf(scope));
      if (value === undefined) throw new Error(`assertion: no value of ${id} for scope ${scope}`);
      return value;
    },
    improvement(id, scope, relative) {
      const measured = runtime.metric(id, scope);
      const base = baseline(id);
      const change = env.metrics.get(id)!.better === "higher" ? measured.minus(base) : base.minus(measured);
      if (!relative) return change;
      if (base.isZero()) throw new FormulaRuntimeProblem(0, "formula_division_by_zero", `the relative improvement of ${id} divides by its baseline, which is zero`);
      return change.div(base.abs());
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
        if (error instanceof FormulaRuntimeProblem && !(error instanceof SourcedProblem)) throw new SourcedProblem(error, ["formulas", formula.index, "expression"]);
        throw error;
      }
    },
    lookup(table, keys, at) {
      const found = program.tables.get(table)!.lookup(keys, date);
      if (found === undefined) throw new FormulaRuntimeProblem(at, "formula_no_matching_row", `at character ${at + 1}: no row of table "${table}" matches ${JSON.stringify(keys)} on ${date}; add a row (a row of "*" catches every key)`);
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
  constructor(problem: FormulaRuntimeProblem, readonly path: Path) {
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
export function evaluateFormulaRule(rule: FormulaRule, env: FormulaEnvironment): { amount: Dec; byMetric: Map<string, Dec>; steps: PricingStep[] } {
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
  let amount = value as Dec;
  const read = homeMetrics(program, expression);
  const part = rule.metric ?? (read.length === 1 ? read[0]! : FORMULA_PART);
  const step: FormulaStep = {
    kind: "formula",
    expression: rule.expression,
    reads: [...trace.reads].map(([name, shown]) => ({ name, value: shown })),
    lookups: trace.lookups,
    value: plain(amount),
    part,
  };
  const steps: PricingStep[] = [step];
  if (amount.isNegative() && !amount.isZero()) {
    steps.push({ kind: "zero-floor", metric: part, before: plain(amount) });
    amount = new Dec(0);
  }
  return { amount, byMetric: new Map([[part, amount]]), steps };
}

/** The metrics a pricing expression reads in the tranche's own period (directly or through named formulas). */
function homeMetrics(program: FormulaProgram, expression: ProgramFormula): string[] {
  const metrics = new Set<string>(expression.uses.metrics);
  const visit = (id: string, seen: Set<string>) => {
    if (seen.has(id)) return;
    seen.add(id);
    const formula = program.formulas.get(id);
    if (formula === undefined) return;
    formula.uses.metrics.forEach((metric) => metrics.add(metric));
    formula.uses.formulas.forEach((dep) => visit(dep, seen));
  };
  const seen = new Set<string>();
  expression.uses.formulas.forEach((id) => visit(id, seen));
  return [...metrics];
}

/**
 * The results (metric and period or cohort) a rule needs, in the order first met: the tranche's own for the
 * built-in shapes; for formulas also those of prior periods they read (`previous`, `lastYear`, `window`).
 * Both branches of an `if` count, so a tranche waits for every result its formula could read.
 */
export function formulaNeeds(terms: Contract, rule: PricingRule, covers: Coverage): { metric: string; covers: Coverage }[] {
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
        if (node.namespace === "metric" || node.namespace === "improvement" || node.namespace === "relativeImprovement") add(node.name, scope);
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
