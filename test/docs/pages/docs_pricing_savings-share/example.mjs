// One year of docs/pricing/savings-share.md's contract (see contract.mjs), all paid by United Way, settled on the
// verified result given: `node example.mjs 362` prices it by rule.json in USD;
// `node example.mjs --rule eur-rule.json --currency EUR 397` by another rule, in another currency.
import { savingsContract, settleAndExplain } from "./contract.mjs";
import { readJson } from "./json-files.mjs";
import { commandLine } from "./worked-example.mjs";

const { rule: ruleFile, currency, values } = commandLine("--rule", "--currency");
settleAndExplain(savingsContract({ rule: readJson(ruleFile ?? "rule.json"), currency }), values);
