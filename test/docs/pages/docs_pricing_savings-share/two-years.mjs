// "How caps interact" of docs/pricing/savings-share.md: two years (tranches y1, y2) priced by rule.json, two
// payers (the philanthropy, United Way, 60%; the state 40%), the caps of caps.json (the page's "caps" key);
// verified 362 in the first year and 350 in the second.
import { savingsContract, settleAndExplain } from "./contract.mjs";
import { readFragment, readJson } from "./json-files.mjs";

const rule = readJson("rule.json");
const { caps } = readFragment("caps.json");
const payers = [
  { party: "united-way", share: "60%" },
  { party: "state", share: "40%" },
];
settleAndExplain(savingsContract({ rule, payers, trancheIds: ["y1", "y2"], caps }), [362, 350]);
