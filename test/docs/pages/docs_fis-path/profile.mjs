// The FIS profile of the example's deal (examples/fis-three-stages/3-deal.json; the page links examples/ to the
// package's own) with its evaluator left out: the report, laid out by profileText.
import { readFileSync } from "node:fs";
import { checkProfile, profileText } from "pay-by-results";

const deal = JSON.parse(readFileSync("examples/fis-three-stages/3-deal.json", "utf8"));
deal.parties = deal.parties.filter((party) => party.id !== "evaluator");
console.log(profileText(checkProfile(deal, "fis")));
