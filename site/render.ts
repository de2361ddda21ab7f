import type { ClaimSettlement, Contract, Money, Settlement } from "../src/index.js";
import { element, row, table } from "./dom.js";
import { formatCount, formatMoney } from "./format-numbers.js";
import type { Phrases } from "./phrasebook.js";
import { NOT_JSON, type ProblemGroup } from "./settle-files.js";

/** Every problem, grouped by the file (or the date) it is about: its JSON path beside its message. */
export function problemsView(groups: readonly ProblemGroup[], phrases: Phrases): HTMLElement[] {
  return groups.map((group) => {
    const source = phrases.sources[group.source];
    const title = group.fileName === undefined ? source : `${source}: ${group.fileName}`;
    const items = group.problems.map((problem) =>
      element(
        "li",
        { class: "problem" },
        element("code", { class: "problem-path" }, problem.at),
        " ",
        element(
          "span",
          { class: "problem-message" },
          problem.code === NOT_JSON ? `${phrases.notJson}: ${problem.message}` : problem.message,
        ),
      ),
    );
    return element(
      "section",
      { class: "problem-group", "data-source": group.source },
      element("h3", {}, `${title} (${phrases.problemCount(group.problems.length)})`),
      element("ul", {}, ...items),
    );
  });
}

/** The settlement's totals, per payer, and each tranche's status and amounts. */
export function settlementView(settlement: Settlement, phrases: Phrases): HTMLElement[] {
  const nameOf = partyNames(settlement.parties);
  const amounts = (earned: Money | null, paid: Money, balance: Money | null) => [
    moneyCell(earned, phrases),
    moneyCell(paid, phrases),
    moneyCell(balance, phrases),
  ];
  const { totals } = settlement;
  const totalRows = [
    row({ "data-row": "total" }, phrases.total, ...amounts(totals.earned, totals.paid, totals.balance)),
    ...totals.byPayer.map((payer) =>
      row({ "data-payer": payer.party }, nameOf(payer.party), ...amounts(payer.earned, payer.paid, payer.balance)),
    ),
  ];
  const trancheRows = settlement.tranches.map((tranche) =>
    row(
      { "data-tranche": tranche.id },
      tranche.label === undefined ? tranche.id : `${tranche.id} — ${tranche.label}`,
      element("td", { class: "date" }, tranche.dueDate),
      element("td", { "data-status": tranche.status }, phrases.statuses[tranche.status]),
      ...amounts(tranche.amountEarned, tranche.amountPaid, tranche.balance),
    ),
  );
  return [
    table(phrases.totalsHeading, [phrases.payer, phrases.earned, phrases.paid, phrases.balance], totalRows),
    table(
      phrases.tranchesHeading,
      [phrases.tranche, phrases.due, phrases.status, phrases.earned, phrases.paid, phrases.balance],
      trancheRows,
    ),
  ];
}

/** A rate card's claims: how many were read and decided how, the total due and each payer's part. */
export function claimsView(contract: Contract, settlement: ClaimSettlement, phrases: Phrases): HTMLElement[] {
  const nameOf = partyNames(contract.parties);
  const { counts } = settlement;
  const count = (key: string, heading: string, value: number) =>
    row(
      { "data-count": key },
      heading,
      element("td", { "data-value": String(value) }, formatCount(value, phrases.numbers)),
    );
  const payerRows = settlement.byPayer.map((payer) =>
    row({ "data-payer": payer.party }, nameOf(payer.party), moneyCell(payer.due, phrases)),
  );
  return [
    table(
      phrases.decisions,
      [phrases.claimsHeading, phrases.count],
      [
        count("received", phrases.claimsRead, counts.received),
        count("accepted", phrases.accepted, counts.accepted),
        count("acceptedInPart", phrases.acceptedInPart, counts.acceptedInPart),
        count("rejected", phrases.rejected, counts.rejected),
      ],
    ),
    table(
      phrases.byPayer,
      [phrases.payer, phrases.totalDue],
      [row({ "data-row": "total" }, phrases.total, moneyCell(settlement.total, phrases)), ...payerRows],
    ),
  ];
}

/** A party's name from its id (the id itself for a party not listed). */
function partyNames(parties: readonly { readonly id: string; readonly name: string }[]): (id: string) => string {
  const names = new Map(parties.map((party) => [party.id, party.name]));
  return (id) => names.get(id) ?? id;
}

/** An amount's cell: the amount written for the reader, the library's exact figure in `data-amount`. */
function moneyCell(money: Money | null, phrases: Phrases): HTMLTableCellElement {
  if (money === null) return element("td", { class: "pending" }, phrases.pending);
  return element("td", { class: "amount", "data-amount": money.amount }, formatMoney(money, phrases.numbers));
}
