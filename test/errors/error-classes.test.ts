import { describe, expect, it } from "vitest";
import {
  ContractError,
  EventsError,
  OptionsError,
  ValidationError,
  parseContract,
  parseEvents,
  safeParseContract,
  safeParseEvents,
  settle,
  type Contract,
  type ContractEvent,
} from "../../src/index.js";
import { contractJson, withValue } from "../support/contract-builder.js";

/** The error classes, their messages, and that garbage input never escapes as a raw TypeError. */

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error to be thrown");
}

describe("error classes", () => {
  it("ContractError is a ValidationError and an Error, named after its class", () => {
    const error = thrown(() => parseContract(withValue(contractJson(), ["currency"], "EURO")));
    expect(error).toBeInstanceOf(ContractError);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(TypeError);
    expect((error as ContractError).name).toBe("ContractError");
  });

  it("EventsError and OptionsError are ValidationErrors too", () => {
    const events = thrown(() => parseEvents("not a list"));
    expect(events).toBeInstanceOf(EventsError);
    expect(events).toBeInstanceOf(ValidationError);
    expect(events).toBeInstanceOf(Error);
    expect((events as EventsError).name).toBe("EventsError");
    const options = thrown(() => settle(parseContract(contractJson()), [], { asOf: "tomorrow" }));
    expect(options).toBeInstanceOf(OptionsError);
    expect(options).toBeInstanceOf(ValidationError);
    expect((options as OptionsError).name).toBe("OptionsError");
  });

  it("the message counts the problems and lists every issue on its own line", () => {
    let input = withValue(contractJson(), ["tranches", 0, "payers"], [{ party: "payer", share: "70%" }]);
    input = withValue(input, ["tranches", 0, "covers"], { period: "p9" });
    input = withValue(input, ["tranches", 0, "cap"], "10.005");
    const error = thrown(() => parseContract(input)) as ContractError;
    expect(error.issues).toHaveLength(3);
    expect(error.message.split("\n")).toEqual([
      "invalid contract: 3 problems",
      '  $.tranches[0].covers.period: unknown period "p9": declare it under periods',
      "  $.tranches[0].cap: the tranche cap 10.005 has more than 2 decimal places for EUR",
      "  $.tranches[0].payers: the payers' shares add up to 70%, not 100%",
    ]);
  });

  it("says '1 problem' for a single issue", () => {
    const error = thrown(() => parseEvents([5])) as EventsError;
    expect(error.message).toBe("invalid events: 1 problem\n  $[0]: expected an event whose type is result or payment");
  });

  it("freezes the issues", () => {
    const error = thrown(() => parseContract(withValue(contractJson(), ["currency"], "EURO"))) as ContractError;
    expect(Object.isFrozen(error.issues)).toBe(true);
    expect(Object.isFrozen(error.issues[0])).toBe(true);
  });
});

describe("garbage input is a ValidationError, never a raw TypeError", () => {
  const garbage: readonly [string, unknown][] = [
    ["null", null],
    ["undefined", undefined],
    ["a string", "contract.json"],
    ["a number", 42],
    ["a boolean", true],
    ["an empty array", []],
    ["an array of numbers", [1, 2, 3]],
    ["an empty object", {}],
    ["a function", () => 1],
  ];

  it.each(garbage)("parseContract(%s) throws a ContractError at $", (_name, input) => {
    const error = thrown(() => parseContract(input));
    expect(error).toBeInstanceOf(ContractError);
    expect((error as ContractError).issues.length).toBeGreaterThan(0);
    const result = safeParseContract(input);
    expect(result.success).toBe(false);
  });

  it("parseContract reports a non-object root at $", () => {
    for (const input of [null, "contract.json", 42, []]) {
      expect((thrown(() => parseContract(input)) as ContractError).issues.map((entry) => entry.at)).toEqual(["$"]);
    }
  });

  const base = contractJson();
  it.each([
    ["parties as a number", ["parties"], 5],
    ["a party as a number", ["parties", 0], 5],
    ["roles as a string", ["parties", 0, "roles"], "outcome-payer"],
    ["metrics as a string", ["metrics"], "dropout"],
    ["a baseline as a number", ["metrics", 0, "baseline"], 20],
    ["a tranche as a number", ["tranches", 0], 1],
    ["pricing as a number", ["tranches", 0, "pricing"], 5],
    ["pricing as null", ["tranches", 0, "pricing"], null],
    ["weighted parts of numbers", ["tranches", 0, "pricing"], { type: "weighted", parts: [5] }],
    [
      "a weighted part with a null rule",
      ["tranches", 0, "pricing"],
      { type: "weighted", parts: [{ weight: "100%", rule: null }] },
    ],
    [
      "tiers as an object",
      ["tranches", 0, "pricing"],
      { type: "tiers", metric: "dropout", basis: "value", tiers: { from: 1 } },
    ],
    ["covers as a string", ["tranches", 0, "covers"], "p1"],
    ["payers as an object", ["tranches", 0, "payers"], { party: "payer", share: "100%" }],
    ["caps as a number", ["caps"], 5],
    ["payer caps as an array", ["caps"], { perPayer: ["payer"] }],
    ["term as an array", ["term"], ["2026-09-01", "2029-12-31"]],
    ["rounding as a string", ["rounding"], "half-even"],
    ["a date as a number", ["tranches", 0, "dueDate"], 20271130],
  ] as const)("parseContract with %s throws a ContractError", (_name, path, value) => {
    const input = withValue(base, path, value);
    const error = thrown(() => parseContract(input));
    expect(error).toBeInstanceOf(ContractError);
    const text = path.map((key) => (typeof key === "number" ? `[${key}]` : `.${key}`)).join("");
    expect((error as ContractError).issues.some((entry) => entry.at.startsWith(`$${text}`))).toBe(true);
  });

  it.each([
    ["null", null],
    ["undefined", undefined],
    ["a string", "events.json"],
    ["a number", 7],
    ["an object", { events: [] }],
    ["an array with null", [null]],
    ["an array of numbers", [1, 2]],
    ["an array of arrays", [[]]],
    ["an array of empty objects", [{}]],
    [
      "a result with numbers for strings",
      [{ type: "result", id: 1, metric: 2, period: 3, value: {}, status: 4, recordedAt: 5 }],
    ],
    [
      "a payment with a number amount",
      [
        {
          type: "payment",
          id: "p1",
          tranche: "t1",
          payer: "payer",
          recipient: "provider",
          amount: 5,
          paidOn: "2027-12-01",
        },
      ],
    ],
  ] as const)("parseEvents(%s) throws an EventsError, with or without the contract", (_name, input) => {
    expect(thrown(() => parseEvents(input))).toBeInstanceOf(EventsError);
    expect(thrown(() => parseEvents(input, { contract: parseContract(base) }))).toBeInstanceOf(EventsError);
    expect(safeParseEvents(input).success).toBe(false);
  });

  it("settle checks a hand-built contract and events, and throws ValidationErrors", () => {
    for (const contract of [null, "contract", 5, {}, withValue(base, ["tranches"], [1])]) {
      expect(thrown(() => settle(contract as Contract, [], { asOf: "2027-12-31" }))).toBeInstanceOf(ContractError);
    }
    for (const events of [null, "events", 5, {}, [5], [{}]]) {
      expect(
        thrown(() =>
          settle(parseContract(base), events as unknown as readonly ContractEvent[], { asOf: "2027-12-31" }),
        ),
      ).toBeInstanceOf(EventsError);
    }
  });
});
