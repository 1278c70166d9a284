# Reads a run directory as an R user would (docs/python-r.md), for RReadersTest: draws.csv with posterior's
# as_draws_df, the Stan CSV files with rstan's read_stan_csv. Prints one JSON line: each reader's variable names
# and means, and rstan's per-chain elapsed times.
#
# Usage: Rscript read-run.R RUN_DIRECTORY   (needs r-cran-rstan, r-cran-posterior and r-cran-jsonlite)
suppressMessages({
  library(posterior)
  library(rstan)
  library(jsonlite)
})
run <- commandArgs(trailingOnly = TRUE)[1]

draws <- as_draws_df(read.csv(file.path(run, "draws.csv"), check.names = FALSE))
posterior_means <- sapply(variables(draws), function(v) mean(extract_variable(draws, v)))

files <- list.files(file.path(run, "stan"), pattern = "^chain-.*\\.csv$", full.names = TRUE)
fit <- read_stan_csv(files)
stan_draws <- as.matrix(fit)
rstan_means <- colMeans(stan_draws)
times <- get_elapsed_time(fit)

cat(toJSON(list(
  posterior = list(names = names(posterior_means), means = unname(posterior_means)),
  rstan = list(names = colnames(stan_draws), means = unname(rstan_means), chains = length(files),
               draws = nrow(stan_draws)),
  warmup_seconds = unname(times[, "warmup"]),
  sampling_seconds = unname(times[, "sample"])
), digits = NA, auto_unbox = TRUE), "\n")
