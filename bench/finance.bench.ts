/**
 * Benchmark of the investors' side on the FIS example with its investors (examples/fis-investors), in runs per
 * CPU-second (the process's user + system time: the machine is shared, so wall time would flatter or blame
 * the library for its neighbours), each figure the best of several rounds, printed beside a floor computed in
 * the same run and the ratio:
 * - `cashFlows` alone, beside a plain waterfall written below: the same flows and party views in integer minor
 *   units and doubles, amounts rendered as text, nothing checked, frozen or explained;
 * - `investorReturns` alone, beside a plain netting, multiple, NPV and Newton IRR in doubles;
 * - `settle + cashFlows + investorReturns` (the exact path, with its explanation), beside a plain pricing of the
 *   three linear tranches followed by both plain floors;
 * - the simulation's path: one run = draw the results, re-price the contract, run the waterfall and guarantees,
 *   compute each investor's XIRR — on one thread, then spread over 2 worker threads, and the speed-up.
 * Before timing, every floor's figures are checked against the library's: a floor computes the same figures.
 * Run with `npx tsx bench/finance.bench.ts` (or `npm run bench`).
 */
import { readFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import {
  cashFlows,
  investorReturns,
  parseContract,
  parseEvents,
  settle,
  simulate,
  type SimulationOptions,
} from "../src/index.js";
import { simulateInWorkers } from "../src/node/index.js";

const contractJson = JSON.parse(
  readFileSync(new URL("../examples/fis-investors/contract.json", import.meta.url), "utf8"),
) as FloorContract;
const contract = parseContract(contractJson);
const periods = ["as-2026-27", "as-2027-28", "as-2028-29"];
const values = periods.map((_, index) => (17.2 + index / 10).toFixed(1));
/** The FIS example's three verified results, parsed. */
const parsedEvents = () =>
  parseEvents(
    periods.map((period, index) => ({
      type: "result",
      id: `r${index}`,
      metric: "dropout-rate",
      period,
      value: values[index]!,
      status: "verified",
      verifier: "evaluator",
      recordedAt: "2029-10-01",
    })),
    { contract },
  );
const events = parsedEvents();
const asOf = "2029-12-31";
const discountRate = "4%";

// ---------------------------------------------------------------------------------------------------------------
// The floors: plain implementations of the same work, for this contract's shape (linear tranches on a relative
// improvement, principal and return steps, an excess split, guarantees). Minor units in integers, rates in doubles.

interface FloorContract {
  readonly currency: string;
  readonly term: { readonly end: string };
  readonly caps?: { readonly contract?: string; readonly perPayer?: Readonly<Record<string, string>> };
  readonly parties: readonly { readonly id: string; readonly name?: string }[];
  readonly metrics: readonly {
    readonly id: string;
    readonly better: string;
    readonly baseline: { readonly value: string };
  }[];
  readonly tranches: readonly {
    readonly id: string;
    readonly covers: { readonly period: string };
    readonly dueDate: string;
    readonly pricing: {
      readonly type: string;
      readonly metric: string;
      readonly basis: string;
      readonly points: readonly { readonly at: string; readonly amount: string }[];
    };
    readonly cap?: string;
    readonly payers: readonly { readonly party: string; readonly share: string }[];
    readonly recipients: readonly { readonly party: string; readonly share: string }[];
  }[];
  readonly finance: {
    readonly investors: readonly {
      readonly party: string;
      readonly fundedParty: string;
      readonly drawdowns: readonly { readonly date: string; readonly amount: string }[];
    }[];
    readonly waterfall: {
      readonly pool: readonly string[];
      readonly steps: readonly {
        readonly type: string;
        readonly investors?: readonly string[];
        readonly rate?: string;
        readonly cap?: string;
      }[];
      readonly excess: readonly { readonly party: string; readonly share: string }[];
    };
    readonly guarantees?: readonly {
      readonly guarantor: string;
      readonly covers: readonly string[];
      readonly share: string;
      readonly limit: string;
      readonly payOn?: string;
    }[];
  };
}

const cents = (amount: string) => Math.round(Number(amount) * 100);
const percent = (share: string) => Number(share.replace("%", "")) / 100;
const dayOf = (date: string) =>
  Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;
const text = (units: number) => {
  const magnitude = Math.abs(units);
  const minor = magnitude % 100;
  return `${units < 0 ? "-" : ""}${(magnitude - minor) / 100}.${minor < 10 ? "0" : ""}${minor}`;
};
const halfEven = (value: number) => {
  const floor = Math.floor(value);
  const fraction = value - floor;
  return fraction > 0.5 || (fraction === 0.5 && floor % 2 !== 0) ? floor + 1 : floor;
};

/** Largest remainder, ties to the first: the split the library makes. */
function split(units: number, weights: readonly number[]): number[] {
  let total = 0;
  for (const weight of weights) total += weight;
  const parts: number[] = [];
  const remainders: number[] = [];
  let given = 0;
  for (const weight of weights) {
    const floor = Math.floor((units * weight) / total);
    parts.push(floor);
    remainders.push(units * weight - floor * total);
    given += floor;
  }
  for (let left = units - given; left > 0; left -= 1) {
    let best = 0;
    for (let i = 1; i < remainders.length; i += 1) if (remainders[i]! > remainders[best]!) best = i;
    parts[best] = parts[best]! + 1;
    remainders[best] = -1;
  }
  return parts;
}

interface FloorReceipt {
  readonly date: string;
  readonly day: number;
  readonly tranche: string;
  readonly payer: string;
  readonly recipient: string;
  readonly units: number;
}

/**
 * The outcome payments of the tranches, priced from the results (by period): linear between points, capped by the
 * tranche's cap and what is left of the contract's, split among payers (each within what is left of its own cap)
 * and recipients.
 */
function floorSettle(results: ReadonlyMap<string, number>): FloorReceipt[] {
  const receipts: FloorReceipt[] = [];
  let contractLeft = floor.contractCap;
  const payerLeft = new Map(floor.payerCaps);
  for (const tranche of floor.tranches) {
    const value = results.get(tranche.period)!;
    const improvement =
      (tranche.better === "lower" ? tranche.baseline - value : value - tranche.baseline) / tranche.baseline;
    const points = tranche.points;
    let earned = 0;
    if (improvement >= points[points.length - 1]!.at) earned = points[points.length - 1]!.units;
    else if (improvement >= points[0]!.at) {
      let k = 0;
      while (improvement >= points[k + 1]!.at) k += 1;
      const a = points[k]!;
      const b = points[k + 1]!;
      earned = a.units + halfEven(((improvement - a.at) / (b.at - a.at)) * (b.units - a.units));
    }
    earned = Math.min(earned, tranche.cap, contractLeft);
    contractLeft -= earned;
    const byPayer = split(earned, tranche.payerWeights);
    for (let p = 0; p < tranche.payers.length; p += 1) {
      const left = payerLeft.get(tranche.payers[p]!);
      if (left !== undefined) {
        byPayer[p] = Math.min(byPayer[p]!, left);
        payerLeft.set(tranche.payers[p]!, left - byPayer[p]!);
      }
      const byRecipient = split(byPayer[p]!, tranche.recipientWeights);
      for (let r = 0; r < tranche.recipients.length; r += 1)
        if (byRecipient[r]! > 0)
          receipts.push({
            date: tranche.dueDate,
            day: tranche.day,
            tranche: tranche.id,
            payer: tranche.payers[p]!,
            recipient: tranche.recipients[r]!,
            units: byRecipient[r]!,
          });
    }
  }
  return receipts;
}

/** The contract read once for the floors. */
const floor = (() => {
  const c = contractJson;
  const f = c.finance;
  const investorIndex = new Map(f.investors.map((investor, index) => [investor.party, index]));
  return {
    parties: c.parties.map((party) => ({ id: party.id, name: party.name ?? party.id })),
    contractCap: c.caps?.contract === undefined ? Number.POSITIVE_INFINITY : cents(c.caps.contract),
    payerCaps: Object.entries(c.caps?.perPayer ?? {}).map(([party, cap]) => [party, cents(cap)] as const),
    tranches: c.tranches.map((tranche) => {
      const metric = c.metrics.find((entry) => entry.id === tranche.pricing.metric)!;
      if (tranche.pricing.type !== "linear" || tranche.pricing.basis !== "relative-improvement")
        throw new Error("the floor prices linear tranches on a relative improvement only");
      return {
        id: tranche.id,
        period: tranche.covers.period,
        dueDate: tranche.dueDate,
        day: dayOf(tranche.dueDate),
        better: metric.better,
        baseline: Number(metric.baseline.value),
        points: tranche.pricing.points.map((point) => ({ at: percent(point.at), units: cents(point.amount) })),
        cap: tranche.cap === undefined ? Number.POSITIVE_INFINITY : cents(tranche.cap),
        payers: tranche.payers.map((entry) => entry.party),
        payerWeights: tranche.payers.map((entry) => Math.round(percent(entry.share) * 1e6)),
        recipients: tranche.recipients.map((entry) => entry.party),
        recipientWeights: tranche.recipients.map((entry) => Math.round(percent(entry.share) * 1e6)),
      };
    }),
    investors: f.investors.map((investor) => ({
      party: investor.party,
      fundedParty: investor.fundedParty,
      draws: investor.drawdowns
        .map((draw) => ({ date: draw.date, day: dayOf(draw.date), units: cents(draw.amount) }))
        .sort((a, b) => a.day - b.day),
    })),
    pool: new Set(f.waterfall.pool),
    steps: f.waterfall.steps.map((step) => {
      if (step.type !== "principal" && step.type !== "return")
        throw new Error("the floor runs principal and return steps only");
      return {
        type: step.type,
        investors: (step.investors ?? []).map((party) => investorIndex.get(party)!),
        rate: step.rate === undefined ? null : percent(step.rate),
        cap: step.cap === undefined ? null : cents(step.cap),
      };
    }),
    excess: f.waterfall.excess.map((entry) => entry.party),
    excessWeights: f.waterfall.excess.map((entry) => Math.round(percent(entry.share) * 1e6)),
    guarantees: (f.guarantees ?? []).map((guarantee) => ({
      guarantor: guarantee.guarantor,
      covers: guarantee.covers.map((party) => investorIndex.get(party)!),
      share: percent(guarantee.share),
      limit: cents(guarantee.limit),
      date: guarantee.payOn ?? c.term.end,
      day: dayOf(guarantee.payOn ?? c.term.end),
    })),
  };
})();

interface FloorFlow {
  readonly date: string;
  readonly day: number;
  readonly from: string;
  readonly to: string;
  readonly units: number;
  readonly kind: string;
  readonly tranche?: string;
}

/** The waterfall over the receipts: flows in date order, each party's view with text amounts and totals. */
function floorCashFlows(receipts: readonly FloorReceipt[]) {
  const flows: FloorFlow[] = [];
  for (const investor of floor.investors)
    for (const draw of investor.draws)
      flows.push({
        date: draw.date,
        day: draw.day,
        from: investor.party,
        to: investor.fundedParty,
        units: draw.units,
        kind: "drawdown",
      });
  const repaid = floor.investors.map(() => 0);
  const received = floor.investors.map(() => 0);
  const distributions: { day: number; units: number }[][] = floor.investors.map(() => []);
  const stepPaid = floor.steps.map(() => 0);
  const guaranteeUsed = floor.guarantees.map(() => 0);
  const drawnBy = (investor: number, day: number) => {
    let drawn = 0;
    for (const draw of floor.investors[investor]!.draws) if (draw.day <= day) drawn += draw.units;
    return drawn;
  };
  const days = [...new Set([...receipts.map((receipt) => receipt.day), ...floor.guarantees.map((g) => g.day)])].sort(
    (a, b) => a - b,
  );
  for (const day of days) {
    let pool = 0;
    let date = "";
    for (const receipt of receipts) {
      if (receipt.day !== day) continue;
      date = receipt.date;
      flows.push({
        date,
        day,
        from: receipt.payer,
        to: receipt.recipient,
        units: receipt.units,
        kind: "outcome-payment",
        tranche: receipt.tranche,
      });
      if (floor.pool.has(receipt.recipient)) {
        flows.push({
          date,
          day,
          from: receipt.recipient,
          to: "(waterfall)",
          units: receipt.units,
          kind: "pooled",
          tranche: receipt.tranche,
        });
        pool += receipt.units;
      }
    }
    floor.steps.forEach((step, index) => {
      if (pool === 0) return;
      let owed = step.investors.map((investor) => {
        const drawn = drawnBy(investor, day);
        if (step.type === "principal") return Math.max(0, drawn - repaid[investor]!);
        if (step.rate === null) return drawn;
        let hurdle = 0;
        for (const draw of floor.investors[investor]!.draws)
          if (draw.day <= day) hurdle += draw.units * (1 + step.rate) ** ((day - draw.day) / 365);
        for (const paid of distributions[investor]!) hurdle -= paid.units * (1 + step.rate) ** ((day - paid.day) / 365);
        return Math.max(0, halfEven(hurdle) - (drawn - repaid[investor]!));
      });
      if (step.cap !== null) {
        const left = Math.max(0, step.cap - stepPaid[index]!);
        const total = owed.reduce((a, b) => a + b, 0);
        if (total > left) owed = split(left, owed);
      }
      const total = owed.reduce((a, b) => a + b, 0);
      const paid = total <= pool ? owed : split(pool, owed);
      step.investors.forEach((investor, p) => {
        const amount = paid[p]!;
        if (amount <= 0) return;
        const party = floor.investors[investor]!.party;
        flows.push({ date, day, from: "(waterfall)", to: party, units: amount, kind: step.type });
        pool -= amount;
        stepPaid[index] = stepPaid[index]! + amount;
        if (step.type === "principal") repaid[investor] = repaid[investor]! + amount;
        received[investor] = received[investor]! + amount;
        distributions[investor]!.push({ day, units: amount });
      });
    });
    if (pool > 0) {
      const shares = split(pool, floor.excessWeights);
      floor.excess.forEach((party, p) => {
        if (shares[p]! > 0)
          flows.push({ date, day, from: "(waterfall)", to: party, units: shares[p]!, kind: "excess" });
        const investor = floor.investors.findIndex((entry) => entry.party === party);
        if (investor >= 0) received[investor] = received[investor]! + shares[p]!;
      });
    }
    floor.guarantees.forEach((guarantee, g) => {
      if (guarantee.day !== day) return;
      const claims = guarantee.covers.map((investor) =>
        halfEven(Math.max(0, drawnBy(investor, day) - received[investor]!) * guarantee.share),
      );
      const claim = claims.reduce((a, b) => a + b, 0);
      const pay = Math.min(claim, Math.max(0, guarantee.limit - guaranteeUsed[g]!));
      const paid = pay === claim ? claims : split(pay, claims);
      guarantee.covers.forEach((investor, c) => {
        if (paid[c]! <= 0) return;
        received[investor] = received[investor]! + paid[c]!;
        flows.push({
          date: guarantee.date,
          day,
          from: guarantee.guarantor,
          to: floor.investors[investor]!.party,
          units: paid[c]!,
          kind: "guarantee",
        });
      });
      guaranteeUsed[g] = guaranteeUsed[g]! + pay;
    });
  }
  flows.sort((a, b) => a.day - b.day);
  const shown = flows.map((flow) => ({
    date: flow.date,
    from: flow.from,
    to: flow.to,
    amount: text(flow.units),
    kind: flow.kind,
    tranche: flow.tranche,
  }));
  const parties = floor.parties.map((party) => {
    const own: { date: string; day: number; units: number; amount: string; kind: string; counterparty: string }[] = [];
    let paidOut = 0;
    let into = 0;
    for (const flow of flows) {
      if (flow.to === party.id) {
        into += flow.units;
        own.push({
          date: flow.date,
          day: flow.day,
          units: flow.units,
          amount: text(flow.units),
          kind: flow.kind,
          counterparty: flow.from,
        });
      }
      if (flow.from === party.id) {
        paidOut += flow.units;
        own.push({
          date: flow.date,
          day: flow.day,
          units: -flow.units,
          amount: text(-flow.units),
          kind: flow.kind,
          counterparty: flow.to,
        });
      }
    }
    return {
      party: party.id,
      name: party.name,
      flows: own,
      paidOut: text(paidOut),
      received: text(into),
      net: text(into - paidOut),
    };
  });
  return { flows: shown, parties: parties.filter((party) => party.flows.length > 0) };
}

type FloorFlows = ReturnType<typeof floorCashFlows>;

/** Each investor's net flows by day, paid in and received, multiple, NPV (rounded half-even), IRR (Newton), payback. */
function floorReturns(flows: FloorFlows, rate: number) {
  return floor.investors.map((investor) => {
    const own = flows.parties.find((party) => party.party === investor.party)!.flows;
    const days: number[] = [];
    const dates: string[] = [];
    const units: number[] = [];
    for (const flow of own) {
      if (days.length > 0 && days[days.length - 1] === flow.day) units[units.length - 1]! += flow.units;
      else {
        days.push(flow.day);
        dates.push(flow.date);
        units.push(flow.units);
      }
    }
    let paidIn = 0;
    let into = 0;
    let cumulative = 0;
    let negative = false;
    let payback: string | null = null;
    let npv = 0;
    for (let k = 0; k < units.length; k += 1) {
      if (units[k]! < 0) paidIn -= units[k]!;
      else into += units[k]!;
      cumulative += units[k]!;
      if (cumulative < 0) negative = true;
      else if (negative && payback === null) payback = dates[k]!;
      npv += units[k]! * (1 + rate) ** (-(days[k]! - days[0]!) / 365);
    }
    const t = days.map((day) => (day - days[0]!) / 365);
    const amounts = units.map((value) => value / 100);
    let irr = 0.1;
    for (let iteration = 0; iteration < 50; iteration += 1) {
      let value = 0;
      let slope = 0;
      for (let k = 0; k < t.length; k += 1) {
        const discount = (1 + irr) ** -t[k]!;
        value += amounts[k]! * discount;
        slope -= (t[k]! * amounts[k]! * discount) / (1 + irr);
      }
      const step = value / slope;
      irr -= step;
      if (Math.abs(step) < 1e-13) break;
    }
    return {
      party: investor.party,
      paidIn: text(paidIn),
      received: text(into),
      net: text(into - paidIn),
      multiple: (Math.round((into / paidIn) * 10_000) / 10_000).toFixed(4),
      irr,
      npv: text(halfEven(npv)),
      paybackDate: payback,
    };
  });
}

const results = new Map(periods.map((period, index) => [period, Number(values[index])]));

// ---------------------------------------------------------------------------------------------------------------
// The floors compute the same figures as the library: checked once before anything is timed.

const settlement = settle(contract, events, { asOf });
const flows = cashFlows(contract, settlement);
const returns = investorReturns(flows, { discountRate });
{
  const plainFlows = floorCashFlows(floorSettle(results));
  const plainReturns = floorReturns(plainFlows, percent(discountRate));
  const same = (what: string, a: unknown, b: unknown) => {
    if (JSON.stringify(a) !== JSON.stringify(b))
      throw new Error(`the floor's ${what} differ from the library's:\n${JSON.stringify(a)}\n${JSON.stringify(b)}`);
  };
  same(
    "flows",
    plainFlows.flows.map((flow) => [flow.date, flow.from, flow.to, flow.amount, flow.kind, flow.tranche]),
    flows.flows.map((flow) => [flow.date, flow.from, flow.to, flow.amount.amount, flow.kind, flow.tranche]),
  );
  same(
    "party views",
    plainFlows.parties.map((party) => [
      party.party,
      party.name,
      party.paidOut,
      party.received,
      party.net,
      party.flows.map((flow) => [flow.date, flow.amount, flow.kind, flow.counterparty]),
    ]),
    flows.parties.map((party) => [
      party.party,
      party.name,
      party.paidOut.amount,
      party.received.amount,
      party.net.amount,
      party.flows.map((flow) => [flow.date, flow.amount.amount, flow.kind, flow.counterparty]),
    ]),
  );
  same(
    "returns",
    plainReturns.map((entry) => [
      entry.party,
      entry.paidIn,
      entry.received,
      entry.net,
      entry.multiple,
      entry.npv,
      entry.paybackDate,
    ]),
    returns.map((entry) => [
      entry.party,
      entry.paidIn.amount,
      entry.received.amount,
      entry.net.amount,
      entry.multiple,
      entry.npv.amount.amount,
      entry.paybackDate,
    ]),
  );
  returns.forEach((entry, index) => {
    if (entry.irr.kind !== "rate" || Math.abs(entry.irr.rate - plainReturns[index]!.irr) > 1e-9)
      throw new Error(`the floor's IRR of ${entry.party} differs from the library's: ${plainReturns[index]!.irr}`);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Timing.

let sink = 0; // keeps every result alive to the end of its loop

/** Runs per CPU-second of `run`: the best of `rounds` rounds of `count` runs. */
function perCpuSecond(count: number, rounds: number, run: () => unknown): number {
  let best = 0;
  for (let round = 0; round < rounds; round += 1) {
    const start = process.cpuUsage();
    for (let i = 0; i < count; i += 1) if (run() !== undefined) sink += 1;
    const used = process.cpuUsage(start);
    best = Math.max(best, count / ((used.user + used.system) / 1e6));
  }
  return best;
}

const show = (rate: number) => rate.toLocaleString("en-GB", { maximumFractionDigits: 0 });

function compare(label: string, count: number, rounds: number, library: () => unknown, plain: () => unknown): number {
  perCpuSecond(Math.ceil(count / 5), 1, library); // warm-up
  perCpuSecond(Math.ceil(count / 5), 1, plain);
  const rate = perCpuSecond(count, rounds, library);
  const floorRate = perCpuSecond(count * 4, rounds, plain);
  console.log(
    `${label}: ${show(rate)} per CPU-second (${(1e6 / rate).toFixed(1)} µs); floor ${show(floorRate)} per CPU-second ` +
      `(${(1e6 / floorRate).toFixed(1)} µs): ×${(floorRate / rate).toFixed(1)} the floor's time (best of ${rounds} rounds of ${count.toLocaleString("en-GB")})`,
  );
  return rate;
}

const receipts = floorSettle(results);
const plainFlows = floorCashFlows(receipts);
const rate = percent(discountRate);

console.log("FIS example with investors (3 tranches, 2 investors, a guarantee):");
compare(
  "  cashFlows",
  20_000,
  5,
  () => cashFlows(contract, settlement),
  () => floorCashFlows(receipts),
);
compare(
  "  investorReturns",
  40_000,
  5,
  () => investorReturns(flows, { discountRate }),
  () => floorReturns(plainFlows, rate),
);
compare(
  "  settle + cashFlows + investorReturns (exact path, with explanation)",
  4_000,
  5,
  () => investorReturns(cashFlows(contract, settle(contract, events, { asOf })), { discountRate }),
  () => floorReturns(floorCashFlows(floorSettle(results)), rate),
);
compare(
  "  settle + cashFlows + investorReturns (figures only: settle with explain: false)",
  4_000,
  5,
  () => investorReturns(cashFlows(contract, settle(contract, events, { asOf, explain: false })), { discountRate }),
  () => floorReturns(floorCashFlows(floorSettle(results)), rate),
);
// The two lines above settle the same parsed events again, as a report or a notebook does, and `settle` reuses
// what it keeps with them (the ledger of the date, each tranche's price before caps). Each run below settles
// events parsed afresh (parsing done before the timing), as for many deals or many event files.
const freshPool = Array.from({ length: 400 + 3 * 2_000 }, parsedEvents);
let fresh = 0;
compare(
  "  settle + cashFlows + investorReturns, each on freshly parsed events (figures only)",
  2_000,
  3,
  () =>
    investorReturns(cashFlows(contract, settle(contract, freshPool[fresh++]!, { asOf, explain: false })), {
      discountRate,
    }),
  () => floorReturns(floorCashFlows(floorSettle(results)), rate),
);
console.log("  (target of issue #15: 20,000 per CPU-second)");
compare(
  "  settle alone, with explanation",
  4_000,
  5,
  () => settle(contract, events, { asOf }),
  () => floorSettle(results),
);
compare(
  "  settle alone, figures only",
  4_000,
  5,
  () => settle(contract, events, { asOf, explain: false }),
  () => floorSettle(results),
);

const options = (runs: number): SimulationOptions => ({
  runs,
  seed: 2026,
  results: [
    { metric: "dropout-rate", distribution: { type: "triangular", min: 15.5, mode: 17.8, max: 20.5 }, decimals: 1 },
  ],
});
simulate(contract, options(20_000)); // warm-up: JIT and the compounding factors
let single = 0;
for (let round = 0; round < 5; round += 1) {
  const cpu = process.cpuUsage();
  simulate(contract, options(50_000));
  const used = process.cpuUsage(cpu);
  single = Math.max(single, 50_000 / ((used.user + used.system) / 1e6));
}
const floorPerRun = perCpuSecond(20_000, 5, () => floorReturns(floorCashFlows(floorSettle(results)), rate));
console.log(
  `simulation, one thread: ${show(single)} runs per CPU-second (settlement + cash flows + waterfall + IRR per run; best of 5 rounds of 50,000); ` +
    `floor (plain pricing, waterfall and returns) ${show(floorPerRun)} per CPU-second: ×${(floorPerRun / single).toFixed(1)} the floor's time`,
);

const runs = 400_000;
const timeWorkers = async (workers: number) => {
  const start = process.hrtime.bigint();
  const cpu = process.cpuUsage(); // the whole process: all threads
  await simulateInWorkers(contract, options(runs), { workers });
  const used = process.cpuUsage(cpu);
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, cpu: (used.user + used.system) / 1e6 };
};
const best = (a: { seconds: number; cpu: number }, b: { seconds: number; cpu: number }) =>
  a.seconds <= b.seconds ? a : b;
const one = best(await timeWorkers(1), await timeWorkers(1));
const two = best(await timeWorkers(2), await timeWorkers(2));
const timing = (label: string, measured: { seconds: number; cpu: number }) =>
  `${label} ${measured.seconds.toFixed(2)} s (${(runs / measured.seconds).toFixed(0)} runs/s; ${measured.cpu.toFixed(1)} CPU-s)`;
console.log(
  `simulation, ${runs.toLocaleString("en-GB")} runs in worker threads (best of 2; includes starting the workers): ` +
    `${timing("1 worker", one)}, ${timing("2 workers", two)}: speed-up ×${(one.seconds / two.seconds).toFixed(2)}`,
);
console.log(
  `  (machine load average over the last minute: ${loadavg()[0]!.toFixed(2)} on ${availableParallelism()} cores; the speed-up needs two idle cores)`,
);
if (sink < 0) console.log(sink);
