#!/usr/bin/python3
"""Reference figures for the design tools' means (src/design/power.ts), computed once with statsmodels and
committed beside this script. Run from the repository root with Debian's Python (statsmodels 0.13.5):

    /usr/bin/python3 test/design/reference/make_fixtures.py

It writes test/design/reference/fixtures-statsmodels.json. CI does not run it; the tests only read the JSON.

The library tests means with a normal (z) approximation, so the reference is statsmodels' NormalIndPower
(the same method): ratio = 0 is its one-sample test. statsmodels counts both tails in a two-sided test, the
library (like R's power.prop.test) only the tail of the improvement; so a two-sided case is computed here as
statsmodels' one-sided 'larger' test at α/2, which is the same figure. solve_power is run from a starting
value near the answer and then polished with brentq at xtol 1e-14 so the solutions carry > 6 digits.
"""
import json
import os

import statsmodels
from scipy.optimize import brentq
from statsmodels.stats.power import NormalIndPower

HERE = os.path.dirname(os.path.abspath(__file__))
engine = NormalIndPower()


def setting(alternative, alpha):
    return ("larger", alpha / 2) if alternative == "two-sided" else ("larger", alpha)


cases = []
for alternative in ("two-sided", "one-sided"):
    for (effect, sd, n1, n2) in ((5.0, 15.0, 120, 120), (2.0, 10.0, 400, None), (0.3, 1.0, 80, 160), (8.0, 20.0, 60, None), (1.5, 4.0, 250, 250)):
        alt, alpha = setting(alternative, 0.05)
        ratio = 0 if n2 is None else n2 / n1
        d = effect / sd
        power = engine.power(d, n1, alpha, ratio=ratio, alternative=alt)
        n_for_80 = brentq(lambda n: engine.power(d, n, alpha, ratio=ratio, alternative=alt) - 0.8, 1e-3, 1e7, xtol=1e-14, rtol=1e-15)
        d_at_80 = brentq(lambda es: engine.power(es, n1, alpha, ratio=ratio, alternative=alt) - 0.8, 1e-9, 100, xtol=1e-15, rtol=1e-15)
        check = engine.solve_power(effect_size=d, nobs1=None, alpha=alpha, power=0.8, ratio=ratio, alternative=alt)
        assert abs(check - n_for_80) / n_for_80 < 1e-6, (check, n_for_80)
        cases.append({
            "alternative": alternative, "effect": effect, "sd": sd, "n1": n1, "n2": n2,
            "power": power, "n1_for_80": n_for_80, "effect_detectable_at_80": d_at_80 * sd,
        })

with open(os.path.join(HERE, "fixtures-statsmodels.json"), "w") as out:
    json.dump({"statsmodels": statsmodels.__version__, "means": cases}, out, indent=2)
    out.write("\n")
print("wrote test/design/reference/fixtures-statsmodels.json")
