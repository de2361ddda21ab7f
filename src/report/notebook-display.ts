import type { ClaimSettlement } from "../claims/claim-types.js";
import type { Settlement } from "../engine/settlement-types.js";
import type { SimulationResult } from "../finance/simulate.js";
import type { Measurement } from "../measure/measurement.js";
import { explainClaims } from "./explain-claims.js";
import { explainMeasurement } from "./explain-measurement.js";
import { explain } from "./explain-text.js";
import { simulationTable } from "./finance-tables.js";
import type { Money } from "../money/money.js";
import { isIssued } from "../util/issued.js";
import { notebookBundle as bundleOf, type NotebookBundle, registerNotebookDisplay } from "../util/notebook.js";

export { JUPYTER_DISPLAY, type NotebookBundle } from "../util/notebook.js";

/** @internal The notebook display of a claims settlement: its totals (`explainClaims`). */
export function claimSettlementDisplay(settlement: ClaimSettlement): NotebookBundle {
  return bundleOf(explainClaims(settlement));
}

/**
 * @internal The notebook display of a settlement (`explain`), registered below.
 */
export function settlementDisplay(settlement: Settlement): NotebookBundle {
  // A settlement made without its derivation (`explain: false`) has no text of `explain`: its totals alone.
  if (isIssued(settlement, "figures-only-settlement")) {
    const { totals } = settlement;
    const line = (name: string, money: Money) => `  ${name}: ${money.amount} ${money.currency}`;
    return bundleOf(
      [
        `${settlement.contractId} as of ${settlement.asOf}`,
        line("earned", totals.earned),
        line("paid", totals.paid),
        line("balance", totals.balance),
      ].join("\n"),
    );
  }
  return bundleOf(explain(settlement));
}

/** @internal The notebook display of a simulation (`simulationTable`), registered below. */
export function simulationDisplay(result: SimulationResult): NotebookBundle {
  return bundleOf(simulationTable(result));
}

/** @internal The notebook display of a measurement (`explainMeasurement`), registered below. */
export function measurementDisplay(measurement: Measurement): NotebookBundle {
  return bundleOf(explainMeasurement(measurement));
}

// The displays of the results, looked up by the method every result carries (src/util/notebook.ts).
registerNotebookDisplay("settlement", settlementDisplay);
registerNotebookDisplay("claim-settlement", claimSettlementDisplay);
registerNotebookDisplay("simulation", simulationDisplay);
registerNotebookDisplay("measurement", measurementDisplay);
