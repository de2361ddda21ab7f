import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ArgumentError,
  CLAIM_DECISION_CSV_COLUMNS,
  ClaimsError,
  OptionsError,
  claimDecisionChunks,
  claimSettlementJsonChunks,
  parseContract,
  settleClaims,
  settleClaimsAsync,
  streamClaimDecisions,
  type Claim,
  type ClaimDecision,
  type ClaimDecisionFormat,
  type ClaimSettlement,
  type Contract,
  type RateCard,
} from "../../src/index.js";
import { readClaimsCsv } from "../../src/node/index.js";
import { RUNS } from "../support/arbitraries.js";
import { cardContractJson, rateCard } from "./support.js";

/**
 * The outputs that stream: decisions yielded one at a time (`streamClaimDecisions`), decision files in NDJSON
 * and CSV written in chunks (`claimDecisionChunks`), and the settlement as JSON in chunks
 * (`claimSettlementJsonChunks`). Each equals what the kept settlement gives, and the files parse back to it.
 */

const root = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const EXAMPLE = parseContract(JSON.parse(readFileSync(root("examples/rate-card/contract.json"), "utf8")));
const SAMPLE = root("examples/rate-card/claims-sample.csv");
const decoder = new TextDecoder("utf-8", { ignoreBOM: true }); // a byte-order mark is kept, to be seen

async function text(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): Promise<string> {
  let joined = "";
  for await (const chunk of chunks) joined += decoder.decode(chunk);
  return joined;
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const found: T[] = [];
  for await (const item of items) found.push(item);
  return found;
}

/** The rows of an RFC 4180 CSV text (quoted fields, `""` inside quotes, CRLF line ends). */
function parseCsv(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < csv.length; i += 1) {
    const char = csv[i]!;
    if (quoted) {
      if (char === '"' && csv[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      row.push(field);
      field = "";
    } else if (char === "\r" && csv[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i += 1;
    } else field += char;
  }
  expect(field).toBe("");
  expect(row).toEqual([]);
  return rows;
}

/**
 * A decision as a CSV row has it: every column, empty when the decision has no such field; money as its decimal,
 * after the `currency` column (the currency of its amounts).
 */
const asCsvRow = (decision: ClaimDecision) =>
  CLAIM_DECISION_CSV_COLUMNS.map((column) => {
    if (column === "currency") return decision.amount.currency;
    const value = decision[column];
    return (typeof value === "object" ? value.amount : value) ?? "";
  });

/** Checks every output of a settlement that keeps its decisions against the settlement itself. */
async function expectOutputsMatch(settlement: ClaimSettlement): Promise<void> {
  const decisions = settlement.decisions!.toArray();
  // NDJSON: a line per decision, each exactly JSON.stringify of it, and parsed back equal to it.
  const ndjson = await text(claimDecisionChunks(settlement.decisions!, "ndjson"));
  expect(ndjson).toBe(decisions.map((decision) => `${JSON.stringify(decision)}\n`).join(""));
  expect(
    ndjson
      .split("\n")
      .filter((line) => line !== "")
      .map((line) => JSON.parse(line) as unknown),
  ).toEqual(decisions);
  // CSV: the header, then a row per decision, parsed back to the decisions' fields.
  const csv = await text(claimDecisionChunks(settlement.decisions!, "csv"));
  const [header, ...rows] = parseCsv(csv);
  expect(header).toEqual([...CLAIM_DECISION_CSV_COLUMNS]);
  expect(rows).toEqual(decisions.map(asCsvRow));
  // The same bytes from decision objects (the slow path: any iterable of decisions) as from the list.
  for (const format of ["ndjson", "csv"] as const)
    expect(await text(claimDecisionChunks(decisions, format))).toBe(format === "csv" ? csv : ndjson);
  // The settlement as JSON in chunks: the very text of JSON.stringify, and so the same when parsed.
  const json = await text(claimSettlementJsonChunks(settlement));
  expect(json).toBe(JSON.stringify(settlement, null, 2));
  expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(settlement)));
}

