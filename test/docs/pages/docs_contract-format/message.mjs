// node message.mjs CONTRACT.json : reads the contract with parseContract and prints the message of the error it
// throws (exit code 1), or "valid" (exit code 0).
import { readFileSync } from "node:fs";
import { parseContract } from "pay-by-results";

try {
  parseContract(JSON.parse(readFileSync(process.argv[2], "utf8")));
  console.log("valid");
} catch (error) {
  console.log(error.message);
  process.exitCode = 1;
}
