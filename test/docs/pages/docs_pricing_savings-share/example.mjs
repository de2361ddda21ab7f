// One year of docs/pricing/savings-share.md's contract (see contract.mjs), all paid by United Way, settled on the
// verified result given: `node example.mjs 362` prices it by rule.json in USD;
// `node example.mjs --rule eur-rule.json --currency EUR 397` by another rule, in another currency.
import { readFileSync } from "node:fs";
import { savingsContract, settleAndExplain } from "./contract.mjs";

const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(name);
  return at < 0 ? undefined : args.splice(at, 2)[1];
};
const rule = JSON.parse(readFileSync(option("--rule") ?? "rule.json", "utf8"));
const currency = option("--currency");
settleAndExplain(savingsContract({ rule, currency }), args);
