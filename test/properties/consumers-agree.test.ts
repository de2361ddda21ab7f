import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type CashFlows,
  cashFlows,
  type Contract,
  ContractError,
  type ContractEvent,
  explain,
  investorReturns,
  type PaymentEvent,
  parseContract,
  parseEvents,
  type ResultEvent,
  renderMarkdown,
  reportStyle,
  runScenarios,
  type Scenario,
  type Settlement,
  settle,
  settlementToCsv,
  simulate,
  toIndigo,
  WATERFALL_ACCOUNT,
} from "../../src/index.js";
import { receiptsOf } from "../../src/finance/cash-flows.js";
import { planSimulation, runReceipts } from "../../src/finance/simulate.js";
import { normalMeasurementRecord } from "../../src/measure/measurement-record.js";
import { en } from "../../src/report/phrases/en.js";
import { it as italian } from "../../src/report/phrases/it.js";
import type { Phrasebook } from "../../src/report/phrases/phrasebook.js";
import { contractJson, metric, tranche, verified } from "../support/contract-builder.js";
import {
  type FeatureCase,
  featureCaseArb,
  featureContractArb,
  PARTY_NAMES,
  scenarioResultsArb,
} from "../support/feature-arbitraries.js";

/**
 * Law: every consumer of a settlement says what the settlement says, to the cent and to the day. On contracts
 * that use every feature at once (each pricing shape, every cap, floors, cohorts paid on a pooled fallback,
 * statistical gates on measured results, formulas, decision tables, amendments, a finance section with a
 * waterfall and guarantees) and histories with restatements, disputes and payments:
 *
 * 1. `cashFlows` books one outcome payment per earned line, on the tranche's `payableFrom`, for the line's
 *    earned amount; lists as pending exactly the unpriced tranches; and its waterfall pays out, on every date,
 *    exactly what it pooled;
 * 2. `settlementToCsv` has one row per line with the settlement's dates, status and amounts;
 * 3. `explain` and `renderMarkdown` (English and Italian) head each tranche with its due date, and its payable
 *    date when it is priced on the pool, and show its status and its earned, paid and balance amounts;
 * 4. `toIndigo` plans the lines' earned amounts, with the payable date, and reports the payments made;
 * 5. `runScenarios` settles when every tranche is payable, and its cash flows follow its settlement as in 1;
 * 6. the simulation's compiled path pays what `settle` pays, wherever it supports the contract.
 */

const cents = (amount: string): bigint => {
  const [units = "0", fraction = ""] = amount.replace("-", "").split(".");
  const value = BigInt(units) * 100n + BigInt(fraction.padEnd(2, "0"));
  return amount.startsWith("-") ? -value : value;
};
const sum = (amounts: readonly bigint[]) => amounts.reduce((acc, value) => acc + value, 0n);
/** An INDIGO amount (a JSON number) in cents. */
const numberCents = (value: unknown): bigint => BigInt(Math.round(Number(value) * 100));
const byKey = <T>(list: readonly T[], key: (item: T) => string): T[] =>
  [...list].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));

function settled({ contract: input, events: eventInput, asOf }: FeatureCase) {
  const contract = parseContract(input);
  const events = parseEvents(eventInput, { contract });
  return { contract, events, settlement: settle(contract, events, { asOf }) };
}

/** The payments of the history known on `asOf` (recorded, or else paid, on or before it). */
const knownPayments = (events: readonly ContractEvent[], asOf: string): PaymentEvent[] =>
  events.filter(
    (event): event is PaymentEvent => event.type === "payment" && (event.recordedAt ?? event.paidOn) <= asOf,
  );

// 0. what every consumer reads: when a tranche is payable

function payableDatesHold(contract: Contract, settlement: Settlement): void {
  const tranches = new Map(contract.tranches.map((tranche) => [tranche.id, tranche]));
  for (const tranche of settlement.tranches) {
    const fallback = tranches.get(tranche.id)!.fallback;
    if (tranche.pricedOnPool === undefined) expect(tranche.payableFrom).toBe(tranche.dueDate);
    else {
      expect(tranche.pricedOnPool).toBe(fallback?.cohort);
      expect(tranche.payableFrom).toBe(fallback?.dueDate);
    }
  }
}

