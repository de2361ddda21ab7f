import { Dec, fixed, plain } from "../money/decimal.js";
import { minorUnits } from "../money/currency.js";
import { groupThousands } from "../money/format.js";
import { fromDecimal } from "../money/money.js";
import type { Money } from "../money/money.js";
import type { CapStep, Step } from "../explanation/steps.js";
import type { PartyAmounts, Settlement, TrancheSettlement } from "../engine/settlement-types.js";
import type { LinesPriced } from "../pricing/price-lines.js";

/** A quantity as a person reads it: at most 6 decimals, with "≈" when digits were dropped. */
function num(text: string): string {
  const value = new Dec(text);
  const shown = value.toDecimalPlaces(6);
  return `${shown.equals(value) ? "" : "≈"}${groupThousands(plain(shown))}`;
}

function cash(value: Money | null, fallback = "pending"): string {
  return value === null ? fallback : `${value.currency} ${groupThousands(value.amount)}`;
}

const CAP_NAMES: Record<CapStep["cap"], string> = {
  metric: "metric cap",
  tranche: "tranche cap",
  contract: "contract cap",
  payer: "payer cap",
};

function percent(share: string): string {
  return `${num(new Dec(share).times(100).toString())}%`;
}

function stepLine(step: Step, currency: string): string | undefined {
  const places = minorUnits(currency);
  // An amount in the currency, with its minor units, and up to 6 decimals (marked "≈" when cut) before rounding.
  const money = (amount: string) => {
    const value = new Dec(amount);
    const decimals = Math.max(places, Math.min(value.decimalPlaces(), 6));
    const shown = value.toDecimalPlaces(decimals);
    return `${shown.equals(value) ? "" : "≈"}${currency} ${groupThousands(fixed(shown, decimals))}`;
  };
  switch (step.kind) {
    case "result": {
      if (step.status === "missing") return `Result: ${step.metric} (${step.scope}): none reported yet`;
      const by = step.verifier !== undefined ? ` by ${step.verifier}` : "";
      const evidence = step.evidence !== undefined ? `, evidence: ${step.evidence}` : "";
      const head = `Result: ${step.metric} (${step.scope}) = ${step.value}, ${step.status}${by} as recorded on ${step.recordedAt} [event ${step.eventId}${evidence}]`;
      if (step.trail.length <= 1) return head;
      const trail = step.trail.map((entry) => `${entry.eventId} ${entry.status} ${entry.value} on ${entry.recordedAt}`).join("; ");
      return `${head}\n      history: ${trail}`;
    }
    case "basis": {
      const source = `baseline ${num(step.baseline)} from ${step.baselineSource}`;
      if (step.basis === "value") return `Basis: the measured value of ${step.metric}, ${num(step.measured)} (${source})`;
      const change = step.better === "lower"
        ? `baseline ${num(step.baseline)} − measured ${num(step.measured)} = ${num(step.improvement)}`
        : `measured ${num(step.measured)} − baseline ${num(step.baseline)} = ${num(step.improvement)}`;
      if (step.basis === "improvement") return `Basis: improvement of ${step.metric} (${step.better} is better): ${change}; baseline from ${step.baselineSource}`;
      return `Basis: relative improvement of ${step.metric} (${step.better} is better): (${change}) / ${num(new Dec(step.baseline).abs().toString())} = ${num(step.value)} (${percent(step.value)}); baseline from ${step.baselineSource}`;
    }
    case "rate":
      return `Rule (rate): ${num(step.basisValue)} × ${money(step.pricePerUnit)} per unit = ${money(step.amount)}`;
    case "threshold": {
      const sign = step.comparison === "at-least" ? "≥" : "≤";
      const verdict = step.met ? "met" : "not met: pays nothing";
      const pays = step.amount !== undefined && step.met ? `, pays ${money(step.amount)}` : "";
      return `Rule (threshold): ${num(step.basisValue)} ${sign} ${num(step.threshold)}? ${verdict}${pays}`;
    }
    case "tier":
      return step.tier === null
        ? `Rule (tiers): ${num(step.basisValue)} falls in no tier: pays nothing`
        : `Rule (tiers): ${num(step.basisValue)} falls in tier ${step.tier} [${num(step.from ?? "0")}, ${step.to !== undefined ? num(step.to) : "∞"}): pays ${money(step.amount)}`;
    case "interpolation":
      if (step.position === "below") return `Rule (linear): ${num(step.basisValue)} is below the first point ${num(step.upper!.at)}: pays nothing`;
      if (step.position === "above") return `Rule (linear): ${num(step.basisValue)} is at or above the last point ${num(step.lower!.at)}: pays ${money(step.amount)}`;
      return `Rule (linear): ${num(step.basisValue)} lies between ${num(step.lower!.at)} → ${money(step.lower!.amount)} and ${num(step.upper!.at)} → ${money(step.upper!.amount)}, a fraction ${num(step.fraction!)} of the way: ${money(step.lower!.amount)} + ${num(step.fraction!)} × (${money(step.upper!.amount)} − ${money(step.lower!.amount)}) = ${num(step.amount)}`;
    case "savings-share":
      return `Rule (share of savings): ${num(step.basisValue)} × ${money(step.savingPerUnit)} saved per unit = ${num(step.saving)} saved; × ${percent(step.share)} = ${num(step.amount)}`;
    case "weight":
      return `Weight: part ${step.part + 1} pays ${num(step.partAmount)} × ${percent(step.weight)} = ${num(step.amount)}`;
    case "zero-floor":
      return `Floor at zero: ${step.metric} would pay ${num(step.before)} (the result got worse), so it pays nothing`;
    case "rounding":
      return `Rounding (${step.mode}, once per ${step.at === "metric" ? `metric, ${step.metric}` : "tranche"}): ${num(step.before)} → ${money(step.after)}`;
    case "cap": {
      const used = new Dec(step.usedBefore).isZero() ? "" : `, ${money(step.usedBefore)} already used`;
      const bit = new Dec(step.cut).isZero() ? "does not bite" : `cuts ${money(step.cut)}: ${money(step.before)} → ${money(step.after)}`;
      return `Cap: ${CAP_NAMES[step.cap]} ${step.id} of ${money(step.limit)}${used}: ${bit}`;
    }
    case "floor":
      return `Floor: the tranche pays at least ${money(step.floor)}: ${money(step.before)} → ${money(step.after)}`;
    case "split":
      return step.side === "payer"
        ? `Split: ${step.party} pays ${percent(step.share)} = ${money(step.amount)}`
        : `    of which to ${step.party} ${percent(step.share)} = ${money(step.amount)}`;
    case "payment":
      return `Payment: ${step.eventId} on ${step.paidOn}, ${step.payer} → ${step.recipient}: ${money(step.amount)}`;
    case "status":
      return undefined;
    case "formula": {
      const reads = step.reads.length === 0 ? "" : `\n      where ${step.reads.map((read) => `${read.name} = ${/^-?[0-9.]+$/.test(read.value) ? num(read.value) : read.value}`).join(", ")}`;
      const lookups = step.lookups.map((lookup) => `\n      table ${lookup.table} ${JSON.stringify(lookup.keys)}: row ${lookup.row} gives ${num(lookup.value)}`).join("");
      return `Rule (formula): ${step.expression} = ${num(step.value)}${reads}${lookups}`;
    }
    case "terms":
      return `Terms in force: as amended by ${step.amendments.map((amendment) => `${amendment.id} (agreed ${amendment.agreedOn}, effective from ${amendment.effectiveFrom}: ${amendment.description})`).join("; then ")}`;
  }
}

