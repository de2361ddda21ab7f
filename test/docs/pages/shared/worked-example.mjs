// What the worked examples of the docs' pages share (their fixture scripts import it as "./worked-example.mjs":
// test/docs/pages/shared/ is copied into every page's folder). Each page's contract stays in its own script.
//   commandLine(...names)   the script's arguments: each option of those names (`--moj-cap VALUE`, anywhere on
//                           the command line) under its name in camel case (mojCap; undefined when not given),
//                           and the other arguments, in order, as `values`
//   baseline(value, start, end)
//                           a metric's baseline: that value, measured from start to end, from "baseline source"
//   verified({ id, metric, period, value, recordedAt })
//                           a result event, verified by the party "evaluator"
//   verifiedEachYear(metric, values, { recordedOn, periods })
//                           a verified result of the metric for each value in turn: r1, r2, … for the periods
//                           given (by default p1, p2, …), recorded on recordedOn (MM-DD) of 2027, 2028, …
//   printSettlement(contract, events, asOf)
//                           parses the contract (or prints its problems and exits with code 1), then settles the
//                           events as of asOf and prints the explanation
import { explain, parseContract, parseEvents, settle } from "pay-by-results";

export function commandLine(...names) {
  const values = process.argv.slice(2);
  const options = {};
  for (const name of names) {
    const at = values.indexOf(name);
    const key = name.replace(/^--/, "").replace(/-(.)/g, (_, letter) => letter.toUpperCase());
    options[key] = at < 0 ? undefined : values.splice(at, 2)[1];
  }
  return { ...options, values };
}

export function baseline(value, start, end) {
  return { value, period: { start, end }, source: "baseline source" };
}

export function verified({ id, metric, period, value, recordedAt }) {
  return { type: "result", id, metric, period, value, status: "verified", verifier: "evaluator", recordedAt };
}

export function verifiedEachYear(metric, values, { recordedOn, periods = values.map((_, i) => `p${i + 1}`) }) {
  return values.map((value, i) =>
    verified({ id: `r${i + 1}`, metric, period: periods[i], value, recordedAt: `${2027 + i}-${recordedOn}` }),
  );
}

export function printSettlement(contract, events, asOf) {
  let parsed;
  try {
    parsed = parseContract(contract);
  } catch (error) {
    console.log(error.message);
    process.exit(1);
  }
  console.log(explain(settle(parsed, parseEvents(events, { contract: parsed }), { asOf })));
}
