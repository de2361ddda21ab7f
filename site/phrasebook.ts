import type { ReportLocale, TrancheStatus } from "../src/index.js";
import { en } from "../src/report/phrases/en.js";
import { it } from "../src/report/phrases/it.js";
import type { Phrasebook } from "../src/report/phrases/phrasebook.js";

/** The tranche statuses in a language, as the library's own reports name them (one phrasebook). */
function statusWords(book: Phrasebook): Readonly<Record<TrancheStatus, string>> {
  const statuses: readonly TrancheStatus[] = [
    "not-yet-due",
    "awaiting-verification",
    "disputed",
    "not-earned",
    "earned",
    "partly-paid",
    "paid",
  ];
  return Object.fromEntries(statuses.map((status) => [status, book.status(status)])) as Record<TrancheStatus, string>;
}

/**
 * Every word the page itself shows, in English and Italian. The settlement's own texts come from the library, in
 * the chosen language: the report (`renderHtml`), the step-by-step explanation (`explain`, `explainClaims`) and the
 * workbooks.
 */
export interface Phrases {
  readonly pageTitle: string;
  readonly intro: string;
  readonly language: string;
  readonly inputsHeading: string;
  readonly example: string;
  readonly ownFiles: string;
  readonly examples: Readonly<Record<string, string>>;
  readonly contractFile: string;
  readonly resultsFile: string;
  readonly dropHint: string;
  readonly inUse: string;
  readonly noFile: string;
  readonly asOf: string;
  readonly waiting: string;
  readonly problemsHeading: string;
  readonly problemCount: (count: number) => string;
  readonly sources: Readonly<Record<"contract" | "events" | "claims" | "asOf" | "page", string>>;
  readonly notJson: string;
  readonly settlementHeading: string;
  readonly totalsHeading: string;
  readonly tranchesHeading: string;
  readonly tranche: string;
  readonly due: string;
  readonly status: string;
  readonly statuses: Readonly<Record<TrancheStatus, string>>;
  readonly total: string;
  readonly earned: string;
  readonly paid: string;
  readonly balance: string;
  readonly pending: string;
  readonly downloadCsv: string;
  readonly downloadJson: string;
  readonly explanationHeading: string;
  readonly downloadWorkbook: string;
  readonly reportHeading: string;
  readonly claimsHeading: string;
  readonly decisions: string;
  readonly count: string;
  readonly claimsRead: string;
  readonly accepted: string;
  readonly acceptedInPart: string;
  readonly rejected: string;
  readonly totalDue: string;
  readonly payer: string;
  readonly byPayer: string;
  /** How amounts are written: the thousands and decimal separators, and whether the currency comes first. */
  readonly numbers: { readonly group: string; readonly decimal: string; readonly currencyFirst: boolean };
}

export const PHRASEBOOK: Readonly<Record<ReportLocale, Phrases>> = {
  en: {
    pageTitle: "Settle a pay-by-results contract",
    intro:
      "Pick an example or choose your own contract and its events (or, for a rate card, its claims). Everything is computed in this page: your files never leave your computer.",
    language: "Language",
    inputsHeading: "Contract and results",
    example: "Example",
    ownFiles: "— your own files —",
    examples: {
      "fis-dispersione": "FIS: early school leaving in Palermo (contract and events)",
      "health-pbf": "Health centre, performance-based financing (formulas and an amendment)",
      "rate-card": "Rate card in the style of the DWP Innovation Fund (contract and claims CSV)",
    },
    contractFile: "Contract (JSON)",
    resultsFile: "Events (JSON) or claims (CSV)",
    dropHint: "Or drop the files here: a .json object is a contract, a .json list is events, a .csv file is claims.",
    inUse: "In use",
    noFile: "none",
    asOf: "As known on",
    waiting: "Choose a contract to see its settlement.",
    problemsHeading: "Problems found",
    problemCount: (count) => (count === 1 ? "1 problem" : `${count} problems`),
    sources: {
      contract: "Contract",
      events: "Events",
      claims: "Claims",
      asOf: "As-of date",
      page: "Unexpected error",
    },
    notJson: "not valid JSON",
    settlementHeading: "Settlement",
    totalsHeading: "Totals",
    tranchesHeading: "Tranches",
    tranche: "Tranche",
    due: "Due",
    status: "Status",
    statuses: statusWords(en),
    total: "Total",
    earned: "Earned",
    paid: "Paid",
    balance: "Balance",
    pending: "pending",
    downloadCsv: "Download CSV",
    downloadJson: "Download JSON",
    explanationHeading: "Explanation, step by step",
    downloadWorkbook: "Download workbook (.xlsx)",
    reportHeading: "Report",
    claimsHeading: "Claims",
    decisions: "Decisions",
    count: "Number",
    claimsRead: "Claims read",
    accepted: "Accepted",
    acceptedInPart: "Accepted in part",
    rejected: "Rejected",
    totalDue: "Total due",
    payer: "Payer",
    byPayer: "By payer",
    numbers: { group: ",", decimal: ".", currencyFirst: true },
  },
  it: {
    pageTitle: "Liquidare un contratto pay-by-results",
    intro:
      "Scegliete un esempio oppure il vostro contratto con i suoi eventi (o, per un tariffario, le sue richieste di pagamento). Tutto è calcolato in questa pagina: i file non lasciano il vostro computer.",
    language: "Lingua",
    inputsHeading: "Contratto e risultati",
    example: "Esempio",
    ownFiles: "— file propri —",
    examples: {
      "fis-dispersione": "FIS: dispersione scolastica a Palermo (contratto ed eventi)",
      "health-pbf": "Centro sanitario, finanziamento basato sui risultati (formule e una modifica)",
      "rate-card": "Tariffario sul modello del DWP Innovation Fund (contratto e richieste CSV)",
    },
    contractFile: "Contratto (JSON)",
    resultsFile: "Eventi (JSON) o richieste di pagamento (CSV)",
    dropHint:
      "Oppure trascinate qui i file: un oggetto .json è un contratto, una lista .json sono eventi, un file .csv sono richieste.",
    inUse: "In uso",
    noFile: "nessuno",
    asOf: "Situazione al",
    waiting: "Scegliete un contratto per vederne la liquidazione.",
    problemsHeading: "Problemi trovati",
    problemCount: (count) => (count === 1 ? "1 problema" : `${count} problemi`),
    sources: {
      contract: "Contratto",
      events: "Eventi",
      claims: "Richieste di pagamento",
      asOf: "Data della situazione",
      page: "Errore imprevisto",
    },
    notJson: "JSON non valido",
    settlementHeading: "Liquidazione",
    totalsHeading: "Totali",
    tranchesHeading: "Tranche",
    tranche: "Tranche",
    due: "Scadenza",
    status: "Stato",
    statuses: statusWords(it),
    total: "Totale",
    earned: "Maturato",
    paid: "Pagato",
    balance: "Saldo",
    pending: "in attesa",
    downloadCsv: "Scarica CSV",
    downloadJson: "Scarica JSON",
    explanationHeading: "Spiegazione, passo per passo",
    downloadWorkbook: "Scarica il foglio di calcolo (.xlsx)",
    reportHeading: "Report",
    claimsHeading: "Richieste di pagamento",
    decisions: "Decisioni",
    count: "Numero",
    claimsRead: "Richieste lette",
    accepted: "Accettate",
    acceptedInPart: "Accettate in parte",
    rejected: "Respinte",
    totalDue: "Totale dovuto",
    payer: "Pagatore",
    byPayer: "Per pagatore",
    numbers: { group: ".", decimal: ",", currencyFirst: false },
  },
};
