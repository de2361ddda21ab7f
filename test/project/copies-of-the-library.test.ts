import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";

/**
 * Two copies of the library in one program — its CommonJS and ES module builds, as a dual-package app or a bundle
 * beside the package loads them — recognise each other's errors (`instanceof` by each class's `errorKind`) and
 * values (a contract parsed by one is settled by the other without being parsed again; a settlement from one is
 * rendered by the other). Run on the built package (`npm test` builds it first); skipped when dist/ is missing
 * (`npx vitest run` on a fresh clone).
 */
const built = existsSync(new URL("../../dist/index.cjs", import.meta.url));
const root = new URL("../../", import.meta.url).pathname;

function run(program: string): unknown {
  const source = `
const { createRequire } = await import("node:module");
const require = createRequire(process.cwd() + "/");
const { readFileSync } = require("node:fs");
const cjs = require("./dist/index.cjs");
const esm = await import("./dist/index.js");
const read = (file) => JSON.parse(readFileSync(file, "utf8"));
const caught = (fn) => { try { fn(); return undefined; } catch (error) { return error; } };
const out = {};
${program}
process.stdout.write(JSON.stringify(out));`;
  return JSON.parse(
    execFileSync(process.execPath, ["--input-type=module", "-e", source], { cwd: root, encoding: "utf8" }),
  );
}

describe.skipIf(!built)("two copies of the library in one program", () => {
  it("are two copies (their classes differ), yet each recognises the other's errors with instanceof", () => {
    const out = run(`
out.sameClass = cjs.ContractError === esm.ContractError;
const fromCjs = caught(() => cjs.parseContract({}));
const fromEsm = caught(() => esm.settle({}, [], { asOf: "2027-01-01" }));
const optionsFromCjs = caught(() => cjs.settle(cjs.parseContract(read("examples/fis-dispersione/contract.json")), [], { asOf: "soon" }));
out.cjsContractIsEsmContract = fromCjs instanceof esm.ContractError;
out.cjsContractIsEsmValidation = fromCjs instanceof esm.ValidationError;
out.cjsContractIsEsmOptions = fromCjs instanceof esm.OptionsError;
out.esmContractIsCjsContract = fromEsm instanceof cjs.ContractError;
out.cjsOptionsIsEsmOptions = optionsFromCjs instanceof esm.OptionsError;
out.cjsOptionsIsEsmContract = optionsFromCjs instanceof esm.ContractError;
out.stillErrors = fromCjs instanceof Error && fromEsm instanceof Error;
out.plainErrorIsValidation = new Error("x") instanceof esm.ValidationError;
`);
    expect(out).toEqual({
      sameClass: false,
      cjsContractIsEsmContract: true,
      cjsContractIsEsmValidation: true,
      cjsContractIsEsmOptions: false,
      esmContractIsCjsContract: true,
      cjsOptionsIsEsmOptions: true,
      cjsOptionsIsEsmContract: false,
      stillErrors: true,
      plainErrorIsValidation: false,
    });
  }, 60_000);

  it("settle a contract and events parsed by the other copy, and render the other copy's settlement", () => {
    const out = run(`
const contract = cjs.parseContract(read("examples/fis-dispersione/contract.json"));
const events = cjs.parseEvents(read("examples/fis-dispersione/events.json"), { contract });
const settlement = esm.settle(contract, events, { asOf: "2030-01-31" });
out.sameText = esm.explain(settlement) === cjs.explain(cjs.settle(contract, events, { asOf: "2030-01-31" }));
out.renderedByOther = cjs.renderMarkdown(settlement).length > 0;
`);
    expect(out).toEqual({ sameText: true, renderedByOther: true });
  }, 60_000);
});
