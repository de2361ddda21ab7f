/**
 * Participant-level records for the comparison-group example, generated from a seed so that every run gives
 * the same records (no Math.random). Each record is one released prisoner: treated (the programme) or in the
 * matched comparison group, the cohort they were released in, and their count of reconviction events.
 *
 *   npx tsx examples/comparison-group/generate-records.ts > records.json   (writes the records as JSON)
 */
import type { ParticipantRecord } from "../../src/index.js";

/** mulberry32: a small 32-bit generator, good enough for examples and benchmarks; returns uniforms in [0, 1). */
export function seededUniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A Poisson draw by Knuth's product of uniforms (fine for the small means used here). */
export function poissonDraw(uniform: () => number, mean: number): number {
  const limit = Math.exp(-mean);
  let count = 0;
  let product = uniform();
  while (product > limit) {
    count += 1;
    product *= uniform();
  }
  return count;
}

/** The cohorts of the example: sizes and the true mean reconviction events per person in each group. */
export const COHORTS = [
  { cohort: "c1", treated: 1000, compared: 5000, treatedMean: 0.42, comparedMean: 0.5 },
  { cohort: "c2", treated: 1000, compared: 5000, treatedMean: 0.465, comparedMean: 0.49 },
  { cohort: "c3", treated: 1000, compared: 5000, treatedMean: 0.44, comparedMean: 0.48 },
] as const;

/** All records of the example, from a seed. */
export function generateRecords(seed = 2010): ParticipantRecord[] {
  const uniform = seededUniform(seed);
  const records: ParticipantRecord[] = [];
  for (const spec of COHORTS) {
    for (let i = 0; i < spec.treated; i += 1)
      records.push({ group: "treatment", cohort: spec.cohort, events: poissonDraw(uniform, spec.treatedMean) });
    for (let i = 0; i < spec.compared; i += 1)
      records.push({ group: "comparison", cohort: spec.cohort, events: poissonDraw(uniform, spec.comparedMean) });
  }
  return records;
}

if (process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].split("/").pop() ?? "")) {
  console.log(JSON.stringify(generateRecords(Number(process.argv[2] ?? 2010))));
}
