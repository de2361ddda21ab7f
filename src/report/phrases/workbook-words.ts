import type { ReportLocale } from "../style.js";

/**
 * The names of a workbook's sheets and columns (`settlementWorkbook`, `claimsWorkbook` of `pay-by-results/node`), in
 * one language. A sheet name has at most 31 characters and none of `[ ] : * ? / \` (a spreadsheet's rule).
 */
export interface WorkbookWords {
  readonly locale: ReportLocale;
  /** The column beside an amount that keeps its exact decimal, as text: `earned (exact)`. */
  exact(column: string): string;
  readonly sheets: {
    readonly tranches: string;
    readonly lines: string;
    readonly totals: string;
    readonly byPayer: string;
    readonly byRecipient: string;
    readonly derivation: string;
    readonly decisions: string;
    readonly participants: string;
    readonly outcomes: string;
    readonly periods: string;
    readonly payers: string;
    readonly caps: string;
    readonly summary: string;
  };
  readonly columns: {
    readonly tranche: string;
    readonly label: string;
    readonly covers: string;
    readonly dueDate: string;
    readonly payableFrom: string;
    readonly status: string;
    readonly reason: string;
    readonly priced: string;
    readonly earned: string;
    readonly paid: string;
    readonly balance: string;
    readonly clawback: string;
    readonly payer: string;
    readonly payerName: string;
    readonly recipient: string;
    readonly recipientName: string;
    readonly party: string;
    readonly name: string;
    readonly item: string;
    readonly amount: string;
    readonly count: string;
    readonly step: string;
    readonly text: string;
    readonly claim: string;
    readonly participant: string;
    readonly outcome: string;
    readonly achievedOn: string;
    readonly claimedOn: string;
    readonly period: string;
    readonly price: string;
    readonly rejection: string;
    readonly message: string;
    readonly claimsPaid: string;
    readonly start: string;
    readonly end: string;
    readonly due: string;
    readonly share: string;
    readonly cap: string;
    readonly limit: string;
    readonly claimsCut: string;
    readonly cut: string;
  };
  /** The rows of a settlement's totals sheet. */
  readonly totals: {
    readonly earned: string;
    readonly paid: string;
    readonly balance: string;
    readonly paidOnPending: string;
    readonly pendingTranches: string;
  };
  /** The rows of a claims settlement's summary sheet. */
  readonly summary: {
    readonly contract: string;
    readonly asOf: string;
    readonly currency: string;
    readonly received: string;
    readonly repeatsIgnored: string;
    readonly accepted: string;
    readonly acceptedInPart: string;
    readonly rejected: string;
    readonly total: string;
  };
}

/** English. */
export const workbookEn: WorkbookWords = {
  locale: "en",
  exact: (column) => `${column} (exact)`,
  sheets: {
    tranches: "Tranches",
    lines: "Payer → recipient",
    totals: "Totals",
    byPayer: "By payer",
    byRecipient: "By recipient",
    derivation: "Derivation",
    decisions: "Decisions",
    participants: "Participants",
    outcomes: "By outcome",
    periods: "By claim period",
    payers: "By payer",
    caps: "Caps",
    summary: "Summary",
  },
  columns: {
    tranche: "tranche",
    label: "label",
    covers: "covers",
    dueDate: "due date",
    payableFrom: "payable from",
    status: "status",
    reason: "why",
    priced: "priced",
    earned: "earned",
    paid: "paid",
    balance: "balance",
    clawback: "owed back",
    payer: "payer",
    payerName: "payer's name",
    recipient: "recipient",
    recipientName: "recipient's name",
    party: "party",
    name: "name",
    item: "item",
    amount: "amount",
    count: "count",
    step: "step",
    text: "text",
    claim: "claim",
    participant: "participant",
    outcome: "outcome",
    achievedOn: "achieved on",
    claimedOn: "claimed on",
    period: "claim period",
    price: "price",
    rejection: "rejection",
    message: "message",
    claimsPaid: "claims paid",
    start: "start",
    end: "end",
    due: "due",
    share: "share",
    cap: "cap",
    limit: "limit",
    claimsCut: "claims cut",
    cut: "cut",
  },
  totals: {
    earned: "earned on the settled tranches",
    paid: "paid on all tranches",
    balance: "balance on the settled tranches",
    paidOnPending: "paid on the pending tranches",
    pendingTranches: "pending tranches",
  },
  summary: {
    contract: "contract",
    asOf: "as of",
    currency: "currency",
    received: "claims read",
    repeatsIgnored: "repeats ignored",
    accepted: "accepted",
    acceptedInPart: "accepted in part",
    rejected: "rejected",
    total: "total due",
  },
};

/** Italiano. */
export const workbookIt: WorkbookWords = {
  locale: "it",
  exact: (column) => `${column} (esatto)`,
  sheets: {
    tranches: "Tranche",
    lines: "Pagatore → destinatario",
    totals: "Totali",
    byPayer: "Per pagatore",
    byRecipient: "Per destinatario",
    derivation: "Calcolo",
    decisions: "Decisioni",
    participants: "Partecipanti",
    outcomes: "Per esito",
    periods: "Per periodo di richiesta",
    payers: "Per pagatore",
    caps: "Massimali",
    summary: "Riepilogo",
  },
  columns: {
    tranche: "tranche",
    label: "etichetta",
    covers: "copre",
    dueDate: "scadenza",
    payableFrom: "pagabile dal",
    status: "stato",
    reason: "motivo",
    priced: "valorizzato",
    earned: "maturato",
    paid: "pagato",
    balance: "saldo",
    clawback: "da restituire",
    payer: "pagatore",
    payerName: "nome del pagatore",
    recipient: "destinatario",
    recipientName: "nome del destinatario",
    party: "parte",
    name: "nome",
    item: "voce",
    amount: "importo",
    count: "numero",
    step: "passo",
    text: "testo",
    claim: "richiesta",
    participant: "partecipante",
    outcome: "esito",
    achievedOn: "conseguito il",
    claimedOn: "richiesto il",
    period: "periodo di richiesta",
    price: "prezzo",
    rejection: "rifiuto",
    message: "spiegazione",
    claimsPaid: "richieste pagate",
    start: "inizio",
    end: "fine",
    due: "dovuto",
    share: "quota",
    cap: "massimale",
    limit: "limite",
    claimsCut: "richieste ridotte",
    cut: "riduzione",
  },
  totals: {
    earned: "maturato sulle tranche con risultati definiti",
    paid: "pagato su tutte le tranche",
    balance: "saldo sulle tranche con risultati definiti",
    paidOnPending: "pagato sulle tranche in attesa",
    pendingTranches: "tranche in attesa",
  },
  summary: {
    contract: "contratto",
    asOf: "situazione al",
    currency: "valuta",
    received: "richieste lette",
    repeatsIgnored: "ripetizioni ignorate",
    accepted: "accolte",
    acceptedInPart: "accolte in parte",
    rejected: "respinte",
    total: "totale dovuto",
  },
};

/**
 * The workbook's words in a language. They live apart from the phrasebook (`phrasebookOf`) so that the core entry,
 * which never writes a workbook, does not carry them: only `pay-by-results/node` imports this module.
 */
export function workbookWordsOf(locale: ReportLocale): WorkbookWords {
  return locale === "it" ? workbookIt : workbookEn;
}
