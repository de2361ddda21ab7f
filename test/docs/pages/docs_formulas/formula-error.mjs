// The contract of page-contract.mjs with the tranche priced by `pricePerVisit + region`, where region is a text:
// prints the message of the ContractError that parseContract throws.
import { parseContract } from "pay-by-results";
import { pageContract } from "./page-contract.mjs";

const contract = pageContract();
contract.tranches[0].pricing.expression = "pricePerVisit + region";
try {
  parseContract(contract);
} catch (error) {
  console.log(error.message);
}
