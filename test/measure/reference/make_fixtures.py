#!/usr/bin/env python3
"""Reference figures for the measure layer, computed once with SciPy and committed beside this script.

Run from the repository root:  python3 test/measure/reference/make_fixtures.py
It writes test/measure/reference/fixtures.json. CI does not run it; the tests only read the JSON.

Distribution values come straight from scipy.stats / scipy.special. The estimators' figures use SciPy's
own tests where one exists (ttest_ind with equal_var=False for Welch, ttest_1samp, linregress) and
otherwise the textbook formula written out here with SciPy's normal and t distributions.
"""
import json
import math
import os

import numpy as np
import scipy
from scipy import special, stats

HERE = os.path.dirname(os.path.abspath(__file__))
CONF = 0.95


def alt(better):
    return "greater" if better == "higher" else "less"


def normal_inference(effect, se_interval, se_test, better, conf=CONF):
    q = stats.norm.ppf((1 + conf) / 2)
    z = effect / se_test
    below, above = stats.norm.cdf(z), stats.norm.sf(z)
    return dict(statistic=z, lower=effect - q * se_interval, upper=effect + q * se_interval,
                oneSided=above if better == "higher" else below, twoSided=min(1.0, 2 * min(below, above)))


def t_inference(effect, se, df, better, conf=CONF):
    q = stats.t.ppf((1 + conf) / 2, df)
    t = effect / se
    below, above = stats.t.cdf(t, df), stats.t.sf(t, df)
    return dict(statistic=t, lower=effect - q * se, upper=effect + q * se, degreesOfFreedom=df,
                oneSided=above if better == "higher" else below, twoSided=min(1.0, 2 * min(below, above)))


def distributions():
    cases = []
    add = lambda fn, args, value: cases.append(dict(fn=fn, args=list(args), value=float(value)))
    for x in [1e-6, 0.1, 0.5, 1, 2.5, 7.3, 14.9, 15, 123.4, 1000.5, 1e5]:
        add("logGamma", [x], special.gammaln(x))
    for z in [-37.5, -12, -8, -4.2, -1.959963984540054, -1, -0.3, 0.2, 1, 1.6448536269514722, 3.5, 6]:
        add("normalCdf", [z], stats.norm.cdf(z))
    for p in [1e-12, 1e-6, 0.001, 0.025, 0.05, 0.3, 0.5, 0.8, 0.95, 0.975, 0.999999]:
        add("normalQuantile", [p], stats.norm.ppf(p))
    for t, df in [(2.0, 10), (-3.5, 2.7), (0.1, 1), (-5, 150.3), (1.2, 4), (-0.7, 33.3), (12, 3), (-2.1, 1500), (0.05, 1e6), (-4, 25),
                  (-1.96, 1e5), (-1.96, 1e7), (-4, 1e7), (-12, 1e7), (-1.96, 1e9), (-30, 1e8), (-1.96, 1e12), (-8, 1e15), (2.5, 3e13)]:
        add("studentTCdf", [t, df], stats.t.cdf(t, df))
    for p, df in [(0.975, 10), (0.025, 1), (0.995, 2.5), (0.975, 1e5), (0.9, 57.31), (0.05, 8), (0.999, 4.2), (0.6, 20), (1e-6, 30),
                  (0.975, 0.5), (1e-10, 1), (0.975, 1e8), (0.975, 2e15), (0.6, 1e9)]:
        add("studentTQuantile", [p, df], stats.t.ppf(p, df))
    for a, x in [(0.5, 0.1), (0.5, 8), (3, 2.5), (10, 15.5), (100, 90), (2.5, 30)]:
        add("gammaLower", [a, x], special.gammainc(a, x))
        add("gammaUpper", [a, x], special.gammaincc(a, x))
    for x, a, b in [(0.3, 2, 5), (0.9, 0.5, 0.5), (0.01, 10, 1.5), (0.7, 50, 20), (0.999, 3, 0.5), (0.2, 200, 800)]:
        add("betaLower", [x, a, b], special.betainc(a, b, x))
    for k, mean in [(0, 2.5), (10, 15.5), (30, 20.2), (500, 560), (4, 0.3)]:
        add("poissonCdf", [k, mean], stats.poisson.cdf(k, mean))
        add("poissonSfInclusive", [k, mean], stats.poisson.sf(k - 1, mean))
    for k, n, p in [(40, 100, 0.5), (3, 20, 0.1), (3000, 10000, 0.31), (0, 5, 0.5), (17, 18, 0.6)]:
        add("binomialCdf", [k, n, p], stats.binom.cdf(k, n, p))
        add("binomialSfInclusive", [k, n, p], stats.binom.sf(k - 1, n, p))
    return cases


