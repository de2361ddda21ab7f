/**
 * Writes the JSON Schemas of the contract and events formats into schema/, from the structural schemas (src/contract/structural-schema.ts).
 *   npm run schema
 * test/contract/json-schema.test.ts fails when the shipped files are not current.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { contractJsonSchema, eventsJsonSchema, jsonSchemaText } from "../src/index.js";

const target = (file: string) => fileURLToPath(new URL(`../schema/${file}`, import.meta.url));
writeFileSync(target("contract.json"), jsonSchemaText(contractJsonSchema()));
writeFileSync(target("events.json"), jsonSchemaText(eventsJsonSchema()));
console.log("wrote schema/contract.json and schema/events.json");