describe("decisions that stream: the rate card example", () => {
  it("streamClaimDecisions over the example's CSV file yields the kept decisions, in order", async () => {
    const kept = await settleClaimsAsync(EXAMPLE, readClaimsCsv(SAMPLE), { asOf: "2015-09-30" });
    const stream = streamClaimDecisions(EXAMPLE, readClaimsCsv(SAMPLE), { asOf: "2015-09-30" });
    const streamed = await collect(stream);
    expect(streamed).toHaveLength(200);
    expect(streamed).toEqual(kept.decisions!.toArray());
    const settlement = await stream.settlement;
    expect(settlement.total).toEqual(kept.total);
    expect(settlement.counts).toEqual(kept.counts);
    // A second iteration yields them again; each decision is the library's own (explainClaimDecision takes it).
    expect((await collect(stream)).map((decision) => decision.claimId)).toEqual(streamed.map((d) => d.claimId));
    expect(Object.isFrozen(streamed[0])).toBe(true);
  });

  it("the example's decisions as NDJSON, CSV and the settlement as JSON equal the kept settlement", async () => {
    const settlement = await settleClaimsAsync(EXAMPLE, readClaimsCsv(SAMPLE), { asOf: "2015-09-30" });
    // the sample has rejections with messages holding commas and quotes, and claims a cap cut
    expect(settlement.counts.acceptedInPart).toBeGreaterThan(0);
    await expectOutputsMatch(settlement);
  });

  it("each decision repeats the fields of its claim as the file gave them", async () => {
    const claims = await collect(readClaimsCsv(SAMPLE));
    const settlement = await settleClaimsAsync(EXAMPLE, readClaimsCsv(SAMPLE), { asOf: "2015-09-30" });
    expect(
      settlement.decisions!.map(({ claimId, participant, outcome, achievedOn, claimedOn }) => ({
        claimId,
        participant,
        outcome,
        achievedOn,
        claimedOn,
      })),
    ).toEqual(
      claims.map(({ id, participant, outcome, achievedOn, claimedOn }) => ({
        claimId: id,
        participant,
        outcome,
        achievedOn,
        claimedOn,
      })),
    );
  });
});

// Generated claims: every rule and cap, unknown outcome codes with characters that need escaping, repeats and
// conflicting versions of an id, claims made after the settlement date.
const FIRST = Date.UTC(2012, 1, 1) / 86_400_000;
const dateAt = (offset: number) => new Date((FIRST + offset) * 86_400_000).toISOString().slice(0, 10);
const CODES = ["ATT", "ENTRY", "SUST", "L1", "L2", "L3", "SKILLS", "BOGUS", 'say "hi", then\nleave', "café ☕"];

const claimArb = fc
  .record({
    id: fc.integer({ min: 0, max: 40 }),
    participant: fc.constantFrom("P1", "P2", "P3", "P4", "P5"),
    outcome: fc.constantFrom(...CODES),
    achieved: fc.oneof(fc.integer({ min: 0, max: 1400 }), fc.integer({ min: 400, max: 403 })),
    delay: fc.integer({ min: -3, max: 60 }),
    evidence: fc.constantFrom("a", "b"),
    enrolled: fc.option(fc.integer({ min: 0, max: 500 }), { nil: undefined }),
  })
  .map(
    ({ id, participant, outcome, achieved, delay, evidence, enrolled }): Claim => ({
      id: `c${id}`,
      participant,
      outcome,
      achievedOn: dateAt(achieved),
      claimedOn: dateAt(Math.max(achieved + delay, 0)),
      evidence,
      ...(enrolled === undefined ? {} : { enrolledOn: dateAt(enrolled) }),
    }),
  );

const cardArb = fc
  .record({
    perParticipant: fc.option(fc.integer({ min: 0, max: 12_000 }), { nil: undefined }),
    perPeriod: fc.option(fc.integer({ min: 0, max: 12_000 }), { nil: undefined }),
    contract: fc.option(fc.integer({ min: 0, max: 40_000 }), { nil: undefined }),
    entryVolume: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
    claimPeriod: fc.constantFrom("month" as const, "quarter" as const),
  })
  .map(
    ({ perParticipant, perPeriod, contract, entryVolume, claimPeriod }): RateCard =>
      rateCard({
        claimPeriod,
        outcomes: rateCard().outcomes.map((outcome) =>
          outcome.code === "ENTRY" && entryVolume !== undefined ? { ...outcome, maxVolume: entryVolume } : outcome,
        ),
        caps: {
          ...(perParticipant === undefined ? {} : { perParticipant: `${perParticipant}.00` }),
          ...(perPeriod === undefined ? {} : { perPeriod: `${perPeriod}.50` }),
          ...(contract === undefined ? {} : { contract: `${contract}.00` }),
        },
      }),
  );

