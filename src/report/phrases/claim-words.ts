import type { ClaimCapKind, ClaimDecision, ClaimRejectionReason, ClaimStatus } from "../../claims/claim-types.js";
import { plainMarks, type ReportLocale } from "../style.js";

/**
 * What the claims texts say (`explainClaims`, `explainClaimDecision`), in one language. Counts and amounts are
 * written by the caller in the text's style; these are the words around them.
 */
export interface ClaimWords {
  readonly locale: ReportLocale;
  heading(contractId: string, asOf: string, currency: string, by: "month" | "quarter"): string;
  read(received: string, accepted: string, inPart: string, rejected: string, repeats: string): string;
  rejectedBy(reasons: string): string;
  /** A rejection reason in a summary: its name and code. */
  reason(code: ClaimRejectionReason): string;
  readonly byOutcome: string;
  outcome(code: string, name: string, claims: string, amount: string): string;
  readonly byPeriod: string;
  period(period: string, start: string, end: string, claims: string, due: string, split: string): string;
  readonly byPayer: string;
  readonly caps: string;
  capName(cap: ClaimCapKind): string;
  /** A cap's limit: a claim count for the outcome volume cap. */
  claimCount(count: string): string;
  capUse(name: string, limit: string, claims: string, cut: string): string;
  total(total: string, participants: string): string;
  /** `1 claim`, `3 claims`. */
  claims(count: number, shown: string): string;
  participants(count: number, shown: string): string;
  // one decision
  decision(decision: ClaimDecision): string;
  status(status: ClaimStatus): string;
  price(price: string): string;
  topUp(priced: string): string;
  cut(name: string, limit: string, usedBefore: string, before: string, after: string): string;
  pays(amount: string): string;
  /** Why a claim was rejected: the claims layer's message, or its words in the language from its figures. */
  message(decision: ClaimDecision): string;
}

const CAP_EN: Record<ClaimCapKind, string> = {
  participant: "cap per participant",
  "outcome-volume": "volume cap of outcome",
  period: "cap of claim period",
  contract: "contract cap",
};

/** English. */
export const claimsEn: ClaimWords = {
  locale: "en",
  heading: (id, asOf, currency, by) => `Claims under ${id} as of ${asOf} (${currency}, claim periods by ${by})`,
  read: (received, accepted, inPart, rejected, repeats) =>
    `Read ${received}: ${accepted} accepted, ${inPart} accepted in part, ${rejected} rejected, ${repeats} repeats ignored`,
  rejectedBy: (reasons) => `Rejected: ${reasons}`,
  reason: (code) => code,
  byOutcome: "By outcome:",
  outcome: (code, name, claims, amount) => `${code} (${name}): ${claims} paid, ${amount}`,
  byPeriod: "Due by claim period:",
  period: (period, start, end, claims, due, split) => `${period} (${start} to ${end}): ${claims}, ${due} = ${split}`,
  byPayer: "By payer:",
  caps: "Caps that cut claims:",
  capName: (cap) => CAP_EN[cap],
  claimCount: (count) => `${count} claims`,
  capUse: (name, limit, claims, cut) => `${name} (${limit}): cut ${claims} by ${cut}`,
  total: (total, participants) => `Total due: ${total} for ${participants}`,
  claims: (count, shown) => `${shown} ${count === 1 ? "claim" : "claims"}`,
  participants: (count, shown) => `${shown} ${count === 1 ? "participant" : "participants"}`,
  decision: (d) =>
    `Claim ${d.claimId} (participant ${d.participant}, ${d.outcome} achieved ${d.achievedOn}, claimed ${d.claimedOn}, period ${d.period}${d.dependsOn !== undefined && d.status !== "rejected" ? `, after claim ${d.dependsOn}` : ""})`,
  status: (status) => status,
  price: (price) => `price ${price}`,
  topUp: (priced) => `priced ${priced} as a top-up of its ladder`,
  cut: (name, limit, usedBefore, before, after) =>
    `${name} (limit ${limit}, used before ${usedBefore}): ${before} → ${after}`,
  pays: (amount) => `pays ${amount}`,
  message: (decision) => decision.message ?? "",
};

