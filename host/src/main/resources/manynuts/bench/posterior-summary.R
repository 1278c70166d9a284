# Times posterior's summarise_draws on draws that `manynuts bench --compare-posterior` wrote, and writes what it
# computed, for side-by-side speed and agreement.
# Usage: Rscript posterior-summary.R DRAWS NAMES CHAINS ITERATIONS CORES OUT
#   DRAWS  little-endian doubles, variable by variable, chain by chain within a variable, iterations innermost
#   NAMES  the variables, one per line
#   OUT    CSV written here: variable and posterior's column names, then a row per variable in NAMES' order
# Prints one JSON line: posterior's version, the cores it used and the seconds summarise_draws took.
suppressMessages(library(posterior))
a <- commandArgs(trailingOnly = TRUE)
if (length(a) != 6) stop("usage: posterior-summary.R DRAWS NAMES CHAINS ITERATIONS CORES OUT")
variables <- readLines(a[2])
chains <- as.integer(a[3]); iterations <- as.integer(a[4]); cores <- as.integer(a[5])
count <- as.double(chains) * iterations * length(variables)
values <- readBin(a[1], "double", n = count, size = 8, endian = "little")
if (length(values) != count) stop(sprintf("%s holds %d draws, not %.0f", a[1], length(values), count))
# R fills the first index fastest: iterations, then chains, then variables, as the file is laid out.
dim(values) <- c(iterations, chains, length(variables))
dimnames(values) <- list(NULL, NULL, variables)
draws <- as_draws_array(values)
rm(values)
# Every statistic of manynuts' summary that posterior has (all but the HDI and nested R-hat).
measures <- list("mean", "median", "sd", "mad", quantile2 = function(x) quantile2(x, probs = c(0.05, 0.95)),
  "rhat", "rhat_basic", "ess_bulk", "ess_tail", "ess_basic", "ess_mean", "ess_sd",
  ess_quantile = function(x) ess_quantile(x, probs = c(0.05, 0.95)), "mcse_mean", "mcse_sd",
  mcse_quantile = function(x) mcse_quantile(x, probs = c(0.05, 0.95)))
seconds <- system.time(summary <- summarise_draws(draws, measures, .cores = cores))[["elapsed"]]
table <- as.data.frame(lapply(summary, function(x) if (is.numeric(x)) sprintf("%.17g", x) else x),
  check.names = FALSE)
# The names quoted (a name such as beta[1,2] holds a comma), the numbers to the last bit.
write.csv(table, a[6], row.names = FALSE, quote = which(names(table) == "variable"))
cat(sprintf('{"posterior_version":"%s","r_version":"%s","cores":%d,"seconds":%.4f}\n',
  as.character(packageVersion("posterior")), paste(R.version$major, R.version$minor, sep = "."), cores, seconds))
