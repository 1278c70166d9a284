#!/usr/bin/env python3
"""Compares two manynuts runs of one model (the CPU's and a GPU's) and prints one CSV row, no header.

lockstep A B TOL: runs without warm-up from the same seed follow each other draw by draw; every column of draws.csv
(outputs, lp__, tree depth, leapfrog steps, divergence) is compared by (.chain, .iteration), relative to a unit
scale below 1. Prints: rows, rows within TOL, largest difference, where, and passed (at least 90% within TOL: a GPU's
exp and log differ from the JVM's in the last bit, which can part a chain late in a run).

means A B ZMAX: warmed-up runs agree in distribution: for every output of summary.csv,
z = |mean_A - mean_B| / sqrt(mcse_A^2 + mcse_B^2). Prints: outputs, largest z, where, passed (largest z below ZMAX).
Only the standard library: the GPU machine's Python may have nothing else.
"""
import csv
import math
import sys


def read_draws(path):
    with open(path, newline="") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    chain, iteration = header.index(".chain"), header.index(".iteration")
    columns = [k for k, name in enumerate(header) if not name.startswith(".")]
    table = {}
    for row in rows[1:]:
        if len(row) != len(header):
            continue  # a last row cut short
        table[(row[chain], row[iteration])] = [float(row[k]) for k in columns]
    return [header[k] for k in columns], table


def lockstep(first, second, tolerance):
    names, a = read_draws(first)
    names_b, b = read_draws(second)
    if names != names_b:
        raise SystemExit("the two runs have different columns")
    within, worst, where = 0, 0.0, "-"
    for key, values in a.items():
        other = b.get(key)
        if other is None:
            continue
        largest = 0.0
        for name, x, y in zip(names, values, other):
            if math.isnan(x) and math.isnan(y):
                continue
            difference = abs(x - y) / max(1.0, abs(x)) if math.isfinite(x) and math.isfinite(y) else math.inf
            if difference > largest:
                largest = difference
            if difference > worst:
                worst, where = difference, "chain %s iteration %s %s" % (key[0], key[1], name)
        within += largest <= tolerance
    compared = sum(1 for key in a if key in b)
    passed = compared > 0 and within >= 0.9 * compared
    print("%d,%d,%.3e,%s,%s" % (compared, within, worst, where, "true" if passed else "false"))
    return passed


def read_summary(path):
    with open(path, newline="") as handle:
        return {row["variable"]: row for row in csv.DictReader(handle)}


def means(first, second, z_max):
    a, b = read_summary(first), read_summary(second)
    worst, where, compared = 0.0, "-", 0
    for name, row in a.items():
        other = b.get(name)
        if other is None or (name.endswith("__") and name != "lp__"):
            continue  # the sampler's rows: step sizes adapt on each run's own
        try:
            mean_a, mean_b = float(row["mean"]), float(other["mean"])
            mcse = math.hypot(float(row["mcse_mean"]), float(other["mcse_mean"]))
        except ValueError:
            continue  # NA: a constant output
        if not (math.isfinite(mean_a) and math.isfinite(mean_b) and math.isfinite(mcse)) or mcse == 0:
            continue
        compared += 1
        z = abs(mean_a - mean_b) / mcse
        if z > worst:
            worst, where = z, name
    passed = compared > 0 and worst < z_max
    print("%d,%.2f,%s,%s" % (compared, worst, where, "true" if passed else "false"))
    return passed


if __name__ == "__main__":
    if len(sys.argv) != 5 or sys.argv[1] not in ("lockstep", "means"):
        raise SystemExit("usage: gpu_compare.py lockstep|means A B LIMIT")
    check = lockstep if sys.argv[1] == "lockstep" else means
    sys.exit(0 if check(sys.argv[2], sys.argv[3], float(sys.argv[4])) else 1)
