// Reading the JSON files the docs' pages write (shared by the pages' fixture scripts, which import it as
// "./json-files.mjs": test/docs/pages/shared/ is copied into every page's folder):
//   readJson(file)      the JSON document the file holds
//   readFragment(file)  the object whose members the file holds: a fragment such as `"caps": { … }` or
//                       `"baseline": { … }, "pricing": { … }`, as a page shows it, not a whole JSON document
import { readFileSync } from "node:fs";

export function readJson(file) {
  return JSON.parse(readFileSync(file, "utf8"));
}

export function readFragment(file) {
  return JSON.parse(`{ ${readFileSync(file, "utf8")} }`);
}
