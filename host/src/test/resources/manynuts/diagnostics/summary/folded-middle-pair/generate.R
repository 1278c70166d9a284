# Draws on which folded R-hat turns on the two middle draws of an even count: they are equidistant from the median
# in exact arithmetic but not as computed, and folded R-hat is the larger of the two R-hats, so posterior's R-hat
# ranks their computed distances apart. Writes draws.csv (posterior's draws_df layout, 17 significant digits, so
# the file holds the very draws) and expected.csv (posterior's rhat of each variable).
# Usage: Rscript generate.R OUTDIR   (needs R and r-cran-posterior 1.4.0)
suppressMessages(library(posterior))
stopifnot(packageVersion("posterior") == "1.4.0")
out <- commandArgs(trailingOnly = TRUE)[1]
set.seed(20261125)
fold_rhat <- function(x) posterior:::.rhat(posterior:::z_scale(posterior:::.split_chains(abs(x - median(x)))))
bulk_rhat <- function(x) posterior:::.rhat(posterior:::z_scale(posterior:::.split_chains(x)))
variables <- list()
while (length(variables) < 12) {
  # Chains alike in location, one wider than the others: folded R-hat exceeds bulk R-hat.
  x <- sapply(1:4, function(chain) rnorm(50, 0, c(1, 1, 1, 2.5)[chain]))
  sorted <- sort(x); middle <- median(x)
  apart <- (middle - sorted[100]) != (sorted[101] - middle)
  if (apart && fold_rhat(x) > bulk_rhat(x)) variables[[sprintf("x%d", length(variables) + 1)]] <- x
}
digits <- function(v) sprintf("%.17g", v)
draws <- data.frame(.chain = rep(1:4, each = 50), .iteration = rep(1:50, 4), .draw = 1:200)
for (name in names(variables)) draws[[name]] <- digits(as.vector(variables[[name]]))
write.csv(draws, file.path(out, "draws.csv"), row.names = FALSE, quote = FALSE)
expected <- data.frame(variable = names(variables), rhat = digits(sapply(variables, rhat)))
write.csv(expected, file.path(out, "expected.csv"), row.names = FALSE, quote = FALSE)
