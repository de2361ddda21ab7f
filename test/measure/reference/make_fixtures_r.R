#!/usr/bin/env Rscript
# Reference figures for the proportion tests of the measure layer, computed once with R and committed beside
# this script. Run from the repository root:  Rscript test/measure/reference/make_fixtures_r.R
# It writes test/measure/reference/fixtures-r.json. CI does not run it; the tests only read the JSON.
#
# binom.test: the exact binomial test of x successes of n against a fixed proportion p (two-sided: R's sum of
#   the outcomes no more likely than the one observed, relative tolerance 1e-7), its one-sided p-values, and
#   the Clopper-Pearson interval at the given confidence.
# prop.test, one sample (the score test: the null proportion's variance) and two samples (the pooled
#   proportion's), without and with Yates's continuity correction (correct = FALSE / TRUE): the statistic
#   X-squared, the two-sided and both one-sided p-values; for two samples also the interval (two-sided), which
#   prop.test widens by the correction.
options(digits = 17)
out <- list(generatedBy = paste("R", paste(R.version$major, R.version$minor, sep = ".")))

binom_cases <- list(
  c(0, 30, 0.1, 0.95), c(1, 30, 0.1, 0.95), c(3, 30, 0.1, 0.95), c(6, 30, 0.1, 0.95), c(30, 30, 0.9, 0.95),
  c(29, 30, 0.9, 0.95), c(0, 5, 0.5, 0.95), c(5, 5, 0.5, 0.95), c(2, 10, 0.5, 0.95), c(7, 20, 0.35, 0.9),
  c(0, 100, 0.02, 0.95), c(4, 1000, 0.001, 0.99), c(12, 25, 0.3, 0.95), c(50, 100, 0.5, 0.95), c(0, 1, 0.5, 0.95),
  c(1, 1, 0.5, 0.95), c(17, 18, 0.6, 0.8), c(250, 1000, 0.27, 0.95), c(3, 400, 0.001, 0.95), c(8, 40, 0.3, 0.95),
  c(0, 30, 0, 0.95), c(2, 30, 0, 0.95), c(30, 30, 1, 0.95), c(28, 30, 1, 0.95), c(1, 2000, 0.004, 0.95),
  c(9990, 10000, 0.998, 0.95), c(600, 5000, 0.1, 0.95)
)
out$binomial <- lapply(binom_cases, function(row) {
  x <- row[1]; n <- row[2]; p <- row[3]; conf <- row[4]
  two <- binom.test(x, n, p, alternative = "two.sided", conf.level = conf)
  list(x = x, n = n, p = p, confidence = conf,
       twoSided = as.numeric(two$p.value),  # R gives a logical (x == 0 or x == n) for p = 0 or 1
       less = binom.test(x, n, p, alternative = "less")$p.value,
       greater = binom.test(x, n, p, alternative = "greater")$p.value,
       lower = two$conf.int[1], upper = two$conf.int[2])
})

one_cases <- list(c(0, 30, 0.1), c(8, 40, 0.3), c(51, 600, 0.12), c(140, 250, 0.5), c(3, 30, 0.1), c(25, 30, 0.6),
                  c(10, 20, 0.5), c(11, 20, 0.5), c(40, 80, 0.495), c(1, 30, 0.1), c(30, 30, 0.9), c(412, 936, 0.48))
out$oneProportion <- list()
for (correct in c(FALSE, TRUE)) {
  for (row in one_cases) {
    x <- row[1]; n <- row[2]; p <- row[3]
    run <- function(alt) suppressWarnings(prop.test(x, n, p, alternative = alt, correct = correct))
    two <- run("two.sided")
    out$oneProportion[[length(out$oneProportion) + 1]] <- list(x = x, n = n, p = p, correct = correct,
      statistic = unname(two$statistic), twoSided = two$p.value, less = run("less")$p.value,
      greater = run("greater")$p.value)
  }
}

two_cases <- list(c(8, 40, 17, 40), c(51, 600, 91, 650), c(198, 420, 160, 400), c(4, 30, 9, 28), c(0, 20, 5, 20),
                  c(1, 50, 0, 50), c(20, 40, 20, 41), c(30, 60, 31, 60), c(400, 1000, 1290, 3000), c(3, 12, 9, 14))
out$twoProportions <- list()
for (correct in c(FALSE, TRUE)) {
  for (row in two_cases) {
    x <- c(row[1], row[3]); n <- c(row[2], row[4])
    run <- function(alt) suppressWarnings(prop.test(x, n, alternative = alt, correct = correct))
    two <- run("two.sided")
    out$twoProportions[[length(out$twoProportions) + 1]] <- list(x1 = x[1], n1 = n[1], x2 = x[2], n2 = n[2],
      correct = correct, statistic = unname(two$statistic), twoSided = two$p.value, less = run("less")$p.value,
      greater = run("greater")$p.value, lower = two$conf.int[1], upper = two$conf.int[2])
  }
}

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
  if (is.logical(x)) return(if (x) "true" else "false")
  sprintf("%.17g", x)
}
writeLines(to_json(out), "test/measure/reference/fixtures-r.json")
cat("wrote test/measure/reference/fixtures-r.json\n")
