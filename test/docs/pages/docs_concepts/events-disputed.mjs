// Writes events-disputed.json, the events of the page's dispute example: the events of the bundled FIS example
// (examples/fis-dispersione/events.json; the page links examples/ to the package's own) and a dispute of the
// restated result r4, recorded on 2028-04-10.
import { readFileSync, writeFileSync } from "node:fs";

const events = JSON.parse(readFileSync("examples/fis-dispersione/events.json", "utf8"));
events.push({
  type: "result",
  id: "r6",
  restates: "r4",
  status: "disputed",
  recordedAt: "2028-04-10",
  note: "The Comune disputes the restated rate.",
});
writeFileSync("events-disputed.json", `${JSON.stringify(events, null, 2)}\n`);
