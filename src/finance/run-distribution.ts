/**
 * The distribution of an amount over a simulation's runs, kept beside its summary (`MoneySummary`) for the charts:
 * the cumulative share of runs at up to 1,001 of the runs' own amounts, from the smallest to the largest. A
 * summary gives a few percentiles; a chart drawn through them alone would say that no run paid less than the
 * 5th percentile. The distribution is remembered in a weak map (it never keeps a summary alive), shared by the ES
 * module and CommonJS builds under a registered symbol, as the register of issued values is (util/issued.ts).
 */

/** The runs' amounts (in the currency's units, as plotting coordinates) and the share of runs at or below each. */
export interface RunDistribution {
  /** Ascending amounts of actual runs, the smallest first and the largest last. */
  readonly amounts: readonly number[];
  /** For each amount, the share of the runs that paid at most that much (the last is 1). */
  readonly shares: readonly number[];
}

/** At most this many points are kept: the step curve is then within 0.1% of the runs' own at every amount. */
const MAX_POINTS = 1001;

const KEY = Symbol.for("pay-by-results.run-distributions.v1");

function store(): WeakMap<object, RunDistribution> {
  const holder = globalThis as { [KEY]?: WeakMap<object, RunDistribution> };
  let found = holder[KEY];
  if (!(found instanceof WeakMap)) {
    found = new WeakMap();
    Object.defineProperty(globalThis, KEY, { value: found, enumerable: false, configurable: false, writable: false });
  }
  return found;
}

const distributions = store();

/**
 * @internal Remembers the distribution of `sortedUnits` (every run's amount in minor units, ascending) beside
 * `summary`: up to 1,001 evenly spaced ranks, each amount with the share of runs at or below it (all the runs that
 * paid that amount, however many), the smallest and the largest always among them.
 */
export function rememberRunDistribution(summary: object, sortedUnits: Float64Array, places: number): void {
  const runs = sortedUnits.length;
  if (runs === 0) return;
  const scale = 10 ** places;
  const count = Math.min(runs, MAX_POINTS);
  const amounts: number[] = [];
  const shares: number[] = [];
  for (let k = 0; k < count; k += 1) {
    const rank = count === 1 ? runs - 1 : Math.round((k * (runs - 1)) / (count - 1));
    const value = sortedUnits[rank]!;
    // the last run that paid the same amount: the share counts all of them
    let last = rank;
    let high = runs - 1;
    while (last < high) {
      const middle = Math.ceil((last + high) / 2);
      if (sortedUnits[middle]! <= value) last = middle;
      else high = middle - 1;
    }
    const amount = value / scale;
    if (amounts.length > 0 && amounts[amounts.length - 1] === amount) continue;
    amounts.push(amount);
    shares.push((last + 1) / runs);
  }
  distributions.set(summary, Object.freeze({ amounts: Object.freeze(amounts), shares: Object.freeze(shares) }));
}

/** @internal The distribution remembered beside a summary, or `undefined` (a summary made before it was kept). */
export function runDistributionOf(summary: object): RunDistribution | undefined {
  return distributions.get(summary);
}
