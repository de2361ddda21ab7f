/**
 * The simulation's own seeded random numbers: sfc32 (Chris Doty-Humphrey's Small Fast Counting generator,
 * 128-bit state, passes PractRand), seeded for each run by splitmix32 from the simulation's seed and the
 * run's index. A run's numbers depend only on (seed, run index), never on which thread or chunk computes it,
 * so splitting the runs over workers cannot change a result. No `Math.random` anywhere.
 */

/** A generator of uniform 32-bit integers. */
export type Generator = () => number;

function splitmix32(state: number): { value: number; next: number } {
  const next = (state + 0x9e3779b9) | 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return { value: (z ^ (z >>> 16)) >>> 0, next };
}

/** The generator of run `run` of a simulation seeded with `seed` (both whole numbers below 2^32). */
export function runGenerator(seed: number, run: number): Generator {
  let state = (seed ^ Math.imul(run, 0x632be5ab)) | 0;
  const words: number[] = [];
  for (let i = 0; i < 4; i += 1) {
    const step = splitmix32(state ^ Math.imul(i + 1, 0x1b873593) ^ Math.imul(run, 0x9e3779b9));
    state = step.next;
    words.push(step.value);
  }
  let [a, b, c, d] = words as [number, number, number, number];
  const next = () => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i += 1) next(); // mix the seed into the whole state
  return next;
}

/** A uniform number in the open interval (0, 1). */
export function uniform(next: Generator): number {
  return (next() + 0.5) / 4294967296;
}

/** A standard normal number (Box-Muller; one value per pair of uniforms, the other discarded). */
export function standardNormal(next: Generator): number {
  const u = uniform(next);
  const v = uniform(next);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** A Gamma(shape, 1) number (Marsaglia and Tsang; shape < 1 by the boost Gamma(shape + 1) · U^(1/shape)). */
export function gamma(next: Generator, shape: number): number {
  if (shape < 1) return gamma(next, shape + 1) * Math.pow(uniform(next), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = standardNormal(next);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = uniform(next);
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/**
 * A distribution of a metric's result:
 * - `normal`: mean and standard deviation;
 * - `beta`: shapes alpha and beta, scaled from [0, 1] to [min, max] (default [0, 1]), e.g. a rate in %;
 * - `binomial`: the number of successes in `trials` trials of probability `p`, or that number × `per` / `trials`
 *   when `per` is given (e.g. `per: 100` for a percentage of a cohort);
 * - `triangular`: min, most likely (mode), max;
 * - `samples`: one of the given values, each equally likely (e.g. historical results, bootstrap).
 */
export type Distribution =
  | { readonly type: "normal"; readonly mean: number; readonly sd: number }
  | {
      readonly type: "beta";
      readonly alpha: number;
      readonly beta: number;
      readonly min?: number;
      readonly max?: number;
    }
  | { readonly type: "binomial"; readonly trials: number; readonly p: number; readonly per?: number }
  | { readonly type: "triangular"; readonly min: number; readonly mode: number; readonly max: number }
  | { readonly type: "samples"; readonly values: readonly number[] };

/** Draws one number from a (checked) distribution. */
export function draw(next: Generator, distribution: Distribution): number {
  switch (distribution.type) {
    case "normal":
      return distribution.mean + distribution.sd * standardNormal(next);
    case "beta": {
      const x = gamma(next, distribution.alpha);
      const y = gamma(next, distribution.beta);
      const min = distribution.min ?? 0;
      const max = distribution.max ?? 1;
      return min + (max - min) * (x / (x + y));
    }
    case "binomial": {
      let successes = 0;
      for (let i = 0; i < distribution.trials; i += 1) if (uniform(next) < distribution.p) successes += 1;
      return distribution.per === undefined ? successes : (successes * distribution.per) / distribution.trials;
    }
    case "triangular": {
      const { min, mode, max } = distribution;
      const u = uniform(next);
      const cut = (mode - min) / (max - min);
      return u < cut
        ? min + Math.sqrt(u * (max - min) * (mode - min))
        : max - Math.sqrt((1 - u) * (max - min) * (max - mode));
    }
    case "samples":
      return distribution.values[Math.floor(uniform(next) * distribution.values.length)]!;
  }
}