const registerArb = fc.option(
  fc.subarray(["P1", "P2", "P3", "P4"]).map((ids) => ids.map((id, index) => ({ id, enrolledOn: dateAt(index * 40) }))),
  { nil: undefined },
);

const scenarioArb = fc.record({
  card: cardArb,
  claims: fc.array(claimArb, { maxLength: 40 }),
  register: registerArb,
});

/** The claims as a CSV file's text, quoting what needs it. */
function claimsCsv(claims: readonly Claim[]): string {
  const quote = (value: string) => (/[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
  return [
    "id,participant,outcome,achievedOn,claimedOn,evidence,enrolledOn\n",
    ...claims.map(
      (claim) =>
        `${claim.id},${claim.participant},${quote(claim.outcome)},${claim.achievedOn},${claim.claimedOn},${claim.evidence},${claim.enrolledOn ?? ""}\n`,
    ),
  ].join("");
}

async function* chunksOf(text: string): AsyncGenerator<string> {
  yield text;
}

describe("decisions that stream: generated claims", () => {
  it("the streamed decisions are the kept ones, in order, from objects and from a file's bytes", async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async ({ card, claims, register }) => {
        const contract: Contract = parseContract(cardContractJson(card));
        const options = { asOf: "2015-06-30", ...(register === undefined ? {} : { participants: register }) };
        const kept = settleClaims(contract, claims, options);
        const streamed = await collect(streamClaimDecisions(contract, claims, options));
        expect(streamed).toEqual(kept.decisions!.toArray());
        // The outcome with a line break cannot be a CSV row: the file's path is checked without those claims.
        const inFile = claims.filter((claim) => !claim.outcome.includes("\n"));
        const fromObjects = settleClaims(contract, inFile, options);
        const fromBytes = streamClaimDecisions(contract, readClaimsCsv(chunksOf(claimsCsv(inFile))), options);
        expect(await collect(fromBytes)).toEqual(fromObjects.decisions!.toArray());
        expect((await fromBytes.settlement).total).toEqual(fromObjects.total);
      }),
      RUNS,
    );
  });

  it("each decision repeats its claim's fields, in reading order, an identical repeat left out", () => {
    fc.assert(
      fc.property(scenarioArb, ({ card, claims }) => {
        const settlement = settleClaims(parseContract(cardContractJson(card)), claims, { asOf: "2015-06-30" });
        const seen = new Set<string>();
        const expected = claims
          .filter((claim) => {
            const key = JSON.stringify(claim);
            if (seen.has(key)) return false;
            seen.add(key);
            return true;
          })
          .map((claim) => [claim.id, claim.participant, claim.outcome, claim.achievedOn, claim.claimedOn]);
        const read = settlement.decisions!.map((decision) => [
          decision.claimId,
          decision.participant,
          decision.outcome,
          decision.achievedOn,
          decision.claimedOn,
        ]);
        // A repeat has the same id and content; key order and the absence of enrolledOn do not matter here.
        expect(read).toEqual(expected);
      }),
      RUNS,
    );
  });

  it("NDJSON and CSV files and the settlement's JSON equal the kept settlement, and parse back to it", async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async ({ card, claims, register }) => {
        const contract = parseContract(cardContractJson(card));
        const options = { asOf: "2015-06-30", ...(register === undefined ? {} : { participants: register }) };
        await expectOutputsMatch(settleClaims(contract, claims, options));
      }),
      RUNS,
    );
  });

  it("a settlement without decisions is written as JSON too; a large list comes in many chunks", async () => {
    const many: Claim[] = Array.from({ length: 3000 }, (_, index) => ({
      id: `c${index}`,
      participant: `P${index % 500}`,
      outcome: ["ATT", "ENTRY", "L1", "SKILLS", "NOPE"][index % 5]!,
      achievedOn: dateAt(300 + (index % 400)),
      claimedOn: dateAt(310 + (index % 400)),
      evidence: "e",
      enrolledOn: dateAt(250),
    }));
    const totals = settleClaims(parseContract(cardContractJson()), many, { asOf: "2015-06-30", keepDecisions: false });
    expect(await text(claimSettlementJsonChunks(totals))).toBe(JSON.stringify(totals, null, 2));
    const kept = settleClaims(parseContract(cardContractJson()), many, { asOf: "2015-06-30" });
    const chunks = await collect(claimDecisionChunks(kept.decisions!, "ndjson"));
    expect(chunks.length).toBeGreaterThan(3);
    // every chunk holds whole lines
    for (const chunk of chunks) expect(chunk.at(-1)).toBe(10);
    await expectOutputsMatch(kept);
  });
});