const CAP_IT: Record<ClaimCapKind, string> = {
  participant: "massimale per partecipante",
  "outcome-volume": "massimale di volume dell'esito",
  period: "massimale del periodo di richiesta",
  contract: "massimale del contratto",
};

const STATUS_IT: Record<ClaimStatus, string> = {
  accepted: "accolta",
  "accepted-in-part": "accolta in parte",
  rejected: "respinta",
};

const REASON_IT: Record<ClaimRejectionReason, string> = {
  unknown_outcome: "esito sconosciuto",
  unknown_participant: "partecipante sconosciuto",
  conflicting_duplicate: "duplicato in conflitto",
  claimed_after_as_of: "richiesta dopo la data della liquidazione",
  achieved_after_claimed: "conseguito dopo la richiesta",
  outside_term: "fuori dalla durata del contratto",
  enrolment_mismatch: "iscrizione discordante",
  achieved_before_enrolment: "conseguito prima dell'iscrizione",
  enrolment_unknown: "iscrizione non nota",
  prerequisite_missing: "prerequisito mancante",
  outside_window: "fuori dalla finestra",
  holding_period_not_met: "periodo di mantenimento non compiuto",
  claim_limit_reached: "limite di richieste raggiunto",
  superseded_in_group: "superato nel gruppo esclusivo",
  participant_cap_reached: "massimale per partecipante raggiunto",
  outcome_volume_reached: "volume dell'esito raggiunto",
  period_cap_reached: "massimale del periodo raggiunto",
  contract_cap_reached: "massimale del contratto raggiunto",
};

/** The numbers of an English message (`1,234.50`) with Italian marks (`1.234,50`); dates stay ISO. */
const marks = (text: string) =>
  text.replace(/(?<![0-9-])-?[0-9]{1,3}(?:,[0-9]{3})*(?:\.[0-9]+)?(?![0-9-])/g, (found) =>
    plainMarks(found.replaceAll(",", ""), "it"),
  );

/** A holding period's unit in Italian: "13 weeks" → "13 settimane". */
const unitIt = (count: string, unit: string) => {
  const one = count === "1";
  if (unit.startsWith("day")) return one ? "giorno" : "giorni";
  if (unit.startsWith("week")) return one ? "settimana" : "settimane";
  return one ? "mese" : "mesi";
};

/** The caps as the claims layer's messages name them, in Italian. */
const CAP_MESSAGE_IT: readonly [RegExp, string][] = [
  [/^the cap per participant$/, "dal massimale per partecipante"],
  [/^the cap of claim period (.+)$/, "dal massimale del periodo di richiesta $1"],
  [/^the contract cap of (.+)$/, "dal massimale del contratto $1"],
];

/**
 * The claims layer's rejection messages (claims/decision-messages.ts), each rebuilt in Italian from the figures it
 * states. A message of another form is said by its reason alone.
 */
