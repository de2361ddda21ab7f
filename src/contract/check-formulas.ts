import { EXACT_ZERO, exactOfMeasure, isZero } from "../formula/exact.js";
import { issue, type InputIssue } from "../errors/validation-error.js";
import { parseFormulaText } from "../formula/parse.js";
import { checkFormulaTree, type FormulaScope, type FormulaType, type FormulaUses } from "../formula/check.js";
import { FORMULA_LIMITS, type FormulaNode } from "../formula/syntax.js";
import { applyAmendments } from "./amendments.js";
import { rulesIn } from "./rule-tree.js";
import { firstIndexes } from "./check-lists.js";
import type { Amendment, Contract, FormulaRule, PricingRule } from "./types.js";

type Path = readonly (string | number)[];

/** The scope formulas of a contract may refer to. */
export function scopeOf(
  contract: Contract,
  formulaTypes: ReadonlyMap<string, FormulaType | undefined> = new Map(
    (contract.formulas ?? []).map((f) => [f.id, undefined]),
  ),
): FormulaScope {
  return {
    metrics: new Set(contract.metrics.map((metric) => metric.id)),
    params: new Map(
      Object.entries(contract.parameters ?? {}).map(([name, value]) => [
        name,
        typeof value === "string" ? "number" : "text",
      ]),
    ),
    formulas: formulaTypes,
    tables: new Map((contract.tables ?? []).map((table) => [table.id, table.inputs.length])),
    inputs: new Map(Object.entries(contract.inputs ?? {})),
    zeroBaselines: new Set(
      contract.metrics
        .filter((metric) => isZero(exactOfMeasure(metric.baseline.value) ?? EXACT_ZERO))
        .map((metric) => metric.id),
    ),
  };
}

