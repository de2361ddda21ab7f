import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { explain, parseContract, parseEvents, settle } from "../../src/index.js";
import { RUNS, scenarioArb } from "../support/arbitraries.js";
import { settleJson } from "../support/contract-builder.js";

/**
 * Laws of a pure computation: settle never changes its inputs; a contract, its events and a settlement survive a
 * JSON round-trip unchanged; the result does not depend on the machine's time zone.
 */

describe("settle does not mutate its inputs", () => {
  it("plain inputs (checked by settle itself) are left exactly as they were", () => {
    fc.assert(
      fc.property(scenarioArb(), ({ contract, events, asOf }) => {
        const contractBefore = structuredClone(contract);
        const eventsBefore = structuredClone(events);
        const options = { asOf };
        settle(contract, events, options);
        expect(contract).toEqual(contractBefore);
        expect(events).toEqual(eventsBefore);
        expect(options).toEqual({ asOf });
        expect(Object.isFrozen(contract)).toBe(false);
      }),
      RUNS,
    );
  });

  it("parsed inputs are frozen and settle gives the same result as on the plain ones", () => {
    fc.assert(
      fc.property(scenarioArb(), ({ contract, events, asOf }) => {
        const parsed = parseContract(contract);
        const parsedEvents = parseEvents(events, { contract: parsed });
        expect(Object.isFrozen(parsed)).toBe(true);
        expect(Object.isFrozen(parsed.tranches[0]!.pricing)).toBe(true);
        expect(Object.isFrozen(parsedEvents)).toBe(true);
        expect(settle(parsed, parsedEvents, { asOf })).toEqual(settle(contract, events, { asOf }));
      }),
      RUNS,
    );
  });
});

describe("a JSON round-trip changes nothing", () => {
  it("contract, events and settlement survive JSON.stringify and JSON.parse", () => {
    fc.assert(
      fc.property(scenarioArb(), ({ contract, events, asOf }) => {
        const parsed = parseContract(contract);
        const again = parseContract(JSON.parse(JSON.stringify(parsed)));
        expect(again).toEqual(parsed);
        const eventsAgain = parseEvents(JSON.parse(JSON.stringify(parseEvents(events))), { contract: again });
        const settlement = settle(parsed, parseEvents(events, { contract: parsed }), { asOf });
        expect(settle(again, eventsAgain, { asOf })).toEqual(settlement);
        expect(JSON.parse(JSON.stringify(settlement))).toEqual(settlement);
      }),
      RUNS,
    );
  });
});

describe("the time zone does not matter", () => {
  const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
  const contract = JSON.parse(readFileSync(here("../../examples/fis-dispersione/contract.json"), "utf8")) as unknown;
  const events = JSON.parse(readFileSync(here("../../examples/fis-dispersione/events.json"), "utf8")) as unknown;
  const zone = process.env.TZ;
  afterEach(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  it("settles the FIS example to the same figures and text in any time zone", () => {
    // `npm test` also runs the whole suite under UTC, Pacific/Apia (UTC+13/14) and America/Sao_Paulo (UTC−3).
    const zones = [
      "UTC",
      "Pacific/Apia",
      "Pacific/Kiritimati",
      "America/Sao_Paulo",
      "Pacific/Pago_Pago",
      "Europe/Rome",
    ];
    const results = zones.map((tz) => {
      process.env.TZ = tz;
      const early = settleJson(contract, events, "2027-12-31");
      const late = settleJson(contract, events, "2028-03-31");
      return { early, late, text: explain(late) };
    });
    for (const result of results) {
      expect(result).toEqual(results[0]);
      const t1 = result.early.tranches.find((tranche) => tranche.id === "t1")!;
      expect(t1.amountEarned?.amount).toBe("204000.00");
      expect(t1.balance?.amount).toBe("0.00");
      const t1Later = result.late.tranches.find((tranche) => tranche.id === "t1")!;
      expect(t1Later.amountEarned?.amount).toBe("186000.00");
      expect(t1Later.clawback?.amount).toBe("18000.00");
    }
  });
});