function partyLines(title: string, rows: readonly PartyAmounts[], names: ReadonlyMap<string, string>): string[] {
  return [
    `  ${title}`,
    ...rows.map((row) => `    ${names.get(row.party) ?? row.party} [${row.party}]: earned ${cash(row.earned)}, paid ${cash(row.paid)}, balance ${cash(row.balance)}`),
  ];
}

function trancheText(tranche: TrancheSettlement, currency: string): string[] {
  const covers = "period" in tranche.covers ? `period ${tranche.covers.period}` : `cohort ${tranche.covers.cohort}`;
  const lines = [
    `Tranche ${tranche.id}${tranche.label !== undefined ? ` — ${tranche.label}` : ""} (${covers}), due ${tranche.dueDate}`,
    `  Status: ${tranche.status.toUpperCase()} — ${tranche.reason}`,
  ];
  for (const step of tranche.trace) {
    const line = stepLine(step, currency);
    if (line !== undefined) lines.push(`  ${line}`);
  }
  const balance = tranche.clawback !== null ? `${cash(tranche.balance)} — CLAWBACK: ${cash(tranche.clawback)} is owed back` : cash(tranche.balance);
  lines.push(`  Earned ${cash(tranche.amountEarned)}; paid ${cash(tranche.amountPaid)}; balance ${balance}`);
  return lines;
}