describe("decision ends kept by the writers: many messages of their own, and some met again", () => {
  // The writers keep the bytes of a decision's end by reason, outcome and the figures of its message; a slot whose
  // ends are seldom met again stops keeping them after a trial (KEPT_TRIAL, 256), one met again keeps on.
  const DAY = 86_400_000;
  const on = (first: string, days: number) => new Date(Date.parse(first) + days * DAY).toISOString().slice(0, 10);
  /**
   * Per participant `i`: ATT achieved after its window from enrolment closed, on a day of its own (`own(i)`), and
   * ENTRY then SUST after its window from ENTRY closed (SUST's decision names the ENTRY claim), both on days
   * `again(i)` sets.
   */
  const claimsOf = (count: number, own: (i: number) => number, again: (i: number) => number): Claim[] =>
    Array.from({ length: count }, (_, i) => {
      const participant = `P${i}`;
      const entry = on("2012-06-01", again(i) % 40);
      const claim = (id: string, outcome: string, achievedOn: string): Claim => ({
        id,
        participant,
        outcome,
        achievedOn,
        claimedOn: achievedOn,
        evidence: "e",
        enrolledOn: "2012-05-01",
      });
      return [
        claim(`a${i}`, "ATT", on("2013-06-01", own(i) % 700)),
        claim(`e${i}`, "ENTRY", entry),
        claim(`s${i}`, "SUST", on(entry, 200 + (again(i) % 7))),
      ];
    }).flat();

  for (const [label, own, again] of [
    ["every message its own", (i: number) => i, (i: number) => i * 7 + (i % 7)],
    ["each message met three times in a row", (i: number) => Math.floor(i / 3), (i: number) => Math.floor(i / 3)],
  ] as const) {
    it(`${label}: the files equal the kept settlement`, async () => {
      const settlement = settleClaims(parseContract(cardContractJson()), claimsOf(900, own, again), {
        asOf: "2015-06-30",
      });
      const reasons = settlement.rejectedByReason;
      expect(reasons.outside_window).toBeGreaterThanOrEqual(1800);
      await expectOutputsMatch(settlement);
    });
  }
});