// 1. cash flows

function cashFlowsAgree(contract: Contract, settlement: Settlement, flows: CashFlows): void {
  // one outcome payment per line with something earned, on the date the tranche is payable from
  const expected = settlement.tranches.flatMap((tranche) =>
    tranche.amountEarned === null
      ? []
      : tranche.lines
          .filter((line) => cents(line.earned!.amount) > 0n)
          .map((line) => `${tranche.id} ${line.payer}→${line.recipient} ${tranche.payableFrom} ${line.earned!.amount}`),
  );
  const outcome = flows.flows.filter((flow) => flow.kind === "outcome-payment");
  const booked = outcome.map((flow) => `${flow.tranche} ${flow.from}→${flow.to} ${flow.date} ${flow.amount.amount}`);
  expect(byKey(booked, String)).toEqual(byKey(expected, String));
  expect(flows.pendingTranches).toEqual(
    settlement.tranches.filter((tranche) => tranche.amountEarned === null).map((tranche) => tranche.id),
  );

  // what the pool parties receive enters the waterfall, flow for flow
  const pool = new Set(contract.finance!.waterfall.pool);
  const pooled = flows.flows.filter((flow) => flow.kind === "pooled");
  expect(
    byKey(
      pooled.map((flow) => `${flow.tranche} ${flow.from}→${flow.to} ${flow.date} ${flow.amount.amount}`),
      String,
    ),
  ).toEqual(
    byKey(
      outcome
        .filter((flow) => pool.has(flow.to))
        .map((flow) => `${flow.tranche} ${flow.to}→${WATERFALL_ACCOUNT} ${flow.date} ${flow.amount.amount}`),
      String,
    ),
  );
  // on every date the waterfall pays out exactly what it pooled, and its steps say so
  const dates = new Set(flows.flows.map((flow) => flow.date));
  for (const date of dates) {
    const on = flows.flows.filter((flow) => flow.date === date);
    const into = sum(on.filter((flow) => flow.to === WATERFALL_ACCOUNT).map((flow) => cents(flow.amount.amount)));
    const out = on.filter((flow) => flow.from === WATERFALL_ACCOUNT);
    expect(sum(out.map((flow) => cents(flow.amount.amount)))).toBe(into);
    const records = flows.steps.filter((step) => step.kind === "waterfall-step" && step.date === date);
    if (into === 0n) {
      expect(records).toEqual([]);
      continue;
    }
    let pot = into;
    const paidBySteps = new Map<string, bigint>();
    for (const record of records) {
      if (record.kind !== "waterfall-step") continue;
      expect(cents(record.poolBefore)).toBe(pot);
      for (const part of record.parts) {
        pot -= cents(part.paid);
        const key = `${record.type} ${part.party}`;
        paidBySteps.set(key, (paidBySteps.get(key) ?? 0n) + cents(part.paid));
      }
      expect(cents(record.poolAfter)).toBe(pot);
    }
    expect(pot).toBe(0n);
    const paidByFlows = new Map<string, bigint>();
    for (const flow of out) {
      const key = `${flow.kind} ${flow.to}`;
      paidByFlows.set(key, (paidByFlows.get(key) ?? 0n) + cents(flow.amount.amount));
    }
    const nonZero = (map: Map<string, bigint>) =>
      byKey(
        [...map].filter(([, value]) => value !== 0n),
        ([key]) => key,
      );
    expect(nonZero(paidByFlows)).toEqual(nonZero(paidBySteps));
  }
  // guarantees pay what their records say, within their limits
  const guarantees = contract.finance!.guarantees ?? [];
  const called = flows.steps.filter((step) => step.kind === "guarantee");
  guarantees.forEach((guarantee, index) => {
    const calls = called.filter((step) => step.guarantee === index);
    const paid = sum(calls.flatMap((step) => step.paid.map((entry) => cents(entry.amount))));
    expect(paid).toBeLessThanOrEqual(cents(guarantee.limit));
  });
  expect(sum(flows.flows.filter((flow) => flow.kind === "guarantee").map((flow) => cents(flow.amount.amount)))).toBe(
    sum(called.flatMap((step) => step.paid.map((entry) => cents(entry.amount)))),
  );
  // each party's flows add up to its totals, and all parties' nets to zero
  for (const party of flows.parties) {
    const received = sum(
      party.flows.filter((flow) => cents(flow.amount.amount) > 0n).map((flow) => cents(flow.amount.amount)),
    );
    const paidOut = -sum(
      party.flows.filter((flow) => cents(flow.amount.amount) < 0n).map((flow) => cents(flow.amount.amount)),
    );
    expect([cents(party.received.amount), cents(party.paidOut.amount)]).toEqual([received, paidOut]);
    expect(cents(party.net.amount)).toBe(received - paidOut);
  }
  expect(sum(flows.parties.map((party) => cents(party.net.amount)))).toBe(0n);
  // each investor's position and returns follow its flows
  const returns = investorReturns(flows, { discountRate: "4%" });
  for (const investor of flows.investors) {
    const own = flows.flows.filter((flow) => flow.to === investor.party || flow.from === investor.party);
    const drawn = sum(
      own
        .filter((flow) => flow.kind === "drawdown" && flow.from === investor.party)
        .map((flow) => cents(flow.amount.amount)),
    );
    const distributions = sum(
      own
        .filter((flow) => flow.to === investor.party && ["principal", "return", "excess"].includes(flow.kind))
        .map((flow) => cents(flow.amount.amount)),
    );
    const guaranteed = sum(
      own
        .filter((flow) => flow.to === investor.party && flow.kind === "guarantee")
        .map((flow) => cents(flow.amount.amount)),
    );
    expect(
      [investor.drawn, investor.distributions, investor.guaranteed, investor.net].map((entry) => cents(entry.amount)),
    ).toEqual([drawn, distributions, guaranteed, distributions + guaranteed - drawn]);
    const party = flows.parties.find((entry) => entry.party === investor.party)!;
    const returned = returns.find((entry) => entry.party === investor.party)!;
    expect(cents(returned.net.amount)).toBe(cents(party.net.amount));
    expect(cents(returned.received.amount) - cents(returned.paidIn.amount)).toBe(cents(returned.net.amount));
  }
}