def continuous(values):
    values = [float(v) for v in values]
    return dict(outcome="continuous", n=len(values), sum=math.fsum(values), sumOfSquares=math.fsum(v * v for v in values))


def estimators(rng):
    cases = []

    # Proportions: a level (Wald interval), a fixed baseline (the score test of R's prop.test: the baseline's
    # standard error for the statistic, the estimate's for the interval), two groups (two-proportion z).
    for name, n, s, baseline, better, scale in [("dropout level", 600, 51, None, "lower", 100), ("dropout vs baseline", 600, 51, 12.0, "lower", 100),
                                                 ("employment vs baseline", 250, 140, 0.5, "higher", 1)]:
        p = s / n
        se = math.sqrt(p * (1 - p) / n) * scale
        req = dict(estimator="level" if baseline is None else "fixed-baseline", better=better, scale=scale, treatment=dict(outcome="binary", n=n, successes=s))
        if baseline is None:
            q = stats.norm.ppf(0.975)
            exp = dict(value=p * scale, effect=p * scale, standardError=se, lower=p * scale - q * se, upper=p * scale + q * se)
        else:
            req["baseline"] = baseline
            eff = p * scale - baseline
            p0 = baseline / scale
            se_0 = math.sqrt(p0 * (1 - p0) / n) * scale
            exp = dict(value=p * scale, counterfactual=baseline, effect=eff, standardError=se, **normal_inference(eff, se, se_0, better))
        cases.append(dict(name=name, method="wald-z" if baseline is None else "one-proportion-z", request=req, expected=exp))

    for name, nt, st, nc, sc, better, scale in [("dropout comparison", 600, 51, 650, 91, "lower", 100), ("employment comparison", 420, 198, 400, 160, "higher", 1),
                                                 ("small groups", 30, 4, 28, 9, "lower", 100)]:
        pt, pc = st / nt, sc / nc
        se_u = math.sqrt(pt * (1 - pt) / nt + pc * (1 - pc) / nc) * scale
        pool = (st + sc) / (nt + nc)
        se_0 = math.sqrt(pool * (1 - pool) * (1 / nt + 1 / nc)) * scale
        eff = (pt - pc) * scale
        req = dict(estimator="comparison", better=better, scale=scale, treatment=dict(outcome="binary", n=nt, successes=st), comparison=dict(outcome="binary", n=nc, successes=sc))
        cases.append(dict(name=name, method="two-proportion-z", request=req, expected=dict(
            value=pt * scale, counterfactual=pc * scale, effect=eff, relativeEffect=eff / (pc * scale), standardError=se_u, **normal_inference(eff, se_u, se_0, better))))

    # Event rates per 100: Peterborough-like reconviction events.
    for name, et, xt, ec, xc, better in [("reconvictions", 412, 936, 5120, 9360, "lower"), ("hospital admissions per person-year", 38, 212.5, 61, 230.25, "lower")]:
        rt, rc = et / xt, ec / xc
        se_u = math.sqrt(et / xt ** 2 + ec / xc ** 2) * 100
        pool = (et + ec) / (xt + xc)
        se_0 = math.sqrt(pool * (1 / xt + 1 / xc)) * 100
        eff = (rt - rc) * 100
        req = dict(estimator="comparison", better=better, treatment=dict(outcome="count", events=et, exposure=xt), comparison=dict(outcome="count", events=ec, exposure=xc))
        cases.append(dict(name=name, method="poisson-rate-z", request=req, expected=dict(
            value=rt * 100, counterfactual=rc * 100, effect=eff, relativeEffect=eff / (rc * 100), standardError=se_u, **normal_inference(eff, se_u, se_0, better))))
    et, xt, base = 412, 936, 48.0
    se = math.sqrt(et) / xt * 100
    eff = et / xt * 100 - base
    cases.append(dict(name="reconvictions vs fixed baseline", method="wald-z",
                      request=dict(estimator="fixed-baseline", better="lower", baseline=base, treatment=dict(outcome="count", events=et, exposure=xt)),
                      expected=dict(value=et / xt * 100, counterfactual=base, effect=eff, standardError=se, **normal_inference(eff, se, se, "lower"))))

    # Exact Poisson tests: conditional binomial (scipy.stats.binomtest one-sided) and one-sample Poisson tails.
    q = stats.norm.ppf(0.975)
    for name, et, xt, ec, xc, better in [("falls, exact", 12, 300, 30, 400, "lower"), ("reconvictions, exact", 412, 936, 5120, 9360, "lower"),
                                          ("attendance events, exact", 25, 80, 41, 160.5, "higher")]:
        share = xt / (xt + xc)
        total = et + ec
        below = stats.binomtest(et, total, share, alternative="less").pvalue
        above = stats.binomtest(et, total, share, alternative="greater").pvalue
        se = math.sqrt(et / xt ** 2 + ec / xc ** 2) * 100
        eff = (et / xt - ec / xc) * 100
        cases.append(dict(name=name, method="poisson-exact",
                          request=dict(estimator="comparison", better=better, test="exact", treatment=dict(outcome="count", events=et, exposure=xt), comparison=dict(outcome="count", events=ec, exposure=xc)),
                          expected=dict(value=et / xt * 100, counterfactual=ec / xc * 100, effect=eff, standardError=se, lower=eff - q * se, upper=eff + q * se,
                                        oneSided=above if better == "higher" else below, twoSided=min(1.0, 2 * min(stats.binom.cdf(et, total, share), stats.binom.sf(et - 1, total, share))))))
    et, xt, base = 38, 212.5, 25.0
    mean = base / 100 * xt
    below, above = stats.poisson.cdf(et, mean), stats.poisson.sf(et - 1, mean)
    se = math.sqrt(et) / xt * 100
    eff = et / xt * 100 - base
    cases.append(dict(name="admissions vs fixed baseline, exact", method="poisson-exact",
                      request=dict(estimator="fixed-baseline", better="lower", test="exact", baseline=base, treatment=dict(outcome="count", events=et, exposure=xt)),
                      expected=dict(value=et / xt * 100, counterfactual=base, effect=eff, standardError=se, lower=eff - q * se, upper=eff + q * se,
                                    oneSided=below, twoSided=min(1.0, 2 * min(below, above)))))

    # Means: Welch's t-test from SciPy on generated scores; a one-sample t-test.
    for name, nt, mt, sdt, nc, mc, sdc, better in [("reading scores", 45, 512.0, 38.0, 61, 497.0, 52.0, "higher"), ("tiny groups", 5, 10.0, 1.0, 7, 9.0, 3.0, "higher"),
                                                   ("large mean small spread", 40, 100000.5, 0.7, 50, 100000.2, 0.9, "higher")]:
        xt_ = np.round(rng.normal(mt, sdt, nt), 3)
        xc_ = np.round(rng.normal(mc, sdc, nc), 3)
        res = stats.ttest_ind(xt_, xc_, equal_var=False, alternative=alt(better))
        two = stats.ttest_ind(xt_, xc_, equal_var=False)
        ci = two.confidence_interval(CONF)
        se = math.sqrt(np.var(xt_, ddof=1) / nt + np.var(xc_, ddof=1) / nc)
        eff = math.fsum(xt_) / nt - math.fsum(xc_) / nc
        cases.append(dict(name=name, method="welch-t", values=dict(treatment=xt_.tolist(), comparison=xc_.tolist()), stress=name.startswith("large"),
                          request=dict(estimator="comparison", better=better, treatment=continuous(xt_), comparison=continuous(xc_)),
                          expected=dict(value=math.fsum(xt_) / nt, counterfactual=math.fsum(xc_) / nc, effect=eff, relativeEffect=eff / (math.fsum(xc_) / nc), standardError=se,
                                        statistic=float(res.statistic), degreesOfFreedom=float(res.df), lower=float(ci.low), upper=float(ci.high),
                                        oneSided=float(res.pvalue), twoSided=float(two.pvalue))))
    xt_ = np.round(rng.normal(21.3, 4.0, 35), 2)
    base = 20.0
    res = stats.ttest_1samp(xt_, base, alternative="greater")
    two = stats.ttest_1samp(xt_, base)
    ci = two.confidence_interval(CONF)
    cases.append(dict(name="score vs fixed baseline", method="one-sample-t", values=dict(treatment=xt_.tolist()),
                      request=dict(estimator="fixed-baseline", better="higher", baseline=base, treatment=continuous(xt_)),
                      expected=dict(value=float(np.mean(xt_)), counterfactual=base, effect=float(np.mean(xt_)) - base, standardError=float(two.statistic and (np.mean(xt_) - base) / two.statistic),
                                    statistic=float(res.statistic), degreesOfFreedom=len(xt_) - 1, lower=float(ci.low) - base, upper=float(ci.high) - base,
                                    oneSided=float(res.pvalue), twoSided=float(two.pvalue))))

    # Trend baseline: linregress on five years of dropout rates, projected to the programme year.
    history = [(2019, 18.9), (2020, 18.1), (2021, 17.8), (2022, 16.9), (2023, 16.6)]
    for name, n, s, at in [("dropout vs trend", 600, 51, 2026), ("dropout vs trend, large group", 60000, 5700, 2025)]:
        fit = stats.linregress([h[0] for h in history], [h[1] for h in history])
        m = len(history)
        xs = np.array([h[0] for h in history], dtype=float)
        ys = np.array([h[1] for h in history], dtype=float)
        resid = ys - (fit.intercept + fit.slope * xs)
        s2 = float(np.sum(resid ** 2)) / (m - 2)
        sxx = float(np.sum((xs - xs.mean()) ** 2))
        projected = fit.intercept + fit.slope * at
        se_proj = math.sqrt(s2 * (1 / m + (at - xs.mean()) ** 2 / sxx))
        p = s / n
        se_g = math.sqrt(p * (1 - p) / n) * 100
        se = math.sqrt(se_g ** 2 + se_proj ** 2)
        df = se ** 4 / (se_proj ** 4 / (m - 2))
        eff = p * 100 - projected
        cases.append(dict(name=name, method="welch-t",
                          request=dict(estimator="trend-baseline", better="lower", scale=100, treatment=dict(outcome="binary", n=n, successes=s), history=[dict(at=a, value=v) for a, v in history], at=at),
                          expected=dict(value=p * 100, counterfactual=projected, effect=eff, standardError=se, **t_inference(eff, se, df, "lower"))))

    # Difference-in-differences: proportions (normal) and means (Welch–Satterthwaite).
    g = dict(tb=(500, 95), ta=(520, 68), cb=(480, 88), ca=(510, 85))
    est = {k: v[1] / v[0] * 100 for k, v in g.items()}
    ses = {k: math.sqrt((v[1] / v[0]) * (1 - v[1] / v[0]) / v[0]) * 100 for k, v in g.items()}
    eff = (est["ta"] - est["tb"]) - (est["ca"] - est["cb"])
    se = math.sqrt(sum(x * x for x in ses.values()))
    agg = lambda k: dict(outcome="binary", n=g[k][0], successes=g[k][1])
    cases.append(dict(name="dropout DiD", method="combined-z",
                      request=dict(estimator="difference-in-differences", better="lower", scale=100,
                                   treatment=dict(before=agg("tb"), after=agg("ta")), comparison=dict(before=agg("cb"), after=agg("ca"))),
                      expected=dict(value=est["ta"], counterfactual=est["tb"] + est["ca"] - est["cb"], effect=eff, standardError=se, **normal_inference(eff, se, se, "lower"))))
    data = {k: np.round(rng.normal(mu, sd, n), 2) for k, (mu, sd, n) in dict(tb=(50, 10, 40), ta=(58, 11, 42), cb=(51, 9, 38), ca=(53, 12, 45)).items()}
    means = {k: float(np.mean(v)) for k, v in data.items()}
    ses = {k: math.sqrt(float(np.var(v, ddof=1)) / len(v)) for k, v in data.items()}
    eff = (means["ta"] - means["tb"]) - (means["ca"] - means["cb"])
    se = math.sqrt(sum(x * x for x in ses.values()))
    df = se ** 4 / sum(ses[k] ** 4 / (len(data[k]) - 1) for k in data)
    cases.append(dict(name="scores DiD", method="welch-t", values={k: v.tolist() for k, v in data.items()},
                      request=dict(estimator="difference-in-differences", better="higher",
                                   treatment=dict(before=continuous(data["tb"]), after=continuous(data["ta"])), comparison=dict(before=continuous(data["cb"]), after=continuous(data["ca"]))),
                      expected=dict(value=means["ta"], counterfactual=means["tb"] + means["ca"] - means["cb"], effect=eff, standardError=se, **t_inference(eff, se, df, "higher"))))
    return cases