/**
 * Renders a settlement as plain text that an officer can check by hand: every tranche's results (with their
 * history), the basis, the rule and its figures, the rounding step, the caps, the splits, the payments and
 * the balance, then the totals. The text is built only from the settlement's recorded steps.
 *
 * @example
 * console.log(explain(settle(contract, events, { asOf: "2027-12-31" })));
 */
export function explain(settlement: Settlement): string {
  const { totals, currency } = settlement;
  const lines = [
    `Settlement of ${settlement.contractId} — ${settlement.title}`,
    `As known on ${settlement.asOf}. Amounts in ${currency}. Rounding: ${settlement.rounding.mode}, once per ${settlement.rounding.at}.`,
    "",
  ];
  for (const tranche of settlement.tranches) lines.push(...trancheText(tranche, currency), "");
  lines.push(
    "Totals",
    `  Earned on settled tranches ${cash(totals.earned)}; paid ${cash(totals.paid)}; balance ${cash(totals.balance)}`,
  );
  if (totals.pendingTranches > 0) {
    lines.push(`  ${totals.pendingTranches} tranche(s) pending results; paid on them so far ${cash(totals.paidOnPending)}`);
  }
  const names = new Map(settlement.parties.map((party) => [party.id, party.name]));
  lines.push(...partyLines("By payer (balance over settled tranches):", totals.byPayer, names));
  lines.push(...partyLines("By recipient (balance over settled tranches):", totals.byRecipient, names));
  if (settlement.capsApplied.length > 0) {
    lines.push("  Caps that bit:");
    for (const cap of settlement.capsApplied) lines.push(`    ${CAP_NAMES[cap.cap]} ${cap.id}: cut ${cash(fromDecimal(new Dec(cap.cut), currency))}`);
  }
  return lines.join("\n");
}

/**
 * Renders a `priceLines` run made with `explain: true`: each line's formula with every value it read and every
 * table row it used, its rounded amount, then the total of each invoice and of the run.
 *
 * @example
 * console.log(explainLines(priceLines(contract, lines, { formula: "line-amount", period: "2027-Q1", asOf: "2027-04-30", explain: true })));
 */
export function explainLines(run: LinesPriced): string {
  const lines: string[] = [];
  for (const entry of run.explanations ?? []) {
    lines.push(`Line ${entry.line} (invoice ${entry.invoice}): ${run.currency} ${groupThousands(entry.amount)}`, `  ${stepLine(entry.formula, run.currency) ?? ""}`);
  }
  lines.push("Invoices");
  for (const invoice of run.invoices) lines.push(`  ${invoice.invoice}: ${invoice.lines} line(s), ${cash(invoice.total)}`);
  lines.push(`Total ${cash(run.total)}${run.amendments.length > 0 ? ` (terms as amended by ${run.amendments.join(", ")})` : ""}`);
  return lines.join("\n");
}
