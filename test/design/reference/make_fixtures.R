#!/usr/bin/env Rscript
# Reference figures for the design tools (src/design/power.ts), computed once with R and committed beside
# this script. Run from the repository root:  Rscript test/design/reference/make_fixtures.R
# It writes test/design/reference/fixtures-r.json. CI does not run it; the tests only read the JSON.
#
# Two proportions: R's own power.prop.test (strict = FALSE, the default; tol = 1e-12 instead of its default
#   .Machine$double.eps^0.25, so that the solved n and p2 carry more than six significant digits).
# Means: R's own power.t.test (noncentral t), one and two samples.
# One proportion against a fixed baseline, and event rates (one and two samples): R has no package function
#   for these, so the figures come from the standard formulas written out here with R's pnorm, qnorm and
#   uniroot (tol 1e-14): they check the library's arithmetic and root finding, not the method. Against a fixed
#   baseline the library powers the test the measure layer runs: for a proportion the score test of prop.test
#   (the baseline's standard error under the null, the estimate's under the alternative:
#   n = [z_{1-a} sqrt(p0 q0) + z_{1-b} sqrt(p1 q1)]^2 / (p1 - p0)^2, also solved here in closed form and checked
#   against uniroot); for a rate the Wald test, whose standard error is the estimate's own. Between two groups,
#   the pooled-null z-test.
options(digits = 17)
tside <- function(alt) if (alt == "two-sided") 2 else 1
out <- list()

# Two proportions, equal groups: power, n and p2 (the detectable proportion)
two_prop <- list()
for (alt in c("two-sided", "one-sided")) {
  for (row in list(c(0.20, 0.13, 300), c(0.20, 0.15, 500), c(0.35, 0.45, 120), c(0.05, 0.02, 900), c(0.6, 0.7, 250))) {
    p1 <- row[1]; p2 <- row[2]; n <- row[3]
    a <- if (alt == "two-sided") "two.sided" else "one.sided"
    pw <- power.prop.test(n = n, p1 = p1, p2 = p2, sig.level = 0.05, alternative = a)$power
    nn <- power.prop.test(p1 = p1, p2 = p2, sig.level = 0.05, power = 0.8, alternative = a, tol = 1e-12)$n
    # power.prop.test solves p2 on the side above p1; by symmetry p -> 1 - p gives the side below
    mirror <- p2 < p1
    q1 <- if (mirror) 1 - p1 else p1
    solved <- power.prop.test(n = n, p1 = q1, sig.level = 0.05, power = 0.9, alternative = a, tol = 1e-14)$p2
    p2_at_90 <- if (mirror) 1 - solved else solved
    two_prop[[length(two_prop) + 1]] <- list(alternative = alt, baseline = p1, treated = p2, n = n,
      power = pw, n_for_80 = nn, treated_detectable_at_90 = p2_at_90)
  }
}
out$two_proportions <- two_prop

# Means with the t-test: R's own power.t.test (noncentral t, strict = FALSE, tol = 1e-12)
t_cases <- list()
for (alt in c("two-sided", "one-sided")) {
  for (type in c("two.sample", "one.sample")) {
    for (row in list(c(5, 15, 120), c(0.5, 1, 20), c(2, 10, 400), c(8, 20, 12))) {
      delta <- row[1]; sd <- row[2]; n <- row[3]
      a <- if (alt == "two-sided") "two.sided" else "one.sided"
      t_cases[[length(t_cases) + 1]] <- list(alternative = alt, type = type, effect = delta, sd = sd, n = n,
        power = power.t.test(n = n, delta = delta, sd = sd, sig.level = 0.05, type = type, alternative = a)$power,
        n_for_80 = power.t.test(delta = delta, sd = sd, sig.level = 0.05, power = 0.8, type = type, alternative = a, tol = 1e-12)$n,
        effect_detectable_at_80 = power.t.test(n = n, sd = sd, sig.level = 0.05, power = 0.8, type = type, alternative = a, tol = 1e-12)$delta)
    }
  }
}
out$t_means <- t_cases

