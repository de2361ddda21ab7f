import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";

/**
 * The built package (`npm test` builds it first): `pay-by-results/node` finds its worker file in dist/node/
 * from both the ESM and the CommonJS entry points, and gives the single-thread result. Skipped when dist/
 * has not been built (e.g. `npx vitest run` on a fresh clone).
 */
const built = existsSync(new URL("../../dist/node/simulation-worker.js", import.meta.url));
const root = new URL("../../", import.meta.url).pathname;
const job = (load: string) => `
${load}
const { readFileSync } = require("node:fs");
const contract = core.parseContract(JSON.parse(readFileSync("examples/fis-investors/contract.json", "utf8")));
const options = { runs: 500, seed: 11, results: [{ metric: "dropout-rate", distribution: { type: "normal", mean: 17.8, sd: 1.2 }, decimals: 1 }] };
node.simulateInWorkers(contract, options, { workers: 2 }).then((result) => {
  process.stdout.write(JSON.stringify(result) === JSON.stringify(core.simulate(contract, options)) ? "equal" : "different");
});`;

describe.skipIf(!built)("the built package's worker threads", () => {
  it("CommonJS: require('pay-by-results/node') runs the workers and equals one thread", () => {
    const load = `const core = require("./dist/index.cjs"); const node = require("./dist/node/index.cjs");`;
    expect(execFileSync(process.execPath, ["-e", job(load)], { cwd: root, encoding: "utf8" })).toBe("equal");
  }, 60_000);

  it("ES modules: import('pay-by-results/node') runs the workers and equals one thread", () => {
    const load = `const { createRequire } = await import("node:module"); const require = createRequire(process.cwd() + "/");
const core = await import("./dist/index.js"); const node = await import("./dist/node/index.js");`;
    expect(
      execFileSync(process.execPath, ["--input-type=module"], { cwd: root, encoding: "utf8", input: job(load) }),
    ).toBe("equal");
  }, 60_000);
});
