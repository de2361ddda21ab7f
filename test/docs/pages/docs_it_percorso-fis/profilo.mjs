// docs/it/percorso-fis.md: the example's deal (examples/fis-three-stages/3-deal.json) without its evaluator,
// checked against the FIS profile in Italian.
import { checkProfile, parseContract, profileText } from "pay-by-results";
import { readJson } from "./json-files.mjs";

const deal = readJson("node_modules/pay-by-results/examples/fis-three-stages/3-deal.json");
deal.parties = deal.parties.filter((party) => !party.roles.includes("verifier"));
console.log(profileText(checkProfile(parseContract(deal), "fis", { locale: "it" })));
