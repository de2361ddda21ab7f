// "How caps interact" of docs/pricing/savings-share.md: two years (tranches y1, y2) priced by rule.json, two
// payers (the philanthropy, United Way, 60%; the state 40%), the caps of caps.json (the page's "caps" key);
// verified 362 in the first year and 350 in the second.
import { readFileSync } from "node:fs";
import { savingsContract, settleAndExplain } from "./contract.mjs";

const rule = JSON.parse(readFileSync("rule.json", "utf8"));
const { caps } = JSON.parse(`{ ${readFileSync("caps.json", "utf8")} }`);
const payers = [
  { party: "united-way", share: "60%" },
  { party: "state", share: "40%" },
];
settleAndExplain(savingsContract({ rule, payers, trancheIds: ["y1", "y2"], caps }), [362, 350]);
