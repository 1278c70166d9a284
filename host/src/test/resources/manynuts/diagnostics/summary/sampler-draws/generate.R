# posterior 1.4.0's summary of draws our sampler made, for SamplerDrawsTest. draws.csv comes from
#   ./manynuts sample -m centered --backend cpu --chains 4 --warmup 300 --draws 200 --seed 11 -o DIR
# (the centered model's divergences leave repeated draws, so ties; the sampler's columns add discrete and constant
# ones). Writes expected.csv: variable, then every statistic posterior has of manynuts' summary, to 17 digits.
# R's number parser is not correctly rounded: a few of the draws it reads lie an ulp from Java's reading of the same
# text, which moves the statistics by far less than the test's tolerance.
# Usage: Rscript generate.R DIR   (needs R and r-cran-posterior 1.4.0)
suppressMessages(library(posterior))
stopifnot(packageVersion("posterior") == "1.4.0")
dir <- commandArgs(trailingOnly = TRUE)[1]
draws <- as_draws_df(read.csv(file.path(dir, "draws.csv"), check.names = FALSE))
measures <- list("mean", "median", "sd", "mad", quantile2 = function(x) quantile2(x, probs = c(0.05, 0.95)),
  "rhat", "rhat_basic", "ess_bulk", "ess_tail", "ess_basic", "ess_mean", "ess_sd",
  ess_quantile = function(x) ess_quantile(x, probs = c(0.05, 0.95)), "mcse_mean", "mcse_sd",
  mcse_quantile = function(x) mcse_quantile(x, probs = c(0.05, 0.95)))
summary <- suppressWarnings(summarise_draws(draws, measures))
table <- as.data.frame(lapply(summary, function(x) if (is.numeric(x)) sprintf("%.17g", x) else x),
  check.names = FALSE)
write.csv(table, file.path(dir, "expected.csv"), row.names = FALSE, quote = which(names(table) == "variable"))
