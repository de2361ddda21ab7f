"""
Reference values for the XIRR and NPV tests, computed once with established software and committed
beside this script as xirr-cases.json. Run: python3 test/finance/reference/xirr_reference.py

numpy-financial is not installed here (and has no XIRR anyway); LibreOffice is not available. So the
reference is SciPy: scipy.optimize.brentq (Brent's method) on the actual/365 NPV of the flows, the
convention of spreadsheet XIRR:  NPV(r) = sum_i c_i / (1 + r) ** ((d_i - d_0) / 365),  d_0 the first date.
brentq is run to xtol=1e-14 on a bracket where the NPV changes sign. NPV values are at stated rates.
"""
import json
import os
from datetime import date

from scipy.optimize import brentq
import numpy
import scipy

CASES = [
    # a plain loan: 1000 out, 1100 back a year later
    ("one-year-10pc", [("2020-01-01", -1000), ("2020-12-31", 1100)]),
    # five uneven flows within a year
    ("uneven-five-flows", [("2001-01-01", -10000), ("2001-01-02", 2000), ("2001-03-15", 2500), ("2001-05-12", 5000), ("2001-08-10", 1000)]),
    # a social impact bond: two drawdowns, three outcome payments
    ("sib-three-tranches", [("2026-09-01", -225000), ("2027-09-01", -175000), ("2027-11-30", 153600), ("2028-11-30", 172800), ("2029-11-30", 153600)]),
    # Rikers Island: 7.2M lent, 6.0M back from the guarantee
    ("rikers-loss", [("2012-09-01", -7200000), ("2015-12-31", 6000000)]),
    # a deep loss, IRR near -100%
    ("deep-loss", [("2020-01-01", -1000000), ("2025-01-01", 1)]),
    # a high return in a short time
    ("high-return", [("2020-01-01", -100), ("2020-03-01", 250)]),
    # a loss where the NPV first gets closer to zero as the rate rises (a later outflow): the bracket must
    # be widened downwards, not upwards (a regression found by the FIS example's simulation)
    ("loss-with-later-drawdown", [("2026-09-01", -100000), ("2027-09-01", -50000), ("2029-11-30", 14002.40)]),
    # leap years in between, many flows
    ("leap-years", [("2019-02-28", -500), ("2020-02-29", 100), ("2021-03-01", 150), ("2024-02-29", 200), ("2024-12-31", 180)]),
]

RATES = [0.0, 0.05, 0.15]


def years(d, d0):
    return (date.fromisoformat(d) - date.fromisoformat(d0)).days / 365.0


def npv(rate, flows):
    d0 = flows[0][0]
    return sum(c / (1.0 + rate) ** years(d, d0) for d, c in flows)


def bracket(flows):
    lo, hi = -0.999999999, 1e9
    grid = numpy.concatenate([-1 + numpy.logspace(-9, 0, 400)[:-1], numpy.logspace(-6, 9, 400)])
    values = [npv(r, flows) for r in grid]
    for a, b, fa, fb in zip(grid, grid[1:], values, values[1:]):
        if fa == 0:
            return a, a
        if fa * fb < 0:
            return a, b
    return lo, hi


out = {"generator": f"scipy {scipy.__version__} brentq on actual/365 NPV, numpy {numpy.__version__}", "cases": []}
for name, flows in CASES:
    a, b = bracket(flows)
    irr = a if a == b else brentq(npv, a, b, args=(flows,), xtol=1e-14, rtol=4 * numpy.finfo(float).eps, maxiter=500)
    out["cases"].append({
        "name": name,
        "flows": [{"date": d, "amount": c} for d, c in flows],
        "irr": irr,
        "npv": [{"rate": r, "npv": npv(r, flows)} for r in RATES],
    })

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "xirr-cases.json"), "w") as f:
    json.dump(out, f, indent=2)
    f.write("\n")
print(json.dumps([(c["name"], c["irr"]) for c in out["cases"]], indent=1))
