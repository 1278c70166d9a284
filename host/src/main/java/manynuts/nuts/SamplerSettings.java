package manynuts.nuts;

import manynuts.rng.RandomStreams;

/**
 * Every setting of a run; the defaults are Stan's.
 *
 * @param pooledMetric estimate one diagonal mass matrix from the warm-up draws of all chains
 * @param initRadius   initial points are uniform in (-initRadius, initRadius) on the unconstrained scale
 * @param stepSize     the first step size: where warm-up starts its search, or the step size without warm-up
 * @param superchainSize chains per superchain: each run of this many consecutive chains starts from one initial
 *     point, the nested design that nested R-hat assumes (Margossian et al. 2024); 1, the default, gives every chain
 *     its own
 */
public record SamplerSettings(int chains, int warmup, int draws, int thin, long seed, double targetAccept,
        int maxDepth, int threads, boolean pooledMetric, double initRadius, double stepSize, int superchainSize) {

    public static final int DEFAULT_WARMUP = 1000;
    public static final int DEFAULT_DRAWS = 1000;
    public static final double DEFAULT_TARGET_ACCEPT = 0.8;
    public static final int DEFAULT_MAX_DEPTH = 10;
    public static final int INIT_ATTEMPTS = 100;

    /** Checks every setting; the message of the exception names the one that is wrong. */
    public SamplerSettings {
        if (chains < 1) {
            throw new IllegalArgumentException("chains must be at least 1, got " + chains);
        }
        if (warmup < 0) {
            throw new IllegalArgumentException("warmup must be 0 or more, got " + warmup);
        }
        if (draws < 1) {
            throw new IllegalArgumentException("draws must be at least 1, got " + draws);
        }
        if (thin < 1) {
            throw new IllegalArgumentException("thin must be at least 1, got " + thin);
        }
        if (!(targetAccept > 0.0 && targetAccept < 1.0)) {
            throw new IllegalArgumentException("target_accept must be strictly between 0 and 1, got " + targetAccept);
        }
        if (maxDepth < 1 || maxDepth > RandomStreams.MAX_TREE_DEPTH) {
            throw new IllegalArgumentException(
                    "max_depth must be between 1 and " + RandomStreams.MAX_TREE_DEPTH + ", got " + maxDepth);
        }
        if ((long) warmup + (long) draws * thin > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("warmup + draws x thin must be at most " + Integer.MAX_VALUE
                    + " iterations per chain, got " + ((long) warmup + (long) draws * thin));
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        if (!(stepSize > 0.0) || Double.isInfinite(stepSize)) {
            throw new IllegalArgumentException("step size must be finite and positive, got " + stepSize);
        }
        if (!(initRadius >= 0.0) || Double.isInfinite(initRadius)) {
            throw new IllegalArgumentException("init radius must be finite and at least 0, got " + initRadius);
        }
        if (superchainSize < 1 || chains % superchainSize != 0) {
            throw new IllegalArgumentException("superchain size must be at least 1 and divide the " + chains
                    + " chains, got " + superchainSize);
        }
    }

    /** Every chain its own initial point. */
    public SamplerSettings(int chains, int warmup, int draws, int thin, long seed, double targetAccept, int maxDepth,
            int threads, boolean pooledMetric, double initRadius, double stepSize) {
        this(chains, warmup, draws, thin, seed, targetAccept, maxDepth, threads, pooledMetric, initRadius, stepSize, 1);
    }

    /** Stan's defaults for {@code chains} chains and the given seed, on every available core. */
    public static SamplerSettings defaults(int chains, long seed) {
        return new SamplerSettings(chains, DEFAULT_WARMUP, DEFAULT_DRAWS, 1, seed, DEFAULT_TARGET_ACCEPT,
                DEFAULT_MAX_DEPTH, Runtime.getRuntime().availableProcessors(), false, 2.0, 1.0);
    }

    public SamplerSettings withChains(int value) {
        return new SamplerSettings(value, warmup, draws, thin, seed, targetAccept, maxDepth, threads, pooledMetric, initRadius, stepSize, superchainSize);
    }

    public SamplerSettings withWarmup(int value) {
        return new SamplerSettings(chains, value, draws, thin, seed, targetAccept, maxDepth, threads, pooledMetric, initRadius, stepSize, superchainSize);
    }

    public SamplerSettings withDraws(int value) {
        return new SamplerSettings(chains, warmup, value, thin, seed, targetAccept, maxDepth, threads, pooledMetric, initRadius, stepSize, superchainSize);
    }

    public SamplerSettings withSeed(long value) {
        return new SamplerSettings(chains, warmup, draws, thin, value, targetAccept, maxDepth, threads, pooledMetric, initRadius, stepSize, superchainSize);
    }

    public SamplerSettings withTargetAccept(double value) {
        return new SamplerSettings(chains, warmup, draws, thin, seed, value, maxDepth, threads, pooledMetric, initRadius, stepSize, superchainSize);
    }

    public SamplerSettings withMaxDepth(int value) {
        return new SamplerSettings(chains, warmup, draws, thin, seed, targetAccept, value, threads, pooledMetric, initRadius, stepSize, superchainSize);
    }

    public SamplerSettings withThreads(int value) {
        return new SamplerSettings(chains, warmup, draws, thin, seed, targetAccept, maxDepth, value, pooledMetric, initRadius, stepSize, superchainSize);
    }

    public SamplerSettings withPooledMetric(boolean value) {
        return new SamplerSettings(chains, warmup, draws, thin, seed, targetAccept, maxDepth, threads, value, initRadius, stepSize, superchainSize);
    }

    public SamplerSettings withThin(int value) {
        return new SamplerSettings(chains, warmup, draws, value, seed, targetAccept, maxDepth, threads, pooledMetric, initRadius, stepSize, superchainSize);
    }

    public SamplerSettings withStepSize(double value) {
        return new SamplerSettings(chains, warmup, draws, thin, seed, targetAccept, maxDepth, threads, pooledMetric, initRadius, value, superchainSize);
    }

    public SamplerSettings withSuperchainSize(int value) {
        return new SamplerSettings(chains, warmup, draws, thin, seed, targetAccept, maxDepth, threads, pooledMetric,
                initRadius, stepSize, value);
    }

    /** The chain whose initial point {@code chain} starts from: the first of its superchain. */
    public int initialPointOf(int chain) {
        return chain - chain % superchainSize;
    }

    /** Iterations each chain runs: warm-up, then {@code draws * thin} sampling iterations. */
    public int iterations() {
        return warmup + draws * thin;
    }
}
