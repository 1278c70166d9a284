# Side-by-side reference: Stan (rstan) on any Stan program with its data, for bench -m FILE.stan --compare-stan.
# Usage: Rscript stan-program.R PROGRAM DATA|- CHAINS WARMUP DRAWS [SEED]
# Prints one JSON line, as stan-eight-schools.R does: Stan's own warm-up+sampling time summed over chains (model
# compile and R overhead excluded), gradients, gradients per second per core, divergences, and the smallest bulk
# ESS over every output per core-second. rstan 2.21 reads the Stan language of its time, so array declarations are
# rewritten to the old syntax first (old_array_syntax); the rest of the program is unchanged.
suppressMessages({library(rstan); library(posterior); library(jsonlite)})

# The index just past the bracket that closes the one opening at `open` (`open` indexes `chars`).
closing <- function(chars, open, left, right) {
  depth <- 0L
  for (i in open:length(chars)) {
    if (chars[i] == left) depth <- depth + 1L
    if (chars[i] == right) {
      depth <- depth - 1L
      if (depth == 0L) return(i + 1L)
    }
  }
  stop("unbalanced ", left, right)
}

skip_space <- function(chars, i) {
  while (i <= length(chars) && grepl("\\s", chars[i])) i <- i + 1L
  i
}

identifier_end <- function(chars, i) {
  while (i <= length(chars) && grepl("[A-Za-z0-9_]", chars[i])) i <- i + 1L
  i
}

# Rewrites `array[DIMS] TYPE NAME` to `TYPE NAME[DIMS]` and, in function signatures, `array[] TYPE` to `TYPE[]`
# (also `array[,] TYPE` to `TYPE[,]`). TYPE is a type name with its optional <constraints> and [sizes], as in
# `array[N] int<lower=1, upper=K> z` or `array[K] simplex[K] theta`.
old_array_syntax <- function(text) {
  repeat {
    at <- regexpr("\\barray\\s*\\[", text, perl = TRUE)
    if (at < 0) return(text)
    chars <- strsplit(text, "")[[1]]
    open <- at + attr(at, "match.length") - 1L
    after_dims <- closing(chars, open, "[", "]")
    dims <- if (after_dims - 2L > open) paste(chars[(open + 1L):(after_dims - 2L)], collapse = "") else ""
    type_start <- skip_space(chars, after_dims)
    i <- identifier_end(chars, type_start)
    if (i == type_start) stop("no element type after array[", dims, "]")
    j <- skip_space(chars, i)
    if (j <= length(chars) && chars[j] == "<") i <- closing(chars, j, "<", ">")
    j <- skip_space(chars, i)
    if (j <= length(chars) && chars[j] == "[") i <- closing(chars, j, "[", "]")
    type <- paste(chars[type_start:(i - 1L)], collapse = "")
    if (grepl("^[\\s,]*$", dims, perl = TRUE)) {
      # A function argument or return type: the brackets go on the type.
      replacement <- paste0(type, "[", gsub("\\s", "", dims), "]")
      end <- i
    } else {
      name_start <- skip_space(chars, i)
      end <- identifier_end(chars, name_start)
      if (end == name_start) stop("no name after array[", dims, "] ", type)
      name <- paste(chars[name_start:(end - 1L)], collapse = "")
      replacement <- paste0(type, " ", name, "[", dims, "]")
    }
    text <- paste0(substr(text, 1L, at - 1L), replacement, substr(text, end, nchar(text)))
  }
}

# CmdStan JSON data as rstan wants it: arrays of numbers as R vectors and matrices, an empty array as an empty vector.
read_data <- function(path) {
  data <- fromJSON(path, simplifyVector = TRUE)
  lapply(data, function(x) if (is.list(x) && length(x) == 0) numeric(0) else x)
}

if (sys.nframe() == 0L) {
  a <- commandArgs(trailingOnly = TRUE)
  program <- a[1]; data_file <- a[2]; chains <- as.integer(a[3])
  warmup <- as.integer(a[4]); draws <- as.integer(a[5])
  seed <- if (length(a) >= 6) as.integer(a[6]) else 1234L
  code <- old_array_syntax(paste(readLines(program), collapse = "\n"))
  mod <- stan_model(model_code = code, model_name = gsub("[^A-Za-z0-9_]", "_", basename(program)))
  dat <- if (data_file == "-") list() else read_data(data_file)
  cores <- parallel::detectCores()
  fit <- sampling(mod, data = dat, chains = chains, iter = warmup + draws, warmup = warmup, cores = cores,
                  refresh = 0, seed = seed)
  el <- sum(get_elapsed_time(fit))
  grads <- sum(sapply(get_sampler_params(fit, inc_warmup = TRUE), function(x) sum(x[, "n_leapfrog__"])))
  div <- sum(sapply(get_sampler_params(fit, inc_warmup = FALSE), function(x) sum(x[, "divergent__"])))
  d <- as_draws_df(as.array(fit))
  d <- subset_draws(d, variable = setdiff(variables(d), "lp__"))
  s <- summarise_draws(d, "ess_bulk")
  ess <- min(s$ess_bulk, na.rm = TRUE)
  cat(sprintf('{"stan_version":"%s","model":"%s","chains":%d,"cores":%d,"chain_seconds":%.4f,"gradients":%.0f,"gradients_per_second_per_core":%.0f,"divergences":%d,"min_ess_bulk":%.1f,"min_ess_bulk_per_core_second":%.1f,"mean_log_tau":"NaN"}\n',
    as.character(packageVersion("rstan")), basename(program), chains, cores, el, grads, grads / el, div, ess,
    ess / el))
}