def combinations(cases):
    """A blend (80% trial + 20% DiD) and a pool of cohorts, from the estimates above."""
    by = {c["name"]: c["expected"] for c in cases}
    trial, did = by["dropout comparison"], by["dropout DiD"]
    eff = 0.8 * trial["effect"] + 0.2 * did["effect"]
    se = 0.8 * trial["standardError"] + 0.2 * did["standardError"]
    blend = dict(parts=[dict(name="dropout comparison", weight="80%"), dict(name="dropout DiD", weight="20%")],
                 expected=dict(value=0.8 * trial["value"] + 0.2 * did["value"], effect=eff, standardError=se, **normal_inference(eff, se, se, "lower")))
    # Pool of three reconviction cohorts, weighted by participants.
    cohorts = [dict(cohort="c1", events=412, exposure=936, cevents=5120, cexposure=9360), dict(cohort="c2", events=380, exposure=1011, cevents=4480, cexposure=8800),
               dict(cohort="c3", events=301, exposure=760, cevents=3900, cexposure=7600)]
    effs, ses, ws = [], [], []
    for c in cohorts:
        rt, rc = c["events"] / c["exposure"], c["cevents"] / c["cexposure"]
        effs.append((rt - rc) * 100)
        ses.append(math.sqrt(c["events"] / c["exposure"] ** 2 + c["cevents"] / c["cexposure"] ** 2) * 100)
        ws.append(c["exposure"])
    w = [x / sum(ws) for x in ws]
    eff = sum(a * b for a, b in zip(w, effs))
    se = math.sqrt(sum((a * b) ** 2 for a, b in zip(w, ses)))
    pool = dict(cohorts=cohorts, expected=dict(effects=effs, effect=eff, standardError=se, **normal_inference(eff, se, se, "lower")))
    return dict(blend=blend, pool=pool)


def main():
    rng = np.random.default_rng(20261125)
    cases = estimators(rng)
    out = dict(generatedBy=f"scipy {scipy.__version__}, numpy {np.__version__}", confidence=CONF,
               distributions=distributions(), estimators=cases, **combinations(cases))
    with open(os.path.join(HERE, "fixtures.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
