import type { ReportLocale } from "../report/style.js";
import { ownValue } from "../util/own.js";

/**
 * What a programme profile's findings say, in one language: a sentence per finding code, built from the
 * finding's details. The checks (check-profile.ts) decide what is missing; the phrasebooks only say it, so the
 * English and Italian reports always name the same roles, parties and areas.
 */

/** The partner roles a FIS project must have, in the contract format's role names. */
export type FisRole = "beneficiary" | "provider" | "investor" | "verifier";

/** The three FIS areas, as contract `area` ids. */
export const FIS_AREAS = Object.freeze(["social-inclusion", "cultural-animation", "early-school-leaving"] as const);
/** One of the three FIS areas. */
export type FisArea = (typeof FIS_AREAS)[number];

/** The details a finding carries, by code. */
export type FindingDetail =
  | { readonly code: "missing_role"; readonly role: FisRole }
  | { readonly code: "evaluator_not_independent"; readonly party: string; readonly otherRoles: readonly string[] }
  | { readonly code: "too_few_partners"; readonly partners: number }
  | { readonly code: "missing_area" }
  | { readonly code: "unknown_area"; readonly area: string }
  | { readonly code: "investor_without_commitment"; readonly party: string }
  | { readonly code: "no_measurement_plan"; readonly stage: string };

export interface ProfilePhrasebook {
  finding(detail: FindingDetail): string;
  readonly severity: { readonly missing: string; readonly advice: string };
  heading(profile: string, contractId: string, stage: string): string;
  verdict(passed: boolean, missing: number): string;
}

const ROLE_EN: Record<FisRole, string> = {
  beneficiary: "the beneficiary administration (a party with the role beneficiary: the Comune or Città metropolitana)",
  provider:
    "a service provider (a party with the role provider, e.g. the Third Sector body that delivers the programme)",
  investor: "a private investor or funder (a party with the role investor)",
  verifier: "an independent evaluator (a party with the role verifier)",
};
const ROLE_IT: Record<FisRole, string> = {
  beneficiary:
    "l'amministrazione beneficiaria (una parte con il ruolo beneficiary: il Comune o la Città metropolitana)",
  provider:
    "un soggetto che eroga il servizio (una parte con il ruolo provider, ad esempio l'ente del Terzo settore che attua il programma)",
  investor: "un investitore o finanziatore privato (una parte con il ruolo investor)",
  verifier: "un valutatore indipendente (una parte con il ruolo verifier)",
};
const AREAS_EN =
  "social-inclusion (social inclusion), cultural-animation (cultural animation) or early-school-leaving (early school leaving)";
const AREAS_IT =
  "social-inclusion (inclusione sociale), cultural-animation (animazione culturale) o early-school-leaving (dispersione scolastica)";

const en: ProfilePhrasebook = {
  finding(detail) {
    switch (detail.code) {
      case "missing_role":
        return `Missing partner: ${ROLE_EN[detail.role]}. Every FIS project needs four partners: the beneficiary administration, a provider, an investor or funder, and an evaluator.`;
      case "evaluator_not_independent":
        return `The evaluator "${detail.party}" also plays the role ${detail.otherRoles.join(", ")}: the FIS evaluator must be independent of the administration, the provider and the investors.`;
      case "too_few_partners":
        return `The four FIS roles are held by only ${detail.partners} distinct parties: the programme asks for at least four partners.`;
      case "missing_area":
        return `The contract does not say its FIS area: set "area" to ${AREAS_EN}.`;
      case "unknown_area":
        return `"${detail.area}" is not a FIS area: use ${AREAS_EN}.`;
      case "investor_without_commitment":
        return `The investor "${detail.party}" has no commitment in the finance section: at the pay-by-results stage, say what it pre-funds (finance.investors).`;
      case "no_measurement_plan":
        return `At the ${detail.stage} stage the feasibility study must define the model for measuring impact: add a measurementPlan.`;
    }
  },
  severity: { missing: "missing", advice: "advice" },
  heading: (profile, contractId, stage) => `${profile.toUpperCase()} profile of ${contractId} (stage: ${stage})`,
  verdict: (passed, missing) =>
    passed
      ? "Meets the programme's rules."
      : `Does not meet the programme's rules: ${missing === 1 ? "1 thing is" : `${missing} things are`} missing.`,
};

const STAGE_IT: Readonly<Record<string, string>> = {
  design: "progettazione (studio di fattibilità)",
  experiment: "sperimentazione",
  "pay-by-results": "pagamento sui risultati",
};

const it: ProfilePhrasebook = {
  finding(detail) {
    switch (detail.code) {
      case "missing_role":
        return `Manca un partner: ${ROLE_IT[detail.role]}. Ogni progetto FIS richiede quattro partner: l'amministrazione beneficiaria, un soggetto erogatore, un investitore o finanziatore e un valutatore.`;
      case "evaluator_not_independent":
        return `Il valutatore "${detail.party}" ha anche il ruolo ${detail.otherRoles.join(", ")}: il valutatore del FIS deve essere indipendente dall'amministrazione, dall'erogatore e dagli investitori.`;
      case "too_few_partners":
        return `I quattro ruoli del FIS sono coperti da sole ${detail.partners} parti distinte: il programma chiede almeno quattro partner.`;
      case "missing_area":
        return `Il contratto non indica l'ambito FIS: impostare "area" a ${AREAS_IT}.`;
      case "unknown_area":
        return `"${detail.area}" non è un ambito del FIS: usare ${AREAS_IT}.`;
      case "investor_without_commitment":
        return `L'investitore "${detail.party}" non ha impegni nella sezione finance: nella fase di pagamento sui risultati indicare che cosa prefinanzia (finance.investors).`;
      case "no_measurement_plan":
        return `Nella fase di ${ownValue(STAGE_IT, detail.stage) ?? detail.stage} lo studio di fattibilità deve definire il modello di misurazione dell'impatto: aggiungere un measurementPlan.`;
    }
  },
  severity: { missing: "mancante", advice: "suggerimento" },
  heading: (profile, contractId, stage) =>
    `Profilo ${profile.toUpperCase()} di ${contractId} (fase: ${ownValue(STAGE_IT, stage) ?? stage})`,
  verdict: (passed, missing) =>
    passed
      ? "Rispetta le regole del programma."
      : `Non rispetta le regole del programma: ${missing === 1 ? "manca 1 elemento" : `mancano ${missing} elementi`}.`,
};

/** The profile phrasebook of a locale. */
export function profilePhrasebook(locale: ReportLocale): ProfilePhrasebook {
  return locale === "it" ? it : en;
}