describe("decisions whose messages name the claim's days, kept once with marks for the days", () => {
  const DAY = 86_400_000;
  const on = (first: string, days: number) => new Date(Date.parse(first) + days * DAY).toISOString().slice(0, 10);
  const card = rateCard({
    outcomes: [
      ...rateCard().outcomes,
      {
        code: "HOLD",
        name: "Held 13 weeks after ENTRY",
        price: "700.00",
        requires: "ENTRY",
        holdingPeriod: { weeks: 13, from: "prerequisite" },
      },
      { code: "HOLDE", name: "Held 60 days", price: "500.00", holdingPeriod: { days: 60, from: "enrolment" } },
      { code: "ANY", name: "Any of", price: "300.00", requiresAnyOf: ["L1", "ATT"] },
    ],
  });

  it("every reason whose message names days, on many days: the files equal the kept settlement", async () => {
    const claims = Array.from({ length: 400 }, (_, i): Claim[] => {
      const participant = `P${i}`;
      const enrolled = on("2012-05-01", i % 90);
      const entry = on(enrolled, 20 + (i % 13));
      const claim = (
        id: string,
        outcome: string,
        achievedOn: string,
        claimedOn = on(achievedOn, 1 + (i % 4)),
      ): Claim => ({
        id: `${id}${i}`,
        participant,
        outcome,
        achievedOn,
        claimedOn,
        evidence: "e",
        enrolledOn: enrolled,
      });
      return [
        claim("early", "L1", on("2012-03-01", i % 30)), // outside_term
        claim("before", "L2", on(enrolled, -1 - (i % 20))), // achieved_before_enrolment
        claim("late", "SKILLS", on("2015-07-01", i % 60)), // claimed_after_as_of
        claim("any", "ANY", on(enrolled, 5 + (i % 9))), // prerequisite_missing (none of a list)
        claim("sust", "SUST", on(enrolled, 3 + (i % 11))), // prerequisite_missing (ENTRY not met)
        claim("entry", "ENTRY", entry),
        claim("hold", "HOLD", on(entry, 10 + (i % 50))), // holding_period_not_met, from ENTRY
        claim("holde", "HOLDE", on(enrolled, 5 + (i % 40))), // holding_period_not_met, from enrolment
        claim("window", "SUST", on(entry, 200 + (i % 17))), // outside_window, from ENTRY
        claim("att", "ATT", on(enrolled, 400 + (i % 23))), // outside_window, from enrolment
      ];
    }).flat();
    const settlement = settleClaims(parseContract(cardContractJson(card)), claims, { asOf: "2015-06-30" });
    const reasons = settlement.rejectedByReason;
    for (const reason of [
      "outside_term",
      "achieved_before_enrolment",
      "claimed_after_as_of",
      "prerequisite_missing",
      "holding_period_not_met",
      "outside_window",
    ] as const)
      expect(reasons[reason], reason).toBeGreaterThanOrEqual(400);
    await expectOutputsMatch(settlement);
  });
});

describe("errors of the outputs that stream", () => {
  const settlement = settleClaims(parseContract(cardContractJson()), [], { asOf: "2015-06-30" });

  it("claimDecisionChunks: an unknown format or decisions that are not iterable, at once", () => {
    const refused = (call: () => unknown) => {
      try {
        call();
      } catch (error) {
        expect(error).toBeInstanceOf(ArgumentError);
        return (error as ArgumentError).issues.map((found) => [found.at, found.code]);
      }
      throw new Error("not refused");
    };
    expect(refused(() => claimDecisionChunks(settlement.decisions!, "xml" as ClaimDecisionFormat))).toEqual([
      ["$.format", "unknown_format"],
    ]);
    expect(refused(() => claimDecisionChunks(42 as unknown as ClaimDecision[], "csv"))).toEqual([
      ["$.decisions", "not_iterable"],
    ]);
  });

  it("claimDecisionChunks: an element that is not a decision a settlement gave, with its index", async () => {
    const decision = settleClaims(
      parseContract(cardContractJson()),
      [
        {
          id: "c1",
          participant: "P1",
          outcome: "ATT",
          achievedOn: "2013-01-10",
          claimedOn: "2013-01-20",
          evidence: "e",
        },
      ]!,
      { asOf: "2015-06-30" },
    ).decisions!.at(0)!;
    const error = await text(claimDecisionChunks([decision, { ...decision }], "ndjson")).catch(
      (found: unknown) => found,
    );
    expect(error).toBeInstanceOf(ArgumentError);
    expect((error as ArgumentError).issues.map((found) => [found.at, found.code])).toEqual([
      ["$.decisions[1]", "not_a_claim_decision"],
    ]);
  });

  it("claimSettlementJsonChunks: only a settlement the library made", () => {
    expect(() => claimSettlementJsonChunks({ ...settlement })).toThrow(ArgumentError);
    expect(() => claimSettlementJsonChunks(JSON.parse(JSON.stringify(settlement)) as ClaimSettlement)).toThrow(
      /not_a_claim_settlement|did not return/,
    );
  });

  it("streamClaimDecisions: the settlement's errors from the iteration and from settlement; keepDecisions refused", async () => {
    const contract = parseContract(cardContractJson());
    const bad = streamClaimDecisions(contract, [{ id: "c1" } as unknown as Claim], { asOf: "2015-06-30" });
    await expect(collect(bad)).rejects.toBeInstanceOf(ClaimsError);
    await expect(bad.settlement).rejects.toBeInstanceOf(ClaimsError);
    const keep = streamClaimDecisions(contract, [], { asOf: "2015-06-30", keepDecisions: false } as never);
    await expect(keep.settlement).rejects.toBeInstanceOf(OptionsError);
    const asOf = streamClaimDecisions(contract, [], { asOf: "someday" });
    await expect(collect(asOf)).rejects.toBeInstanceOf(OptionsError);
  });
});

