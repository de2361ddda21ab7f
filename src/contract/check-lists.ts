import { compare, EXACT_ZERO, exactOfText, plus } from "../formula/exact.js";
import { EXACT_ONE, percentText } from "./check-amounts.js";
import type { Party, Share } from "./types.js";

/** The checks of a contract's lists: ids used once, shares that add up to 100%. @internal */

type Path = readonly (string | number)[];
type Report = (path: Path, code: string, message: string) => void;

/**
 * The check of a list of shares, a tranche's payers or recipients or a rate card's payers (`what` names the
 * thing paid, e.g. "this tranche"): each party known (`unknown_party`), in a role that pays (`not_a_payer`) or
 * receives (`not_a_recipient`), listed once (`duplicate_party`), and the shares adding up to 100%
 * (`shares_not_100`).
 */
export function sharesCheck(report: Report, parties: ReadonlyMap<string, Party>) {
  return (path: Path, shares: readonly Share[], side: "payers" | "recipients", what: string): void => {
    let total = EXACT_ZERO;
    const seen = new Set<string>();
    shares.forEach((entry, index) => {
      const at = [...path, index, "party"];
      const party = parties.get(entry.party);
      if (party === undefined) {
        report(at, "unknown_party", `unknown party "${entry.party}": declare it under parties`);
      } else if (side === "payers" && !party.roles.includes("outcome-payer")) {
        report(at, "not_a_payer", `party "${entry.party}" pays ${what} but lacks the role outcome-payer`);
      } else if (
        side === "recipients" &&
        !party.roles.some((role) => role === "provider" || role === "investor" || role === "intermediary")
      ) {
        report(
          at,
          "not_a_recipient",
          `party "${entry.party}" receives ${what} but is not a provider, investor or intermediary`,
        );
      }
      if (seen.has(entry.party)) report(at, "duplicate_party", `party "${entry.party}" is listed twice`);
      seen.add(entry.party);
      total = plus(total, exactOfText(entry.share) ?? EXACT_ZERO);
    });
    if (compare(total, EXACT_ONE) !== 0) {
      report(path, "shares_not_100", `the ${side}' shares add up to ${percentText(total)}%, not 100%`);
    }
  };
}

/**
 * The check that the ids (or codes) of a list are unique (`duplicate_id`, at the second use, naming the first):
 * `path` is the list's, `what` names an item ("formula", "outcome"). Returns each id's first index.
 */
export function firstIndexes<K extends string>(
  report: Report,
  list: readonly Readonly<Record<K, string>>[],
  path: Path,
  what: string,
  key: K,
): Map<string, number> {
  const first = new Map<string, number>();
  list.forEach((item, index) => {
    const id = item[key];
    const at = first.get(id);
    if (at === undefined) first.set(id, index);
    else
      report(
        [...path, index, key],
        "duplicate_id",
        `${what} ${key} "${id}" is already used by ${path.join(".")}[${at}]`,
      );
  });
  return first;
}
