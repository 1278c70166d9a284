# Golden log densities and gradients from rstan for RstanGoldenTest.
#
# Usage: Rscript generate.R POSTERIORDB [OUTDIR [POSTERIOR...]]   (needs r-cran-rstan and r-cran-jsonlite)
#        OUTDIR defaults to the folder this script is in; POSTERIOR... to all of POSTERIORS below. Each program
#        takes a few minutes to compile (-O2 -g, as Debian builds R packages).
#
# For each posterior below, compiles POSTERIORDB/reference/<posterior>/model.stan with rstan, draws POINTS
# unconstrained points uniform in (-2, 2) and writes <posterior>.csv: one row per point with rstan's log_prob and
# grad_log_prob on the unconstrained scale, Jacobian included (adjust_transform = TRUE), and the point itself, all
# to 17 significant digits so that the file holds the very doubles rstan saw and returned.
#
# rstan 2.21 reads the Stan language of its time, not the array syntax posteriordb's programs are written in, so
# each program is rewritten first (old_array_syntax, from the bundled stan-program.R); nothing else in it changes.
suppressMessages({
  library(rstan)
  library(jsonlite)
})

args <- commandArgs(trailingOnly = TRUE)
if (length(args) < 1) stop("usage: Rscript generate.R POSTERIORDB [OUTDIR [POSTERIOR...]]")
posteriordb <- args[1]
here <- dirname(normalizePath(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))))
outdir <- if (length(args) >= 2) args[2] else here

SEED <- 20261205L
POINTS <- 5L

# Programs whose parameters are scalars, vectors or one-dimensional arrays of scalars, so that Stan's unconstrained
# order (declaration order, then the index within the parameter) is also the compiler's, with no mapping.
# Left out: the ODE programs (hudson_lynx_hare-lotka_volterra, one_comp_mm_elim_abs-one_comp_mm_elim_abs), whose
# log densities hold integrator error far above 1e-8, and, to keep the compile time down, most of the posteriors
# that differ from one below only in a regression's predictors (the other earnings, kidiq and mesquite ones).
POSTERIORS <- c(
  "arK-arK",                                      # array of scalars
  "bball_drive_event_0-hmm_drive_0",              # simplex, positive_ordered, matrix<lower=0> data
  "diamonds-diamonds",                            # normal_id_glm, student_t_lccdf
  "earnings-logearn_height",
  "earnings-logearn_interaction",
  "eight_schools-eight_schools_noncentered",
  "gp_pois_regr-gp_regr",                         # cov_exp_quad, cholesky_decompose
  "hmm_example-hmm_example",                      # simplex, positive_ordered
  "kidiq-kidscore_momhsiq",
  "kidiq-kidscore_momiq",
  "kidiq_with_mom_work-kidscore_interaction_c",
  "kilpisjarvi_mod-kilpisjarvi",
  "low_dim_gauss_mix-low_dim_gauss_mix",          # ordered, lower and upper bounds, log_mix
  "mesquite-logmesquite",
  "nes1972-nes",
  "nes1996-nes",                                  # the same program as nes1972-nes, other data
  "sblrc-blr"
)

# The array-syntax rewriter (old_array_syntax) and the data reader (read_data) are the ones bench --compare-stan
# uses, in the bundled stan-program.R; sourcing it defines them without running its main part.
source(file.path(here, "..", "..", "..", "..", "..", "host", "src", "main", "resources", "manynuts", "cli",
                 "stan-program.R"))

digits17 <- function(x) sprintf("%.17g", x)

if (length(args) >= 3) {
  unknown <- setdiff(args[-(1:2)], POSTERIORS)
  if (length(unknown) > 0) stop("not in POSTERIORS: ", paste(unknown, collapse = " "))
  POSTERIORS <- args[-(1:2)]
}

rstan_options(auto_write = FALSE)
compiled <- list()   # by program text: posteriors that share a program compile it once
dir.create(outdir, showWarnings = FALSE, recursive = TRUE)
written <- character(0)
for (posterior in POSTERIORS) {
  folder <- file.path(posteriordb, "reference", posterior)
  code <- old_array_syntax(paste(readLines(file.path(folder, "model.stan")), collapse = "\n"))
  if (is.null(compiled[[code]])) {
    compiled[[code]] <- stan_model(model_code = code, model_name = gsub("[^A-Za-z0-9_]", "_", posterior))
  }
  model <- compiled[[code]]
  data <- read_data(file.path(folder, "data.json"))
  # A stanfit that holds the model instance for log_prob, without drawing: one fixed-parameter iteration.
  fit <- sampling(model, data = data, chains = 1, iter = 1, algorithm = "Fixed_param", init = 0,
                  refresh = 0, seed = SEED)
  dimension <- get_num_upars(fit)
  set.seed(SEED)
  points <- matrix(runif(POINTS * dimension, -2, 2), nrow = POINTS, byrow = TRUE)
  rows <- lapply(seq_len(POINTS), function(k) {
    u <- points[k, ]
    lp <- log_prob(fit, u, adjust_transform = TRUE)
    gradient <- grad_log_prob(fit, u, adjust_transform = TRUE)
    stopifnot(is.finite(lp), all(is.finite(gradient)), attr(gradient, "log_prob") == lp)
    c(digits17(lp), digits17(as.numeric(gradient)), digits17(u))
  })
  table <- cbind(seq_len(POINTS), do.call(rbind, rows))
  colnames(table) <- c("point", "lp", paste0("grad_", seq_len(dimension)), paste0("u_", seq_len(dimension)))
  write.csv(table, file.path(outdir, paste0(posterior, ".csv")), row.names = FALSE, quote = FALSE)
  written <- c(written, posterior)
  cat(sprintf("%-45s D = %2d  lp = %s\n", posterior, dimension, paste(rows[[1]][1])))
}
cat(sprintf("rstan %s, Stan %s: %d golden files in %s\n", packageVersion("rstan"), stan_version(), length(written),
            outdir))