describe("the cuts of a claim several caps cut", () => {
  it("are listed in the order the caps cut it, in the decision, its message and every output", async () => {
    const contract = parseContract(
      cardContractJson(rateCard({ caps: { perParticipant: "4000.00", perPeriod: "3800.00", contract: "3700.00" } })),
    );
    const claims: Claim[] = [
      // read first, achieved last: the order the caps cut in does not follow the reading
      {
        id: "late",
        participant: "P1",
        outcome: "L2",
        achievedOn: "2013-02-10",
        claimedOn: "2013-02-20",
        evidence: "e",
        enrolledOn: "2012-09-01",
      },
      {
        id: "early",
        participant: "P1",
        outcome: "ENTRY",
        achievedOn: "2013-01-10",
        claimedOn: "2013-01-20",
        evidence: "e",
        enrolledOn: "2012-09-01",
      },
    ];
    const settlement = settleClaims(contract, claims, { asOf: "2015-06-30" });
    const late = settlement.decisions!.at(0)!;
    expect(late.status).toBe("accepted-in-part");
    expect(late.amount).toEqual({ amount: "200.00", currency: "GBP" });
    expect(late.cuts?.map((cut) => [cut.cap, cut.before, cut.after])).toEqual([
      ["participant", "3300.00", "500.00"],
      ["period", "500.00", "300.00"],
      ["contract", "300.00", "200.00"],
    ]);
    expect(late.message).toMatch(
      /^cut by the cap per participant .*; cut by the cap of claim period .*; cut by the contract cap of /,
    );
    await expectOutputsMatch(settlement);
  });
});

describe("decisions in CSV for Italian spreadsheets", () => {
  it('{ locale: "it" }: a byte-order mark, ";" between fields, a decimal comma in the amounts; the same rows', async () => {
    const settlement = await settleClaimsAsync(EXAMPLE, readClaimsCsv(SAMPLE), { asOf: "2015-09-30" });
    const decisions = settlement.decisions!.toArray();
    const italian = await text(claimDecisionChunks(settlement.decisions!, "csv", { locale: "it" }));
    expect(italian.startsWith("\uFEFFclaimId;participant;")).toBe(true);
    // the rows read with ";" (messages hold commas, not semicolons), amounts with their comma made a point
    const rows = parseCsv(italian.slice(1).replaceAll(",", "\u0000").replaceAll(";", ",")).map((row) =>
      row.map((field) => field.replaceAll("\u0000", ",")),
    );
    expect(rows[0]).toEqual([...CLAIM_DECISION_CSV_COLUMNS]);
    const amounts = ["amount", "price", "priced"].map((column) => CLAIM_DECISION_CSV_COLUMNS.indexOf(column as never));
    expect(rows.slice(1)).toEqual(
      decisions.map((decision) =>
        asCsvRow(decision).map((field, index) => (amounts.includes(index) ? field.replace(".", ",") : field)),
      ),
    );
    // the same bytes from decision objects, and a byte-order mark alone is the plain file after it
    expect(await text(claimDecisionChunks(decisions, "csv", { locale: "it" }))).toBe(italian);
    const plain = await text(claimDecisionChunks(settlement.decisions!, "csv"));
    expect(await text(claimDecisionChunks(settlement.decisions!, "csv", { byteOrderMark: true }))).toBe(
      `\uFEFF${plain}`,
    );
    expect(await text(claimDecisionChunks(settlement.decisions!, "csv", { locale: "en" }))).toBe(plain);
  });

  it("refuses options with NDJSON, and options settlementToCsv refuses", () => {
    const settlement = settleClaims(EXAMPLE, [], { asOf: "2015-09-30" });
    expect(() => claimDecisionChunks(settlement.decisions!, "ndjson", { locale: "it" })).toThrow(OptionsError);
    expect(() => claimDecisionChunks(settlement.decisions!, "csv", { locale: "fr" } as never)).toThrow(OptionsError);
    expect(() => claimDecisionChunks(settlement.decisions!, "csv", { separator: ",", decimalMark: "," })).toThrow(
      OptionsError,
    );
  });
});