// 2. CSV

function csvAgrees(settlement: Settlement): void {
  const text = settlementToCsv(settlement);
  expect(text.endsWith("\r\n")).toBe(true);
  const [header, ...rows] = text.slice(0, -2).split("\r\n");
  expect(header).toBe("tranche,covers,due_date,payable_from,status,payer,recipient,currency,earned,paid,balance");
  const expected = settlement.tranches.flatMap((tranche) =>
    tranche.lines.map((line) =>
      [
        tranche.id,
        "period" in tranche.covers ? `period ${tranche.covers.period}` : `cohort ${tranche.covers.cohort}`,
        tranche.dueDate,
        tranche.payableFrom,
        tranche.status,
        line.payer,
        line.recipient,
        settlement.currency,
        line.earned?.amount ?? "",
        line.paid.amount,
        line.balance?.amount ?? "",
      ].join(","),
    ),
  );
  expect(rows).toEqual(expected);
}

// 3. explain and the Markdown reports

/** `EUR 1,234.56`, as `explain` writes money. */
const plainCash = (amount: string | undefined) => {
  if (amount === undefined) return "pending";
  const [units, fraction] = amount.replace("-", "").split(".");
  return `EUR ${amount.startsWith("-") ? "-" : ""}${units!.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${fraction}`;
};
const MONTHS = {
  en: [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
  ],
  it: [
    "gennaio",
    "febbraio",
    "marzo",
    "aprile",
    "maggio",
    "giugno",
    "luglio",
    "agosto",
    "settembre",
    "ottobre",
    "novembre",
    "dicembre",
  ],
} as const;
/** `30 November 2027`, `30 novembre 2027`. */
const wordDate = (locale: "en" | "it", iso: string) => {
  const [year, month, day] = iso.split("-").map(Number);
  return `${day} ${MONTHS[locale][month! - 1]} ${year}`;
};

