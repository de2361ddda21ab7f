import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { settle, type ContractEvent, type ResultStatus, type Settlement, type TrancheStatus } from "../../src/index.js";
import { contractJson, tranche } from "../support/contract-builder.js";

/**
 * Model-based test of the verification lifecycle. Random sequences of actions — report a result, verify,
 * dispute, reject or correct it, pay or refund, let days pass — are applied both to the library (as an
 * append-only list of events, settled as of "today" after every action) and to an independent reference model
 * that keeps the state in integer cents. After every action the tranche's status, earned amount, payments,
 * balance and clawback must match the model, the whole trail of the result must still be shown, and every
 * earlier day must still settle as it did on that day (history is never lost).
 *
 * The contract: the dropout rate (lower is better, baseline 20.0) for period p1, EUR 10,000.00 per point of
 * improvement, capped at EUR 150,000.00, due 2027-11-30, paid by "payer" to "provider".
 */

const CONTRACT = contractJson({ tranches: [tranche({ cap: "150000.00" })] });
const DUE = "2027-11-30";
const CAP_CENTS = 15_000_000;
const CENTS_PER_TENTH = 100_000; // 10,000.00 per point = 1,000,000 cents per point

interface Model {
  today: string;
  /** The result's chain, oldest first: status and value (in tenths of a point) after each event. */
  chain: { id: string; status: ResultStatus; tenths: number }[];
  paidCents: number;
  /** What the model expects on each day that has ended. */
  snapshots: Map<string, Expected>;
}

interface Real {
  events: ContractEvent[];
  nextId: number;
}

interface Expected {
  status: TrancheStatus;
  earned: number | null;
  paid: number;
  trail: number;
}

function expected(model: Model): Expected {
  const head = model.chain[model.chain.length - 1];
  const base = { paid: model.paidCents, trail: model.chain.length };
  if (head === undefined || head.status === "rejected")
    return { ...base, status: model.today < DUE ? "not-yet-due" : "awaiting-verification", earned: null };
  if (head.status === "disputed") return { ...base, status: "disputed", earned: null };
  if (head.status === "reported") return { ...base, status: "awaiting-verification", earned: null };
  const earned = Math.min(CAP_CENTS, Math.max(0, 200 - head.tenths) * CENTS_PER_TENTH);
  const status: TrancheStatus =
    earned === 0 ? "not-earned" : model.paidCents === 0 ? "earned" : model.paidCents < earned ? "partly-paid" : "paid";
  return { ...base, status, earned };
}

const cents = (amount: string | undefined) => (amount === undefined ? null : Math.round(Number(amount) * 100));

function observe(settlement: Settlement): Expected {
  const t1 = settlement.tranches[0]!;
  return {
    status: t1.status,
    earned: cents(t1.amountEarned?.amount),
    paid: cents(t1.amountPaid.amount)!,
    trail: t1.results[0]!.trail.length,
  };
}

function checkAgainstModel(model: Model, real: Real): void {
  const settlement = settle(CONTRACT, real.events, { asOf: model.today });
  const want = expected(model);
  expect(observe(settlement)).toEqual(want);
  const t1 = settlement.tranches[0]!;
  if (want.earned !== null) {
    expect(cents(t1.balance!.amount)).toBe(want.earned - want.paid);
    expect(cents(t1.clawback?.amount)).toBe(want.paid > want.earned ? want.paid - want.earned : null);
  } else {
    expect(t1.balance).toBeNull();
  }
  model.snapshots.set(model.today, want);
}

const newId = (real: Real) => `e${real.nextId++}`;

/** A new report: the first result, or a restatement of the latest one with a new value. */
class Report implements fc.Command<Model, Real> {
  constructor(readonly tenths: number) {}
  check = () => true;
  run(model: Model, real: Real): void {
    const id = newId(real);
    const head = model.chain[model.chain.length - 1];
    const value = (this.tenths / 10).toFixed(1);
    real.events.push(
      head === undefined
        ? { type: "result", id, metric: "dropout", period: "p1", value, status: "reported", recordedAt: model.today }
        : { type: "result", id, restates: head.id, value, status: "reported", recordedAt: model.today },
    );
    model.chain.push({ id, status: "reported", tenths: this.tenths });
    checkAgainstModel(model, real);
  }
  toString = () => `report(${this.tenths / 10})`;
}

