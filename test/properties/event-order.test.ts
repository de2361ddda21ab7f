import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EventsError, type ContractEvent } from "../../src/index.js";
import { DATES, RUNS, scenarioArb } from "../support/arbitraries.js";
import { settleJson } from "../support/contract-builder.js";

/**
 * Laws of the event history: the order events arrive in does not matter; an identical event sent twice counts
 * once; two different events with one id are refused; what is recorded after the settlement date has no effect.
 */

describe("the order of events does not change the settlement", () => {
  it("any permutation of the events settles to the same result", () => {
    const shuffled = scenarioArb().chain((scenario) =>
      fc.record({
        scenario: fc.constant(scenario),
        order: fc.shuffledSubarray(scenario.events, {
          minLength: scenario.events.length,
          maxLength: scenario.events.length,
        }),
      }),
    );
    fc.assert(
      fc.property(shuffled, ({ scenario: { contract, events, asOf }, order }) => {
        expect(settleJson(contract, order, asOf)).toEqual(settleJson(contract, events, asOf));
      }),
      RUNS,
    );
  });
});

describe("the same event twice changes nothing", () => {
  it("repeating any events, anywhere in the list, settles to the same result", () => {
    const repeated = scenarioArb()
      .filter(({ events }) => events.length > 0)
      .chain((scenario) =>
        fc.record({
          scenario: fc.constant(scenario),
          copies: fc.array(
            fc.tuple(fc.nat({ max: scenario.events.length - 1 }), fc.nat({ max: scenario.events.length })),
            { minLength: 1, maxLength: 4 },
          ),
        }),
      );
    fc.assert(
      fc.property(repeated, ({ scenario: { contract, events, asOf }, copies }) => {
        const withRepeats = [...events];
        for (const [which, where] of copies)
          withRepeats.splice(Math.min(where, withRepeats.length), 0, structuredClone(events[which]!));
        expect(settleJson(contract, withRepeats, asOf)).toEqual(settleJson(contract, events, asOf));
      }),
      RUNS,
    );
  });

  it("two different events with one id are refused with duplicate_event_id at the second one's id", () => {
    const clash = scenarioArb()
      .filter(({ events }) => events.length > 0)
      .chain((scenario) =>
        fc.record({
          scenario: fc.constant(scenario),
          which: fc.nat({ max: scenario.events.length - 1 }),
          note: fc.string({ minLength: 1, maxLength: 20 }),
        }),
      );
    fc.assert(
      fc.property(clash, ({ scenario: { contract, events, asOf }, which, note }) => {
        const original = events[which]!;
        const changed: ContractEvent = { ...original, note: `${original.note ?? ""}${note}` };
        const list = [...events, changed];
        let caught: unknown;
        try {
          settleJson(contract, list, asOf);
        } catch (error) {
          caught = error;
        }
        expect(caught).toBeInstanceOf(EventsError);
        expect((caught as EventsError).issues).toContainEqual(
          expect.objectContaining({ code: "duplicate_event_id", at: `$[${events.length}].id` }),
        );
      }),
      RUNS,
    );
  });
});

describe("an event recorded after the settlement date has no effect", () => {
  it("the settlement as of a date ignores everything recorded later", () => {
    const split = scenarioArb().chain((scenario) =>
      fc.record({ scenario: fc.constant(scenario), asOf: fc.constantFrom(...DATES) }),
    );
    fc.assert(
      fc.property(split, ({ scenario: { contract, events }, asOf }) => {
        const knownFrom = (event: ContractEvent) =>
          event.type === "payment" ? (event.recordedAt ?? event.paidOn) : event.recordedAt;
        const known = events.filter((event) => knownFrom(event) <= asOf);
        // Restatements only ever follow what they restate, so the events known by asOf are a valid history.
        expect(settleJson(contract, events, asOf)).toEqual(settleJson(contract, known, asOf));
      }),
      RUNS,
    );
  });
});
