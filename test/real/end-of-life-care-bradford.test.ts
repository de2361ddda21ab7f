/**
 * End of Life Care Integrator, Bradford (Commissioning Better Outcomes): one price per patient, the project's
 * volume cap (2,570 patients paid, a further 650 not) and its published maximum outcome payment (GBP 1,967,413).
 * Sources and figures: examples/real/end-of-life-care-bradford/README.md. The claims are synthetic (one per
 * patient of the published plan: 3,220); the price, the numbers of patients and the maximum are published.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseContract, settleClaims } from "../../src/index.js";

const dir = new URL("../../examples/real/end-of-life-care-bradford/", import.meta.url);
const json = JSON.parse(readFileSync(new URL("contract.json", dir), "utf8"));
const contract = parseContract(json);
const claims = JSON.parse(readFileSync(new URL("claims.json", dir), "utf8"));
const asOf = "2024-03-31";
const settlement = settleClaims(contract, claims, { asOf });
const decisions = settlement.decisions?.toArray() ?? [];
const gbp = (amount: string) => ({ amount, currency: "GBP" });
/** The same card with its caps taken out, one at a time. */
const without = (change: (card: typeof json.rateCard) => unknown) =>
  settleClaims(parseContract({ ...json, rateCard: change(structuredClone(json.rateCard)) }), claims, { asOf });

describe("End of Life Care Integrator, Bradford (real rate card)", () => {
  it("carries the published price, volume cap and maximum (INDIGO-POJ-0300)", () => {
    const [outcome] = contract.rateCard?.outcomes ?? [];
    expect(outcome).toMatchObject({ code: "BED-DAYS-REDUCED", price: "765.63", maxVolume: 2570 });
    expect(contract.rateCard?.caps?.contract).toBe("1967413.00");
    // the maximum is the two outcome payers' published commitments added up
    expect(1_885_855 + 81_558).toBe(1_967_413);
    expect(claims).toHaveLength(3220);
  });

  it("pays 2,570 of the 3,220 planned patients and refuses the further 650 (the metric cap)", () => {
    expect(settlement.counts).toMatchObject({ received: 3220, accepted: 2569, acceptedInPart: 1, rejected: 650 });
    expect(settlement.rejectedByReason).toEqual({ outcome_volume_reached: 650 });
    expect(settlement.byOutcome).toEqual([expect.objectContaining({ claimsPaid: 2570, amount: gbp("1967413.00") })]);
  });

  it("pays the published maximum, GBP 1,967,413.00: the contract cap cuts the 2,570th patient by GBP 256.10", () => {
    expect(settlement.total).toEqual(gbp("1967413.00"));
    // 2,570 × 765.63 = 1,967,669.10, GBP 256.10 above the maximum; 2,569 × 765.63 = 1,966,903.47
    expect(decisions.find((decision) => decision.claimId === "eol2570-bed-days")).toMatchObject({
      status: "accepted-in-part",
      price: gbp("765.63"),
      amount: gbp("509.53"),
    });
    expect(settlement.caps).toEqual([
      expect.objectContaining({ cap: "contract", claimsCut: 1, cut: gbp("256.10") }),
      expect.objectContaining({ cap: "outcome-volume", claimsCut: 650, cut: gbp("497659.50") }),
    ]);
  });

  it("without the contract cap pays 2,570 × GBP 765.63 = GBP 1,967,669.10; without either cap, 3,220 patients", () => {
    const volumeOnly = without((card) => ({ ...card, caps: undefined }));
    expect(volumeOnly.total).toEqual(gbp("1967669.10"));
    const uncapped = without((card) => ({
      ...card,
      caps: undefined,
      outcomes: card.outcomes.map(({ maxVolume: _, ...outcome }: { maxVolume: number }) => outcome),
    }));
    expect(uncapped.total).toEqual(gbp("2465328.60"));
    expect(uncapped.counts.rejected).toBe(0);
  });
});
