"""Reads a run directory as a Python user would (docs/python-r.md), for PythonReadersTest: draws.csv with pandas,
the Stan CSV files with ArviZ's from_cmdstan, with every warning ArviZ or pandas gives while reading turned into an
error. Prints one JSON line: each reader's names and means, and ArviZ's per-chain times and step sizes.

Usage: python3 read-run.py RUN_DIRECTORY   (needs arviz and pandas)
"""
import json
import sys
import warnings

warnings.simplefilter("ignore", FutureWarning)  # ArviZ announces its next major version on import
import arviz as az  # noqa: E402
import pandas as pd  # noqa: E402

warnings.simplefilter("error")
run = sys.argv[1]

draws = pd.read_csv(f"{run}/draws.csv").sort_values([".chain", ".iteration"])
variables = [c for c in draws.columns if not c.startswith(".")]

az.rcParams["data.index_origin"] = 1
idata = az.from_cmdstan(f"{run}/stan/chain-*.csv")
posterior = idata.posterior
arviz_means = {}
for name, values in posterior.data_vars.items():
    if values.ndim == 2:
        arviz_means[name] = float(values.mean())
    else:
        for index in range(values.shape[2]):
            arviz_means[f"{name}[{index + 1}]"] = float(values[:, :, index].mean())

attributes = posterior.attrs
print(json.dumps({
    "pandas": {"names": variables, "means": [float(draws[v].mean()) for v in variables]},
    "arviz": {"names": list(arviz_means), "means": list(arviz_means.values()),
              "chains": int(posterior.sizes["chain"]), "draws": int(posterior.sizes["draw"]),
              "divergent": int(idata.sample_stats["diverging"].sum())},
    "warmup_seconds": [float(t) for t in attributes["warmup_time_seconds"]],
    "step_size": [float(s) for s in attributes["step_size"]],
    "stan_version": [str(v) for v in attributes["stan_version"]],
}))
