// The rounding policy of the page (rounding.json, a fragment of a contract) on a rate rule of EUR 100.025 per unit
// and an improvement of 5 units, in the contract of the bundled FIS example (examples/fis-dispersione/; the page
// links examples/ to the package's own), then the same with half-up: prints each rule and rounding line.
import { readFileSync } from "node:fs";
import { explain, settle } from "pay-by-results";
import { verified } from "./worked-example.mjs";

const { rounding } = JSON.parse(`{${readFileSync("rounding.json", "utf8")}}`);
const fis = JSON.parse(readFileSync("examples/fis-dispersione/contract.json", "utf8"));
const result = verified({
  id: "r1",
  metric: "dropout-rate",
  period: "as-2026-27",
  value: "15",
  recordedAt: "2027-10-28",
});

for (const policy of [rounding, { ...rounding, mode: "half-up" }]) {
  const contract = {
    ...fis,
    rounding: policy,
    caps: undefined,
    periods: fis.periods.slice(0, 1),
    tranches: [
      {
        ...fis.tranches[0],
        cap: undefined,
        pricing: { type: "rate", metric: "dropout-rate", basis: "improvement", pricePerUnit: "100.025" },
      },
    ],
  };
  const text = explain(settle(contract, [result], { asOf: "2027-12-31" }));
  console.log(
    text
      .split("\n")
      .filter((line) => /^ {2}(Rule|Rounding)/.test(line))
      .join("\n"),
  );
}