/** One year earlier, as a calendar date (29 February goes to 28 February). */
/** The named formulas' trees and a dependency order (cycles left out: the checks report them). */
export function formulaOrder(contract: Contract): {
  order: string[];
  trees: Map<string, { index: number; tree: FormulaNode }>;
  cycles: string[][];
} {
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

/** A named formula once checked: where it is, its tree and what it uses. */
export interface TypedFormula {
  readonly index: number;
  readonly tree: FormulaNode;
  readonly uses: FormulaUses;
}

/** The named formulas of a contract checked in dependency order, and the scope with their types. */
export interface TypedFormulas {
  readonly scope: FormulaScope;
  readonly formulas: ReadonlyMap<string, TypedFormula>;
}

/**
 * Checks the named formulas in dependency order, so each knows the types of those it reads (formulas in a
 * cycle are left out; `checkFormulas` reports the cycle).
 */
export function typedFormulas(contract: Contract): TypedFormulas {
  const { order, trees } = formulaOrder(contract);
  const types = new Map<string, FormulaType | undefined>((contract.formulas ?? []).map((f) => [f.id, undefined]));
  const scope = scopeOf(contract, types);
  const formulas = new Map<string, TypedFormula>();
  for (const id of order) {
    const entry = trees.get(id);
    if (entry === undefined) continue;
    const checked = checkFormulaTree(entry.tree, scope);
    types.set(id, checked.type);
    formulas.set(id, { index: entry.index, tree: entry.tree, uses: checked.uses });
  }
  return { scope, formulas };
}

const withPath = (path: Path, problem: { code: string; message: string }): InputIssue =>
  issue(path, problem.code, problem.message);

/** Parses and checks one pricing expression, the issues at `path`. */
function checkPricingExpression(program: TypedFormulas, path: Path, text: string, issues: InputIssue[]): void {
  const parsed = parseFormulaText(text);
  if ("problem" in parsed) {
    issues.push(withPath(path, parsed.problem));
    return;
  }
  const checked = checkFormulaTree(parsed.tree, program.scope);
  for (const problem of checked.problems) issues.push(withPath(path, problem));
  if (checked.problems.length === 0 && checked.type !== undefined && checked.type !== "number") {
    issues.push(
      issue(
        path,
        "formula_type",
        `a pricing formula must give a number (an amount), but this one gives ${checked.type === "boolean" ? "true/false" : `a ${checked.type}`}`,
      ),
    );
  }
  const [input] = readsWithin(program.formulas, checked.uses).inputs;
  if (input !== undefined) {
    issues.push(
      issue(
        path,
        "formula_line_input",
        `the formula reads the line input "${input}", which only priceLines provides: a tranche has no lines`,
      ),
    );
  }
}

/**
 * The metrics and line inputs an expression reads, itself and through every named formula it depends on (each
 * formula counted once), in the order first met.
 */
export function readsWithin(
  formulas: ReadonlyMap<string, { readonly uses: FormulaUses }>,
  uses: FormulaUses,
): { readonly metrics: Set<string>; readonly inputs: Set<string> } {
  const metrics = new Set(uses.metrics);
  const inputs = new Set(uses.inputs);
  const seen = new Set<string>();
  const visit = (id: string) => {
    const formula = formulas.get(id);
    if (seen.has(id) || formula === undefined) return;
    seen.add(id);
    for (const metric of formula.uses.metrics) metrics.add(metric);
    for (const input of formula.uses.inputs) inputs.add(input);
    formula.uses.formulas.forEach(visit);
  };
  uses.formulas.forEach(visit);
  return { metrics, inputs };
}

export function formulaRules(rule: PricingRule, path: Path): { rule: FormulaRule; path: Path }[] {
  return rulesIn(rule, path).filter(
    (found): found is { rule: FormulaRule; path: Path } => found.rule.type === "formula",
  );
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
    return [
      issue(
        ["formulas"],
        "too_many_formulas",
        `the contract has ${formulas.length} formulas, more than the limit of ${FORMULA_LIMITS.maxFormulas}`,
      ),
    ];
  }
  const params = new Set(Object.keys(contract.parameters ?? {}));
  const seen = firstIndexes(
    (path, code, message) => issues.push(issue(path, code, message)),
    formulas,
    ["formulas"],
    "formula",
    "id",
  );
  formulas.forEach((formula, index) => {
    if (params.has(formula.id))
      issues.push(
        issue(
          ["formulas", index, "id"],
          "duplicate_name",
          `"${formula.id}" names both a parameter and a formula: a bare name would be ambiguous`,
        ),
      );
  });
  const { cycles } = formulaOrder(contract);
  const program = typedFormulas(contract);
  const reported = new Set<string>();
  for (const cycle of cycles) {
    const start = cycle[0]!;
    if (reported.has(start)) continue;
    cycle.forEach((id) => reported.add(id));
    issues.push(
      issue(
        ["formulas", seen.get(start) ?? 0, "expression"],
        "formula_cycle",
        `formula "${start}" depends on itself: ${cycle.join(" → ")}`,
      ),
    );
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
        issues.push(
          issue(
            [...found.path, "metric"],
            "unknown_metric",
            `unknown metric "${found.rule.metric}": declare it under metrics`,
          ),
        );
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
        else
          for (const problem of checkFormulaTree(parsed.tree, program.scope).problems)
            issues.push(withPath([...path, "expression"], problem));
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
  const starts = [
    ...contract.periods.map((period) => period.start),
    ...(contract.cohorts ?? []).flatMap((cohort) => (cohort.enrolledFrom === undefined ? [] : [cohort.enrolledFrom])),
  ];
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
    const sorted = [...applied].sort((a, b) =>
      a.effectiveFrom !== b.effectiveFrom
        ? a.effectiveFrom < b.effectiveFrom
          ? -1
          : 1
        : a.agreedOn !== b.agreedOn
          ? a.agreedOn < b.agreedOn
            ? -1
            : 1
          : amendments.indexOf(a) - amendments.indexOf(b),
    );
    const { amendments: _omitted, ...rest } = applyAmendments(contract, sorted);
    // Where each amended formula and tranche rule was last changed.
    const origin = new Map<string, Path>();
    for (const amendment of sorted) {
      const a = amendments.indexOf(amendment);
      amendment.changes.forEach((change, c) => {
        if ("formula" in change)
          origin.set(`formulas:${change.formula}`, ["amendments", a, "changes", c, "expression"]);
        else if ("tranche" in change && change.pricing !== undefined)
          origin.set(`tranches:${change.tranche}`, ["amendments", a, "changes", c, "pricing"]);
      });
    }
    const label = sorted.map((amendment) => amendment.id).join(", ");
    for (const found of checkFormulas(rest, { amendedTerms: false })) {
      const [list, index] = found.path as [string, number];
      const id =
        list === "formulas" ? rest.formulas?.[index]?.id : list === "tranches" ? rest.tranches[index]?.id : undefined;
      // A cycle is the amendment's doing when it changed any formula of the cycle.
      const members =
        found.code === "formula_cycle" ? (formulaOrder(rest).cycles.find((cycle) => cycle[0] === id) ?? [id]) : [id];
      const moved = members
        .map((member) => (member === undefined ? undefined : origin.get(`${list}:${member}`)))
        .find((path) => path !== undefined);
      const path = moved === undefined ? found.path : list === "formulas" ? moved : [...moved, ...found.path.slice(3)];
      const entry = issue(path, found.code, `under the terms amended by ${label}: ${found.message}`);
      if (!issues.has(entry.at + entry.code)) issues.set(entry.at + entry.code, entry);
    }
  }
  return [...issues.values()];
}