const MESSAGES_IT: readonly [RegExp, (...parts: string[]) => string][] = [
  [
    /^claimed on (\S+), after the settlement date (\S+): not yet known$/,
    (c, d) => `richiesta il ${c}, dopo la data della liquidazione ${d}: non ancora nota`,
  ],
  [
    /^unknown outcome "(.*)": the rate card has (.*)$/,
    (o, list) => `esito sconosciuto "${o}": il tariffario prevede ${list}`,
  ],
  [
    /^participant "(.*)" is not in the participant register$/,
    (p) => `il partecipante "${p}" non è nel registro dei partecipanti`,
  ],
  [
    /^the claim says enrolled on (\S+), the register says (\S+)$/,
    (a, b) => `la richiesta indica l'iscrizione il ${a}, il registro il ${b}`,
  ],
  [/^achieved on (\S+), after it was claimed on (\S+)$/, (a, c) => `conseguito il ${a}, dopo la richiesta del ${c}`],
  [
    /^achieved on (\S+), outside the contract term (\S+) to (\S+)$/,
    (a, s, e) => `conseguito il ${a}, fuori dalla durata del contratto, dal ${s} al ${e}`,
  ],
  [
    /^claim id "(.*)" is used by claims with different content: none of them is paid until one is withdrawn$/,
    (id) =>
      `l'identificativo "${id}" è usato da richieste con contenuti diversi: nessuna è pagata finché una non viene ritirata`,
  ],
  [
    /^achieved on (\S+), before the participant was enrolled on (\S+)$/,
    (a, e) => `conseguito il ${a}, prima dell'iscrizione del partecipante il ${e}`,
  ],
  [
    /^outcome (\S+) must be achieved within (\d+) months of enrolment, and the enrolment date is not known$/,
    (o, m) => `l'esito ${o} va conseguito entro ${m} mesi dall'iscrizione, e la data di iscrizione non è nota`,
  ],
  [
    /^outcome (\S+) must be held (\d+) (days?|weeks?|months?) after enrolment, and the enrolment date is not known$/,
    (o, n, unit) =>
      `l'esito ${o} deve essere mantenuto ${n} ${unitIt(n!, unit!)} dall'iscrizione, e la data di iscrizione non è nota`,
  ],
  [
    /^outcome (\S+) can only be claimed after (\S+), which the participant has not achieved on or before (\S+)$/,
    (o, r, a) => `l'esito ${o} si può richiedere solo dopo ${r}, che il partecipante non ha conseguito entro il ${a}`,
  ],
  [
    /^outcome (\S+) can only be claimed after one of (.+), and the participant has achieved none of them on or before (\S+)$/,
    (o, list, a) =>
      `l'esito ${o} si può richiedere solo dopo uno tra ${list}, e il partecipante non ne ha conseguito nessuno entro il ${a}`,
  ],
  [
    /^achieved on (\S+), after the window of (\d+) months from (achieving (\S+)(?: \(claim (\S+)\))?|enrolment) closed on (\S+)$/,
    (a, m, _from, after, claim, closed) =>
      `conseguito il ${a}, dopo la chiusura il ${closed} della finestra di ${m} mesi ${after === undefined ? "dall'iscrizione" : `dal conseguimento di ${after}${claim === undefined ? "" : ` (richiesta ${claim})`}`}`,
  ],
  [
    /^achieved on (\S+), before the holding period of (\d+) (days?|weeks?|months?) from (achieving (\S+)(?: \(claim (\S+)\))?|enrolment) was over: the earliest day it counts is (\S+)$/,
    (a, n, unit, _from, after, claim, earliest) =>
      `conseguito il ${a}, prima della fine del periodo di mantenimento di ${n} ${unitIt(n!, unit!)} ${after === undefined ? "dall'iscrizione" : `dal conseguimento di ${after}${claim === undefined ? "" : ` (richiesta ${claim})`}`}: il primo giorno valido è il ${earliest}`,
  ],
  [
    /^outcome (\S+) is paid at most (\d+) times? per participant, already reached(?: \(claim (\S+)\))?$/,
    (o, n, claim) =>
      `l'esito ${o} si paga al più ${n} ${n === "1" ? "volta" : "volte"} per partecipante: limite già raggiunto${claim === undefined ? "" : ` (richiesta ${claim})`}`,
  ],
  [
    /^exclusive group (\S+): an outcome at or above (\S+) was already priced at (.+) for this participant(?: by claim (\S+))?, so (\S+) adds nothing$/,
    (g, o, price, claim, same) =>
      `gruppo esclusivo ${g}: un esito pari o superiore a ${o} è già stato pagato ${marks(price!)} per questo partecipante${claim === undefined ? "" : ` con la richiesta ${claim}`}, quindi ${same} non aggiunge nulla`,
  ],
  [
    /^the volume cap of outcome (\S+) \((\d+) claims\) is reached: (\d+) claims already paid$/,
    (o, n, used) => `il massimale di volume dell'esito ${o} (${n} richieste) è raggiunto: ${used} richieste già pagate`,
  ],
  [
    /^cut by (.+) \((.+)\): (.+) was left of it, so (.+) became (.+)$/,
    (name, limit, left, before, after) => {
      const cap = CAP_MESSAGE_IT.find(([pattern]) => pattern.test(name!));
      const named = cap === undefined ? name! : name!.replace(cap[0], cap[1]);
      return `ridotta ${named} (${marks(limit!)}): ne restavano ${marks(left!)}, quindi ${marks(before!)} è diventato ${marks(after!)}`;
    },
  ],
  [/^a cap was reached$/, () => "è stato raggiunto un massimale"],
];