one_sample_power <- function(v, base, treated, n, alpha, alt) {
  z <- qnorm(1 - alpha / tside(alt))
  if (identical(v, vp)) {
    # a proportion: the score test of prop.test, the baseline's standard error for the critical value and the
    # estimate's for the spread of the result under the alternative
    pnorm((sqrt(n) * abs(treated - base) - z * sqrt(v(base))) / sqrt(v(treated)))
  } else {
    # a rate: the Wald test the measure layer runs against a fixed baseline, the estimate's own standard error
    pnorm(sqrt(n) * abs(treated - base) / sqrt(v(treated)) - z)
  }
}
# The score test's sample in closed form, to check the root finding below
one_proportion_n <- function(base, treated, alpha, power, alt) {
  z <- qnorm(1 - alpha / tside(alt))
  (z * sqrt(vp(base)) + qnorm(power) * sqrt(vp(treated)))^2 / (treated - base)^2
}
two_sample_power <- function(v, base, treated, n1, n2, alpha, alt) {
  z <- qnorm(1 - alpha / tside(alt))
  pooled <- (n1 * treated + n2 * base) / (n1 + n2)
  pnorm((abs(treated - base) - z * sqrt(v(pooled) * (1 / n1 + 1 / n2))) / sqrt(v(treated) / n1 + v(base) / n2))
}
vp <- function(p) p * (1 - p)
vr <- function(r) r

formula_cases <- function(v, cases) {
  lapply(cases, function(cs) {
    base <- cs$base; treated <- cs$treated; n1 <- cs$n1; n2 <- cs$n2; alt <- cs$alt
    sgn <- sign(treated - base)
    if (is.null(n2)) {
      pw <- one_sample_power(v, base, treated, n1, 0.05, alt)
      f_n <- function(n) one_sample_power(v, base, treated, n, 0.05, alt) - 0.8
      f_d <- function(d) one_sample_power(v, base, base + sgn * d, n1, 0.05, alt) - 0.8
    } else {
      pw <- two_sample_power(v, base, treated, n1, n2, 0.05, alt)
      r <- n2 / n1
      f_n <- function(n) two_sample_power(v, base, treated, n, n * r, 0.05, alt) - 0.8
      f_d <- function(d) two_sample_power(v, base, base + sgn * d, n1, n2, 0.05, alt) - 0.8
    }
    upper <- if (sgn < 0) base * (1 - 1e-9) else if (identical(v, vp)) (1 - base) * (1 - 1e-9) else 100 * base
    n_80 <- uniroot(f_n, c(1e-6, 1e9), tol = 1e-14)$root
    if (is.null(n2) && identical(v, vp)) {
      closed <- one_proportion_n(base, treated, 0.05, 0.8, alt)
      stopifnot(abs(n_80 - closed) / closed < 1e-9)
    }
    list(alternative = alt, baseline = base, treated = treated, n1 = n1, n2 = if (is.null(n2)) NULL else n2,
      power = pw,
      n1_for_80 = n_80,
      effect_detectable_at_80 = uniroot(f_d, c(1e-12, upper), tol = 1e-15)$root)
  })
}
cs <- function(base, treated, n1, n2 = NULL, alt = "two-sided") list(base = base, treated = treated, n1 = n1, n2 = n2, alt = alt)
out$one_proportion <- formula_cases(vp, list(cs(0.20, 0.15, 400), cs(0.20, 0.15, 400, alt = "one-sided"), cs(0.5, 0.58, 200), cs(0.08, 0.05, 1500)))
out$rates <- formula_cases(vr, list(cs(0.44, 0.35, 936), cs(0.44, 0.35, 936, 936), cs(0.44, 0.35, 600, 1200, "one-sided"), cs(2.5, 2.9, 300, 300)))

# A small JSON writer (base R has none): numbers with 17 significant digits, so doubles round-trip.
to_json <- function(x, indent = "") {
  inner <- paste0(indent, "  ")
  if (is.null(x)) return("null")
  if (is.list(x) && !is.null(names(x))) {
    keep <- !vapply(x, is.null, logical(1))
    parts <- mapply(function(k, v) paste0(inner, '"', k, '": ', to_json(v, inner)), names(x)[keep], x[keep])
    return(paste0("{\n", paste(parts, collapse = ",\n"), "\n", indent, "}"))
  }
  if (is.list(x)) return(paste0("[\n", paste(paste0(inner, vapply(x, to_json, character(1), inner)), collapse = ",\n"), "\n", indent, "]"))
  if (is.character(x)) return(paste0('"', x, '"'))
  sprintf("%.17g", x)
}
writeLines(to_json(out), "test/design/reference/fixtures-r.json")
cat("wrote test/design/reference/fixtures-r.json\n")
