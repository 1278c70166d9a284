# A Stan CSV file as Stan itself writes it, for StanCsvInteropTest: eight schools (non-centred), sampled by rstan.
#
# Usage: Rscript generate.R [OUTDIR]   (needs r-cran-rstan; OUTDIR defaults to the folder this script is in)
#
# Writes rstan-eight-schools.csv: one chain of 20 warm-up iterations and 30 draws, thin 1, seed fixed. rstan's
# sample_file writes the same layout as CmdStan (the "# key = value" configuration, the header row with theta.1,
# the adaptation block, the draws and the elapsed-time block) and is what the readers of that layout meet in the
# wild. The file is small on purpose: the test reads its header and names, not its statistics.
suppressMessages(library(rstan))

args <- commandArgs(trailingOnly = TRUE)
here <- dirname(normalizePath(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))))
outdir <- if (length(args) >= 1) args[1] else here

program <- "
data {
  int<lower=0> J;
  real y[J];
  real<lower=0> sigma[J];
}
parameters {
  real mu;
  real<lower=0> tau;
  vector[J] theta_tilde;
}
transformed parameters {
  vector[J] theta = mu + tau * theta_tilde;
}
model {
  mu ~ normal(0, 5);
  tau ~ cauchy(0, 5);
  theta_tilde ~ normal(0, 1);
  y ~ normal(theta, sigma);
}
"
data <- list(J = 8L, y = c(28, 8, -3, 7, -1, 1, 18, 12), sigma = c(15, 10, 16, 11, 9, 11, 10, 18))
model <- stan_model(model_code = program, model_name = "eight_schools_noncentered")
target <- file.path(outdir, "rstan-eight-schools.csv")
invisible(sampling(model, data = data, chains = 1, iter = 50, warmup = 20, seed = 20261206L, refresh = 0,
                   sample_file = target))
cat("wrote", target, "\n")