/** A rejection's message in Italian. */
function messageIt(decision: ClaimDecision): string {
  const message = decision.message ?? "";
  for (const [pattern, say] of MESSAGES_IT) {
    const found = pattern.exec(message);
    if (found !== null) return say(...found.slice(1));
  }
  return decision.reason === undefined ? "" : REASON_IT[decision.reason];
}

/** Italiano. */
export const claimsIt: ClaimWords = {
  locale: "it",
  heading: (id, asOf, currency, by) =>
    `Richieste di pagamento per ${id} al ${asOf} (${currency}, periodi di richiesta per ${by === "month" ? "mese" : "trimestre"})`,
  read: (received, accepted, inPart, rejected, repeats) =>
    `Lette ${received}: ${accepted} accolte, ${inPart} accolte in parte, ${rejected} respinte, ${repeats} ripetizioni ignorate`,
  rejectedBy: (reasons) => `Respinte: ${reasons}`,
  reason: (code) => `${REASON_IT[code] ?? code} (${code})`,
  byOutcome: "Per esito:",
  outcome: (code, name, claims, amount) => `${code} (${name}): ${claims} pagate, ${amount}`,
  byPeriod: "Dovuto per periodo di richiesta:",
  period: (period, start, end, claims, due, split) =>
    `${period} (dal ${start} al ${end}): ${claims}, ${due} = ${split}`,
  byPayer: "Per pagatore:",
  caps: "Massimali che hanno ridotto le richieste:",
  capName: (cap) => CAP_IT[cap],
  claimCount: (count) => `${count} richieste`,
  capUse: (name, limit, claims, cut) => `${name} (${limit}): ridotte ${claims} di ${cut}`,
  total: (total, participants) => `Totale dovuto: ${total} per ${participants}`,
  claims: (count, shown) => `${shown} ${count === 1 ? "richiesta" : "richieste"}`,
  participants: (count, shown) => `${shown} ${count === 1 ? "partecipante" : "partecipanti"}`,
  decision: (d) =>
    `Richiesta ${d.claimId} (partecipante ${d.participant}, ${d.outcome} conseguito il ${d.achievedOn}, richiesto il ${d.claimedOn}, periodo ${d.period}${d.dependsOn !== undefined && d.status !== "rejected" ? `, dopo la richiesta ${d.dependsOn}` : ""})`,
  status: (status) => STATUS_IT[status],
  price: (price) => `prezzo ${price}`,
  topUp: (priced) => `pagata ${priced} a integrazione del gradino già pagato`,
  cut: (name, limit, usedBefore, before, after) =>
    `${name} (limite ${limit}, già utilizzati ${usedBefore}): ${before} → ${after}`,
  pays: (amount) => `paga ${amount}`,
  message: messageIt,
};

/**
 * The claims words in a language: the claims texts' phrasebook. It lives apart from the settlement's (`phrasebookOf`)
 * so that a bundle that explains settlements does not carry the claims words.
 */
export function claimWordsOf(locale: ReportLocale): ClaimWords {
  return locale === "it" ? claimsIt : claimsEn;
}