/** Verify, dispute or reject the latest result, keeping its value. */
class ChangeStatus implements fc.Command<Model, Real> {
  constructor(readonly status: "verified" | "disputed" | "rejected") {}
  check = (model: Readonly<Model>) => model.chain.length > 0;
  run(model: Model, real: Real): void {
    const id = newId(real);
    const head = model.chain[model.chain.length - 1]!;
    real.events.push({
      type: "result",
      id,
      restates: head.id,
      status: this.status,
      recordedAt: model.today,
      ...(this.status === "verified" ? { verifier: "evaluator" } : {}),
    });
    model.chain.push({ id, status: this.status, tenths: head.tenths });
    checkAgainstModel(model, real);
  }
  toString = () => this.status;
}

/** A verified correction of the latest result with a new value (e.g. after an audit). */
class Correct implements fc.Command<Model, Real> {
  constructor(readonly tenths: number) {}
  check = (model: Readonly<Model>) => model.chain.length > 0;
  run(model: Model, real: Real): void {
    const id = newId(real);
    const head = model.chain[model.chain.length - 1]!;
    real.events.push({
      type: "result",
      id,
      restates: head.id,
      value: this.tenths / 10,
      status: "verified",
      verifier: "evaluator",
      recordedAt: model.today,
      note: "audit correction",
    });
    model.chain.push({ id, status: "verified", tenths: this.tenths });
    checkAgainstModel(model, real);
  }
  toString = () => `correct(${this.tenths / 10})`;
}

/** A payment (or, when negative, a refund) made today. */
class Pay implements fc.Command<Model, Real> {
  constructor(readonly amountCents: number) {}
  check = () => true;
  run(model: Model, real: Real): void {
    real.events.push({
      type: "payment",
      id: newId(real),
      tranche: "t1",
      payer: "payer",
      recipient: "provider",
      amount: (this.amountCents / 100).toFixed(2),
      paidOn: model.today,
    });
    model.paidCents += this.amountCents;
    checkAgainstModel(model, real);
  }
  toString = () => `pay(${(this.amountCents / 100).toFixed(2)})`;
}

/** Days pass; every day that has ended must still settle as it did then. */
class Advance implements fc.Command<Model, Real> {
  constructor(readonly days: number) {}
  check = () => true;
  run(model: Model, real: Real): void {
    const next = new Date(Date.parse(`${model.today}T00:00:00Z`) + this.days * 86_400_000).toISOString().slice(0, 10);
    model.today = next;
    checkAgainstModel(model, real);
    for (const [day, want] of model.snapshots) {
      if (day < model.today)
        expect(observe(settle(CONTRACT, real.events, { asOf: day })), `as of ${day}`).toEqual(want);
    }
  }
  toString = () => `advance(${this.days})`;
}

const tenths = fc.integer({ min: 20, max: 260 });
const commands = [
  tenths.map((value) => new Report(value)),
  fc.constantFrom("verified", "verified", "disputed", "rejected" as const).map((status) => new ChangeStatus(status)),
  tenths.map((value) => new Correct(value)),
  fc
    .integer({ min: -2_000_000, max: 12_000_000 })
    .filter((value) => value !== 0)
    .map((value) => new Pay(value)),
  fc.integer({ min: 1, max: 45 }).map((days) => new Advance(days)),
];

describe("the verification lifecycle matches a reference model", () => {
  it("after any sequence of reports, verifications, disputes, rejections, corrections, payments and days passing", () => {
    fc.assert(
      fc.property(fc.commands(commands, { maxCommands: 30 }), (sequence) => {
        const setup = () => ({
          model: {
            today: "2027-09-01",
            chain: [],
            paidCents: 0,
            snapshots: new Map<string, Expected>(),
          } satisfies Model,
          real: { events: [], nextId: 1 } satisfies Real,
        });
        fc.modelRun(setup, sequence);
      }),
      { numRuns: 120 },
    );
  });
});
