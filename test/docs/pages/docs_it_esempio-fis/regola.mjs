// docs/it/esempio-fis.md: the contract's fragments the page shows (baseline.json, pricing.json, caps.json), put
// into a contract with the example's parties and one school year, settled on a few measured rates; prints the
// rule line of the Italian report for each rate.
import { parseContract, parseEvents, renderMarkdown, settle } from "pay-by-results";
import { readFragment } from "./json-files.mjs";
import { verified } from "./worked-example.mjs";

const { baseline } = readFragment("baseline.json");
const tranche = readFragment("pricing.json");
const { caps } = readFragment("caps.json");

const contract = parseContract({
  id: "fis-dispersione-2026",
  title: "Scuola Aperta: contrasto alla dispersione scolastica",
  currency: "EUR",
  rounding: { mode: "half-even", at: "tranche" },
  term: { start: "2026-09-01", end: "2029-12-31" },
  parties: [
    { id: "fis", name: "Fondo per l'Innovazione Sociale", roles: ["outcome-payer"] },
    { id: "comune", name: "Comune di Palermo", roles: ["outcome-payer", "beneficiary"] },
    { id: "coop", name: "Cooperativa sociale Scuola Aperta (ETS)", roles: ["provider"] },
    { id: "investor", name: "Fondazione di comunità", roles: ["investor"] },
    { id: "evaluator", name: "Valutatore indipendente", roles: ["verifier"] },
  ],
  metrics: [
    { id: "dropout-rate", name: "Tasso di abbandono scolastico", unit: "%", kind: "rate", better: "lower", baseline },
  ],
  periods: [{ id: "as-2026-27", start: "2026-09-01", end: "2027-08-31" }],
  tranches: [{ id: "t1", covers: { period: "as-2026-27" }, dueDate: "2027-11-30", ...tranche }],
  caps,
});

for (const rate of ["19.2", "19.0", "17.9", "17.6", "17.0", "16.0"]) {
  const events = parseEvents(
    [verified({ id: "r1", metric: "dropout-rate", period: "as-2026-27", value: rate, recordedAt: "2027-10-28" })],
    { contract },
  );
  const report = renderMarkdown(settle(contract, events, { asOf: "2027-12-31" }), { locale: "it" });
  const rule = report.split("\n").find((line) => line.startsWith("- Regola"));
  console.log(`${rate.replace(".", ",")}%: ${rule?.slice(2)}`);
}
