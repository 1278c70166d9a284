#!/usr/bin/env python3
"""NumPyro's NUTS on non-centered eight schools with vectorised chains (chain_method="vectorized"), for comparison
with `manynuts bench -m eight_schools_noncentered` on the same GPU.

For every chain count it prints and appends to --csv one row: chains, warm-up, draws, the seconds of warm-up and of
sampling (each call includes its JIT compilation), chain-gradients per second (every chain's leapfrog steps, warm-up
included, over both phases' seconds; a vectorised chain that has finished its tree still waits for the others, as in
manynuts' lane utilisation, but only its own steps are counted), the smallest bulk ESS over mu, tau and theta, which
output it is, and that ESS per second. Bulk ESS is Vehtari et al. (2021)'s: the draws pooled over chains are rank
normalised, chains are split in half, and NumPyro's effective_sample_size is taken of the result.
"""
import argparse
import sys
import time

import jax
import jax.numpy as jnp
from jax.scipy.special import ndtri
import numpyro
import numpyro.distributions as dist
from numpyro.diagnostics import effective_sample_size
from numpyro.infer import MCMC, NUTS

Y = jnp.array([28.0, 8.0, -3.0, 7.0, -1.0, 1.0, 18.0, 12.0])
SIGMA = jnp.array([15.0, 10.0, 16.0, 11.0, 9.0, 11.0, 10.0, 18.0])


def eight_schools_noncentered(y, sigma):
    """The priors of manynuts' eight_schools_noncentered: mu ~ normal(0, 5), tau ~ half-Cauchy(0, 5)."""
    mu = numpyro.sample("mu", dist.Normal(0.0, 5.0))
    tau = numpyro.sample("tau", dist.HalfCauchy(5.0))
    with numpyro.plate("schools", y.shape[0]):
        nu = numpyro.sample("nu", dist.Normal(0.0, 1.0))
        theta = numpyro.deterministic("theta", mu + tau * nu)
        numpyro.sample("y", dist.Normal(theta, sigma), obs=y)


def bulk_ess(draws):
    """Bulk ESS of [chains, draws] values: rank normalised over all draws, split chains."""
    chains, n = draws.shape
    flat = draws.reshape(-1)
    ranks = jnp.argsort(jnp.argsort(flat)).astype(jnp.float64 if flat.dtype == jnp.float64 else jnp.float32) + 1.0
    z = ndtri((ranks - 0.375) / (flat.shape[0] + 0.25)).reshape(chains, n)
    half = n // 2
    split = jnp.concatenate([z[:, :half], z[:, n - half:]], axis=0)
    return float(effective_sample_size(jax.device_get(split)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chains", default="1024,4096,16384")
    parser.add_argument("--warmup", type=int, default=200)
    parser.add_argument("--draws", type=int, default=200)
    parser.add_argument("--seed", type=int, default=20260101)
    parser.add_argument("--csv", default=None)
    parser.add_argument("--x64", action="store_true", help="float64, as manynuts' default precision")
    arguments = parser.parse_args()
    if arguments.x64:
        numpyro.enable_x64()
    header = ("chains,warmup,draws,warmup_seconds,sampling_seconds,gradients_per_second,min_ess_bulk,"
              "min_ess_parameter,min_ess_bulk_per_second,device,jax,numpyro")
    print(header, flush=True)
    if arguments.csv:
        with open(arguments.csv, "w") as handle:
            handle.write(header + "\n")
    device = str(jax.devices()[0]).replace(",", ";")
    for chains in (int(value) for value in arguments.chains.split(",")):
        mcmc = MCMC(NUTS(eight_schools_noncentered), num_warmup=arguments.warmup, num_samples=arguments.draws,
                    num_chains=chains, chain_method="vectorized", progress_bar=False)
        key = jax.random.PRNGKey(arguments.seed)
        start = time.perf_counter()
        mcmc.warmup(key, Y, SIGMA, extra_fields=("num_steps",), collect_warmup=True)
        warmup_steps = int(jnp.sum(mcmc.get_extra_fields()["num_steps"]))
        warmup_seconds = time.perf_counter() - start
        start = time.perf_counter()
        mcmc.run(mcmc.post_warmup_state.rng_key, Y, SIGMA, extra_fields=("num_steps",))
        samples = mcmc.get_samples(group_by_chain=True)
        sampling_steps = int(jnp.sum(mcmc.get_extra_fields()["num_steps"]))
        jax.block_until_ready(samples)
        sampling_seconds = time.perf_counter() - start
        worst, where = float("inf"), "-"
        for name in ("mu", "tau", "theta"):
            values = samples[name]
            columns = values.reshape(values.shape[0], values.shape[1], -1)
            for k in range(columns.shape[2]):
                ess = bulk_ess(columns[:, :, k])
                label = name if columns.shape[2] == 1 else "%s[%d]" % (name, k + 1)
                if ess < worst:
                    worst, where = ess, label
        seconds = warmup_seconds + sampling_seconds
        row = "%d,%d,%d,%.3f,%.3f,%.6g,%.1f,%s,%.4g,%s,%s,%s" % (
            chains, arguments.warmup, arguments.draws, warmup_seconds, sampling_seconds,
            (warmup_steps + sampling_steps) / seconds, worst, where, worst / seconds, device, jax.__version__,
            numpyro.__version__)
        print(row, flush=True)
        if arguments.csv:
            with open(arguments.csv, "a") as handle:
                handle.write(row + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
