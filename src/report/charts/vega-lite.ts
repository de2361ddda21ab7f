import { ISSUED_PAYMENT_CURVE, issuedIssue } from "../../errors/argument-error.js";
import { currencyIssues, throwIfAny } from "./chart-arguments.js";
import type { PaymentCurve } from "./payment-curve.js";

/**
 * A payment curve as a Vega-Lite (v5) specification, for notebooks: the curve as a line, the measured result as
 * a point, the cap as a dashed rule. Plain JSON; render it with any Vega-Lite viewer.
 *
 * @example
 * const spec = paymentCurveVegaLite(paymentCurve(contract, "t1", settled)!, "EUR");
 * @throws ArgumentError when `curve` is not a curve `paymentCurve` returned (`not_a_payment_curve`: a copy or one
 * read back from JSON is refused), or `currency` is not a currency code the library knows (`unknown_currency`, at
 * `$.currency`).
 */
export function paymentCurveVegaLite(curve: PaymentCurve, currency: string): Record<string, unknown> {
  throwIfAny([
    issuedIssue(curve, ISSUED_PAYMENT_CURVE, "paymentCurveVegaLite", "curve"),
    ...currencyIssues(currency, ["currency"]),
  ]);
  const x = { field: "x", type: "quantitative", title: `${curve.metric} (${curve.unit})` };
  const y = { field: "amount", type: "quantitative", title: currency };
  const layers: Record<string, unknown>[] = [
    // copies: the curve is frozen, and a viewer may tag the rows it is given
    {
      data: { values: curve.points.map((point) => ({ x: point.x, amount: point.amount })) },
      mark: { type: "line", interpolate: "linear" },
      encoding: { x, y },
    },
    {
      data: { values: [{ baseline: curve.baseline }] },
      mark: { type: "rule", strokeDash: [2, 3], color: "#9ca3af" },
      encoding: { x: { field: "baseline", type: "quantitative" } },
    },
  ];
  if (curve.cap !== undefined) {
    layers.push({
      data: { values: [{ cap: curve.cap.amount }] },
      mark: { type: "rule", strokeDash: [6, 4], color: "#b91c1c" },
      encoding: { y: { field: "cap", type: "quantitative" } },
    });
  }
  if (curve.measured !== undefined) {
    layers.push({
      data: {
        values: [
          {
            x: curve.measured.x,
            amount: curve.measured.amount,
            value: curve.measured.value,
            priced: curve.measured.priced,
          },
        ],
      },
      mark: { type: "point", filled: true, size: 80, color: "#f59e0b" },
      encoding: {
        x,
        y,
        tooltip: [
          { field: "value", title: curve.metric },
          { field: "priced", title: currency },
        ],
      },
    });
  }
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    title: `${curve.trancheId}: ${curve.metric}`,
    width: 560,
    height: 260,
    layer: layers,
  };
}
