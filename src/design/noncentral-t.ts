import { incompleteBeta, logGamma, normalCdf } from "../measure/distributions.js";

/**
 * Where R's `pnt` leaves the series for the normal approximation: more than 4·10⁵ degrees of freedom, or
 * δ² above 2·ln 2·1021 (δ above about 37.62), where e^(−δ²/2), the series' first weight, underflows.
 */
const SERIES_MAX_DF = 4e5;
const SERIES_MAX_DELTA_SQUARED = 2 * Math.LN2 * 1021;

/**
 * The noncentral t distribution function P(T ≤ t) for t > 0, ν degrees of freedom and noncentrality δ ≥ 0:
 * the power of a t-test (R's `pt(q, df, ncp)`, which `power.t.test` uses). The series of Lenth (1989,
 * Applied Statistics algorithm AS 243), with x = t²/(t² + ν) and λ = δ²/2:
 *
 *   F(t) = Φ(−δ) + ½ Σⱼ [ pⱼ · I_x(j + ½, ν/2) + qⱼ · I_x(j + 1, ν/2) ],
 *   pⱼ = e^(−λ) λʲ / j!,   qⱼ = δ e^(−λ) λʲ / (√2 · Γ(j + 3/2)).
 *
 * The Poisson-like weights are computed in logarithms and summed outwards from their largest term until a
 * term no longer changes the sum. Beyond the series' reach (more than 4·10⁵ degrees of freedom, or δ above
 * about 37.62) it takes, as R does, the normal approximation of Abramowitz and Stegun 26.7.10:
 * Φ((t(1 − 1/(4ν)) − δ) / √(1 + t²/(2ν))). Every argument the design tools pass gives a finite answer.
 */
export function noncentralTCdf(t: number, df: number, delta: number): number {
  if (!(t > 0 && delta >= 0 && df > 0 && Number.isFinite(t) && Number.isFinite(delta) && Number.isFinite(df)))
    throw new RangeError(`assertion: noncentralTCdf needs t > 0, df > 0 and delta ≥ 0, all finite`);
  if (df > SERIES_MAX_DF || delta * delta > SERIES_MAX_DELTA_SQUARED) {
    const s = 1 / (4 * df);
    return normalCdf((t * (1 - s) - delta) / Math.sqrt(1 + t * t * 2 * s));
  }
  const x = (t * t) / (t * t + df);
  const y = df / (t * t + df);
  const lambda = (delta * delta) / 2;
  const halfDf = df / 2;
  const term = (j: number): number => {
    const logPower = j === 0 ? 0 : j * Math.log(lambda);
    const p = Math.exp(-lambda + logPower - logGamma(j + 1));
    const q = delta === 0 ? 0 : Math.exp(-lambda + logPower - logGamma(j + 1.5) + Math.log(delta) - Math.LN2 / 2);
    return p * incompleteBeta(x, j + 0.5, halfDf, y).lower + q * incompleteBeta(x, j + 1, halfDf, y).lower;
  };
  const mode = Math.floor(lambda);
  let sum = term(mode);
  for (let j = mode + 1; j < mode + 100_000; j += 1) {
    const next = term(j);
    sum += next;
    if (next <= sum * 1e-17) break;
  }
  for (let j = mode - 1; j >= 0; j -= 1) {
    const next = term(j);
    sum += next;
    if (next <= sum * 1e-17) break;
  }
  return Math.min(1, normalCdf(-delta) + sum / 2);
}
