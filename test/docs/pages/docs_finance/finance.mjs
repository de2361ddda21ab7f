// The finance section of the page (finance.json, a fragment of a contract) in the contract of the bundled
// example examples/fis-investors (the page links examples/ to the package's own), settled on the base case
// (dropout rates 18.2, 17.8 and 17.6, verified) as of 2029-12-31: prints the waterfall's payments and each
// investor's returns at a 4% discount rate.
import { readFileSync } from "node:fs";
import { cashFlows, investorReturns, irrText, settle } from "pay-by-results";
import { verifiedEachYear } from "./worked-example.mjs";

const contract = JSON.parse(readFileSync("examples/fis-investors/contract.json", "utf8"));
contract.finance = JSON.parse(`{${readFileSync("finance.json", "utf8")}}`).finance;
const events = verifiedEachYear("dropout-rate", ["18.2", "17.8", "17.6"], {
  recordedOn: "10-28",
  periods: ["as-2026-27", "as-2027-28", "as-2028-29"],
});
const flows = cashFlows(contract, settle(contract, events, { asOf: "2029-12-31" }));
for (const flow of flows.flows) {
  if (flow.from === "(waterfall)")
    console.log(`${flow.date}  ${flow.kind.padEnd(9)} → ${flow.to.padEnd(8)} ${flow.amount.amount}`);
}
for (const r of investorReturns(flows, { discountRate: "4%" })) {
  console.log(
    `${r.party}: paid in ${r.paidIn.amount}, received ${r.received.amount}, net ${r.net.amount}, multiple ${r.multiple},` +
      ` IRR ${irrText(r.irr)}, NPV at ${r.npv.rate} to ${r.npv.on} ${r.npv.amount.amount}, payback ${r.paybackDate}`,
  );
}
