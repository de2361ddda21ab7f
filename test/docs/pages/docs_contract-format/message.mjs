// node message.mjs CONTRACT.json : reads the contract with parseContract and prints the message of the error it
// throws (exit code 1), or "valid" (exit code 0).
import { parseContract } from "pay-by-results";
import { readJson } from "./json-files.mjs";

try {
  parseContract(readJson(process.argv[2]));
  console.log("valid");
} catch (error) {
  console.log(error.message);
  process.exitCode = 1;
}
