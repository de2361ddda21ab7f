import type { LoadedFile } from "./input-files.js";

/**
 * The examples the page offers, read from examples/ when the page is built (scripts/build-site.ts) and embedded
 * in it: the page itself reads no file and makes no request.
 */

/** Where an example's files are, from the repository's root, and the date it is best read on. */
export interface ExampleSource {
  readonly id: string;
  readonly contract: string;
  /** The events (JSON) or, for a rate card, the claims (CSV). */
  readonly results: string;
  readonly asOf: string;
}

/** An example with its files' text, as embedded in the page. */
export interface BundledExample {
  readonly id: string;
  readonly contract: LoadedFile;
  readonly results: LoadedFile;
  readonly asOf: string;
}

export const EXAMPLE_SOURCES: readonly ExampleSource[] = [
  {
    id: "fis-dispersione",
    contract: "examples/fis-dispersione/contract.json",
    results: "examples/fis-dispersione/events.json",
    asOf: "2028-03-31",
  },
  {
    id: "health-pbf",
    contract: "examples/health-pbf/contract.json",
    results: "examples/health-pbf/events.json",
    asOf: "2027-12-31",
  },
  {
    id: "rate-card",
    contract: "examples/rate-card/contract.json",
    results: "examples/rate-card/claims-sample.csv",
    asOf: "2015-09-30",
  },
];
