import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  explainClaimDecision,
  parseContract,
  settleClaims,
  type Claim,
  type ClaimSettlement,
  type RateCard,
} from "../../src/index.js";

/**
 * The worked examples of docs/rate-cards.md, read from the page: each `{ asOf, rateCard, claims }` file block is
 * settled by the library's sources as test/docs/pages/docs_rate-cards/settle-example.mjs settles it (against the
 * built package) and must print the page's output block, line for line. So the page's order of same-day claims
 * is the engine's.
 */

const PAGE = readFileSync(new URL("../../docs/rate-cards.md", import.meta.url), "utf8");

/** The body of the fenced block on the line after `directive`. */
function blockAfter(directive: string): string {
  const lines = PAGE.split("\n");
  const at = lines.findIndex((line) => line.trim() === directive);
  if (at < 0) throw new Error(`docs/rate-cards.md has no "${directive}"`);
  let open = at + 1;
  while (!lines[open]!.startsWith("```")) open += 1;
  const close = lines.findIndex((line, index) => index > open && line.startsWith("```"));
  return lines.slice(open + 1, close).join("\n");
}

/** The page's example file `name`, settled as settle-example.mjs settles it. */
function settleExample(name: string): { settlement: ClaimSettlement; printed: string[]; expected: string[] } {
  const { asOf, rateCard, claims } = JSON.parse(blockAfter(`<!-- test: file ${name} -->`)) as {
    asOf: string;
    rateCard: RateCard;
    claims: Claim[];
  };
  const contract = parseContract({
    id: "example",
    title: "A rate card of the page",
    currency: "GBP",
    rounding: { mode: "half-even", at: "tranche" },
    term: { start: "2012-04-01", end: "2015-09-30" },
    parties: [{ id: "dwp", name: "Department for Work and Pensions", roles: ["outcome-payer"] }],
    metrics: [],
    periods: [],
    tranches: [],
    rateCard,
  });
  const settlement = settleClaims(contract, claims, { asOf });
  const printed = [
    ...settlement.decisions!.map((decision) => explainClaimDecision(decision, "GBP")),
    `Total due: GBP ${settlement.total.amount}`,
  ].flatMap((text) => text.split("\n"));
  // The run's output block: the directive after the run, then the block.
  const lines = PAGE.split("\n");
  const run = lines.findIndex((line) => line.trim() === `<!-- test: run node settle-example.mjs ${name} -->`);
  expect(lines[run + 1]!.trim()).toBe("<!-- test: output -->");
  expect(lines[run + 2]!.startsWith("```")).toBe(true);
  const close = lines.findIndex((line, index) => index > run + 2 && line.startsWith("```"));
  return { settlement, printed, expected: lines.slice(run + 3, close) };
}

describe("docs/rate-cards.md: the engine pays what the page says", () => {
  it("same-day claims: attendance (depth 0) before sustained employment (depth 1), so the cap cuts the latter", () => {
    const { settlement, printed, expected } = settleExample("same-day.json");
    expect(printed).toEqual(expected);
    const paid = Object.fromEntries(
      settlement.decisions!.map((decision) => [decision.claimId, decision.amount.amount]),
    );
    expect(paid).toEqual({ "a-sust": "1000.00", "z-att": "1500.00", c1: "3000.00" });
  });

  it("the ladder with holding periods", () => {
    const { settlement, printed, expected } = settleExample("ladder.json");
    expect(printed).toEqual(expected);
    const paid = Object.fromEntries(
      settlement.decisions!.map((decision) => [decision.claimId, decision.amount.amount]),
    );
    expect(paid).toMatchObject({ a4: "800.00", b2: "0.00" });
  });
});