/** The part of a report about one tranche: from its heading to the next heading. */
function section(lines: readonly string[], heading: (line: string) => boolean): string[] {
  const start = lines.findIndex(heading);
  expect(start, "the tranche has a heading").toBeGreaterThanOrEqual(0);
  const next = lines.findIndex((line, index) => index > start && /^(## |Tranche |Totals$)/.test(line));
  return lines.slice(start, next < 0 ? undefined : next);
}

/** The heading names the due date, then, for a tranche priced on the pool, the payable date and the pool. */
function headingDates(heading: string, due: string, payable: string, pool: string | undefined): void {
  const at = heading.indexOf(due);
  expect(at, `"${heading}" names the due date ${due}`).toBeGreaterThan(0);
  const rest = heading.slice(at + due.length);
  if (pool === undefined) expect(rest, `"${heading}" ends with the due date`).toBe("");
  else {
    expect(rest, `"${heading}" names the payable date`).toContain(payable);
    expect(rest.slice(rest.indexOf(payable) + payable.length), `"${heading}" names the pool`).toContain(pool);
  }
}

function explainAgrees(settlement: Settlement): void {
  const lines = explain(settlement).split("\n");
  for (const tranche of settlement.tranches) {
    const own = section(lines, (line) => line.startsWith(`Tranche ${tranche.id} `));
    headingDates(own[0]!, tranche.dueDate, tranche.payableFrom, tranche.pricedOnPool);
    expect(own[1]).toBe(`  Status: ${en.status(tranche.status).toUpperCase()} — ${tranche.reason}`);
    const summary = `  Earned ${plainCash(tranche.amountEarned?.amount)}; paid ${plainCash(tranche.amountPaid.amount)}; balance ${plainCash(tranche.balance?.amount)}`;
    const last = own.filter((line) => line !== "").at(-1)!;
    expect(last.startsWith(summary), `"${last}" starts with "${summary}"`).toBe(true);
    if (tranche.clawback !== null) expect(last).toContain(plainCash(tranche.clawback.amount));
    payableInReason(tranche, settlement.asOf, tranche.reason, (iso) => iso);
    // the splits name each line's earned amount: the recipient's part of its payer's part
    for (const line of tranche.lines) {
      if (line.earned === null) continue;
      const part = ` = ${plainCash(line.earned.amount)}`;
      expect(
        own.some((text) => text.includes(` ${PARTY_NAMES.get(line.recipient)} `) && text.endsWith(part)),
        `the explanation of ${tranche.id} shows ${line.payer} → ${line.recipient}${part}`,
      ).toBe(true);
    }
  }
}

/**
 * A tranche earned and not paid is "payable now" on or after its payable date, else payable from that date; a
 * tranche not yet due is due on its payable date: either way, the reason names the date the settlement says.
 */
function payableInReason(
  tranche: Settlement["tranches"][number],
  asOf: string,
  reason: string,
  date: (iso: string) => string,
): void {
  if (tranche.status === "not-yet-due" || (tranche.status === "earned" && asOf < tranche.payableFrom))
    expect(reason, `the reason names the payable date ${tranche.payableFrom}`).toContain(date(tranche.payableFrom));
  if (tranche.status === "earned" && asOf >= tranche.payableFrom)
    expect(reason, "a tranche payable now names no payable date").not.toContain(date(tranche.payableFrom));
}

function markdownAgrees(settlement: Settlement, locale: "en" | "it"): void {
  const phrases: Phrasebook = locale === "en" ? en : italian;
  const { labels } = phrases;
  const style = reportStyle(locale, settlement.currency);
  const cash = (amount: string | undefined) => (amount === undefined ? labels.pending : style.money(amount));
  const lines = renderMarkdown(settlement, { locale }).split("\n");
  for (const tranche of settlement.tranches) {
    const own = section(lines, (line) => line.startsWith(`## Tranche ${tranche.id} `));
    headingDates(
      own[0]!,
      wordDate(locale, tranche.dueDate),
      wordDate(locale, tranche.payableFrom),
      tranche.pricedOnPool,
    );
    const status = own.find((line) => line.startsWith(`**${labels.status}:** `));
    expect(status, "the tranche has a status line").toBeDefined();
    expect(status!.startsWith(`**${labels.status}:** ${phrases.status(tranche.status)} — `)).toBe(true);
    payableInReason(tranche, settlement.asOf, status!, (iso) => wordDate(locale, iso));
    expect(own).toContain(
      `**${labels.earned} ${cash(tranche.amountEarned?.amount)} · ${labels.paid} ${cash(tranche.amountPaid.amount)} · ${labels.balance} ${cash(tranche.balance?.amount)}**`,
    );
    for (const line of tranche.lines) {
      const name = (party: string) => `${PARTY_NAMES.get(party)} (${party})`;
      expect(own).toContain(
        `| ${name(line.payer)} | ${name(line.recipient)} | ${cash(line.earned?.amount)} | ${cash(line.paid.amount)} | ${cash(line.balance?.amount)} |`,
      );
    }
    if (tranche.clawback !== null) expect(own).toContain(`> **${labels.clawback(cash(tranche.clawback.amount))}**`);
  }
}

// 4. INDIGO

interface IndigoPayment {
  readonly payer_organisation_id: { readonly value: string };
  readonly recipient_organisation_id: { readonly value: string };
  readonly type: { readonly value: "Planned" | "Actual" };
  readonly money: { readonly amount: { readonly value: number } };
  readonly notes: string;
}

function indigoAgrees(contract: Contract, settlement: Settlement, events: readonly ContractEvent[]): void {
  const payments = toIndigo(contract, settlement).outcome_payments as readonly IndigoPayment[];
  const planned = payments.filter((entry) => entry.type.value === "Planned");
  const actual = payments.filter((entry) => entry.type.value === "Actual");
  // Planned: each line's earned amount, with the date it is payable from, in settlement order
  const lines = settlement.tranches.flatMap((tranche) =>
    tranche.lines.filter((line) => line.earned !== null).map((line) => ({ tranche, line })),
  );
  expect(
    planned.map((entry) => [
      entry.payer_organisation_id.value,
      entry.recipient_organisation_id.value,
      numberCents(entry.money.amount.value),
    ]),
  ).toEqual(lines.map(({ line }) => [line.payer, line.recipient, cents(line.earned!.amount)]));
  planned.forEach((entry, index) => {
    const { tranche } = lines[index]!;
    expect(entry.notes).toContain(`tranche ${tranche.id} `);
    expect(entry.notes).toContain(tranche.payableFrom);
  });
  expect(sum(planned.map((entry) => numberCents(entry.money.amount.value)))).toBe(
    sum(lines.map(({ line }) => cents(line.earned!.amount))),
  );
  // Actual: the payments known on the settlement date, each once
  const known = knownPayments(events, settlement.asOf);
  const paymentKey = (payer: string, recipient: string, amount: bigint, note: string) =>
    `${payer}→${recipient} ${amount} ${note}`;
  expect(
    byKey(
      actual.map((entry) =>
        paymentKey(
          entry.payer_organisation_id.value,
          entry.recipient_organisation_id.value,
          numberCents(entry.money.amount.value),
          /payment (\S+) on (\S+) against tranche (\S+)/.exec(entry.notes)?.slice(1).join(" ") ?? entry.notes,
        ),
      ),
      String,
    ),
  ).toEqual(
    byKey(
      known.map((payment) =>
        paymentKey(
          payment.payer,
          payment.recipient,
          cents(payment.amount),
          `${payment.id} ${payment.paidOn} ${payment.tranche}`,
        ),
      ),
      String,
    ),
  );
  expect(sum(actual.map((entry) => numberCents(entry.money.amount.value)))).toBe(
    sum(settlement.tranches.map((tranche) => cents(tranche.amountPaid.amount))),
  );
}

// 5. scenarios

function scenariosAgree(contract: Contract, results: Scenario["results"]): void {
  const [outcome] = runScenarios(contract, [{ name: "generated", results }], { discountRate: "3%" });
  const { settlement } = outcome!;
  for (const tranche of settlement.tranches)
    expect(settlement.asOf >= tranche.payableFrom, `${tranche.id} is payable on ${settlement.asOf}`).toBe(true);
  payableDatesHold(contract, settlement);
  // the scenario's results are all verified and every due date has passed: nothing is disputed or not yet due
  // (a tranche whose result the scenario leaves out awaits it)
  for (const tranche of settlement.tranches) expect(["disputed", "not-yet-due"]).not.toContain(tranche.status);
  expect(sum(outcome!.byPayer.map((entry) => cents(entry.cost.amount)))).toBe(cents(outcome!.totalCost.amount));
  if (contract.finance === undefined) expect(outcome!.cashFlows).toBeNull();
  else cashFlowsAgree(contract, settlement, outcome!.cashFlows!);
}

// 6. the simulation's runs

function simulationAgrees(contract: Contract, results: Scenario["results"]): void {
  const plan = planSimulation(contract, {
    runs: 1,
    seed: 1,
    // every result measured (the statistical options price measurements): the effect against the metric's
    // baseline with a standard error of 1.5
    results: ["dropout", "attendance"].map((metric) => ({
      metric,
      distribution: { type: "samples" as const, values: [1] },
      measurement: { standardError: 1.5 },
    })),
  });
  const better = (metric: string) => contract.metrics.find((entry) => entry.id === metric)!;
  const measurementOf = (metric: string, value: string) =>
    normalMeasurementRecord(value, better(metric).better, {
      counterfactual: Number(better(metric).baseline.value),
      standardError: 1.5,
      confidence: 0.95,
    });
  const drawn = (metric: string, scope: string) =>
    results.find((result) => result.metric === metric && (result.period === scope || result.cohort === scope))?.value ??
    (metric === "dropout" ? "17.5" : "110");
  const values = new Map(
    plan.draws.map((entry) => {
      const [metric, scope] = entry.key.split(/\|(?:period|cohort):/) as [string, string];
      return [entry.key, String(drawn(metric, scope))];
    }),
  );
  const measurements = new Map(
    plan.draws.map((entry) => [entry.key, measurementOf(entry.key.split("|")[0]!, values.get(entry.key)!)]),
  );
  // every result of every scope verified, with the same values (and measurements) where a run draws one
  const events: ResultEvent[] = ["dropout", "attendance"].flatMap((metric) =>
    [
      ...contract.periods.map((period) => ({ period: period.id })),
      ...(contract.cohorts ?? []).map((cohort) => ({ cohort: cohort.id })),
    ].map(
      (scope, index): ResultEvent => ({
        type: "result",
        id: `v-${metric}-${index}`,
        metric,
        ...scope,
        value: String(drawn(metric, "period" in scope ? scope.period : scope.cohort)),
        measurement: measurementOf(metric, String(drawn(metric, "period" in scope ? scope.period : scope.cohort))),
        status: "verified",
        verifier: "evaluator",
        recordedAt: "2026-09-01",
      }),
    ),
  );
  const expected = receiptsOf(settle(contract, parseEvents(events, { contract }), { asOf: "9999-12-31" }));
  expect(runReceipts(plan, values, new Map(), measurements)).toEqual(expected);
}

describe("every consumer agrees with the settlement, to the cent", () => {
  // The main property: 1,000 runs. A Markdown report takes several milliseconds to render, so each run renders
  // it in one language, English or Italian at random: each is checked on about half of the runs.
  it("cash flows, the CSV, explain, the reports (en, it) and INDIGO read each tranche's lines, dates, status and amounts as settled", () => {
    fc.assert(
      fc.property(featureCaseArb(), fc.constantFrom("en", "it" as const), (generated, locale) => {
        const { contract, events, settlement } = settled(generated);
        payableDatesHold(contract, settlement);
        if (contract.finance === undefined) expect(() => cashFlows(contract, settlement)).toThrow(ContractError);
        else cashFlowsAgree(contract, settlement, cashFlows(contract, settlement));
        csvAgrees(settlement);
        explainAgrees(settlement);
        markdownAgrees(settlement, locale);
        indigoAgrees(contract, settlement, events);
      }),
      { numRuns: 1000 },
    );
  });

  it("runScenarios settles when every tranche is payable, and its cash flows follow its settlement", () => {
    fc.assert(
      fc.property(featureContractArb(), scenarioResultsArb(), (contract, results) =>
        scenariosAgree(parseContract(contract), results),
      ),
      { numRuns: 300 },
    );
  });

  it("a simulation run pays what settle pays on the same results (pooled fallbacks and statistical gates included)", () => {
    fc.assert(
      fc.property(featureContractArb(), scenarioResultsArb(), (contract, results) =>
        simulationAgrees(parseContract(contract), results),
      ),
      { numRuns: 300 },
    );
  });
});

/**
 * What the property found: the simulation's compiled path drew only the results of a tranche's original terms,
 * while `settle`, which re-prices it, prices the terms as amended. A tranche whose amended rule (or an amended
 * named formula its rule reads) needs another result was never priced: every run paid 0.00 where `settle` pays
 * on the same results. Fixed where the results read are listed (`resultsRead`, src/engine/earn-on-results.ts): the
 * results drawn are those of the terms in force as the re-pricing settles them, when every amendment is agreed.
 */
describe("disagreements the property found", () => {
  const attendance = metric({
    id: "attendance",
    name: "Pupils attending",
    unit: "pupils",
    kind: "count",
    better: "higher",
    baseline: { value: "100", period: { start: "2022-09-01", end: "2025-08-31" }, source: "school registers" },
  });
  const results = [verified("r1", "dropout", "p1", "17.5"), verified("r2", "attendance", "p1", "110")];
  const draws = {
    runs: 20,
    seed: 1,
    results: [
      { metric: "dropout", distribution: { type: "samples" as const, values: [17.5] } },
      { metric: "attendance", distribution: { type: "samples" as const, values: [110] } },
    ],
  };
  const amendment = (changes: NonNullable<Contract["amendments"]>[number]["changes"]) => ({
    id: "A1",
    description: "from the first school year",
    agreedOn: "2026-08-01",
    effectiveFrom: "2026-09-01",
    changes,
  });

  it("a tranche amended to price another metric: simulate paid 0.00 a run, settle pays 25,000.00", () => {
    const contract = parseContract(
      contractJson({
        metrics: [metric(), attendance],
        tranches: [
          tranche({ pricing: { type: "rate", metric: "attendance", basis: "improvement", pricePerUnit: "1000.00" } }),
        ],
        amendments: [
          amendment([
            {
              tranche: "t1",
              pricing: { type: "rate", metric: "dropout", basis: "improvement", pricePerUnit: "10000.00" },
            },
          ]),
        ],
      }),
    );
    // (20.0 − 17.5) points × EUR 10,000 under the amended rule
    const settled = settle(contract, parseEvents(results, { contract }), { asOf: "2029-12-31" });
    expect(settled.tranches[0]?.amountEarned?.amount).toBe("25000.00");
    const simulated = simulate(contract, draws);
    expect([simulated.totalPayments.min.amount, simulated.totalPayments.max.amount]).toEqual(["25000.00", "25000.00"]);
  });

  it("a named formula amended to read another metric: simulate paid 0.00 a run, settle pays 15,000.00", () => {
    const contract = parseContract(
      contractJson({
        metrics: [metric(), attendance],
        formulas: [{ id: "bonus", expression: "0" }],
        tranches: [
          tranche({ pricing: { type: "formula", expression: "improvement.attendance * 1000 * (1 + bonus)" } }),
        ],
        amendments: [amendment([{ formula: "bonus", expression: "if(improvement.dropout >= 1, 0.5, 0)" }])],
      }),
    );
    // (110 − 100) pupils × EUR 1,000 × (1 + 50%), the bonus earned by a fall of 2.5 points in the dropout rate
    const settled = settle(contract, parseEvents(results, { contract }), { asOf: "2029-12-31" });
    expect(settled.tranches[0]?.amountEarned?.amount).toBe("15000.00");
    const simulated = simulate(contract, draws);
    expect([simulated.totalPayments.min.amount, simulated.totalPayments.max.amount]).toEqual(["15000.00", "15000.00"]);
  });
});
