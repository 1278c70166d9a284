package manynuts.api;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicLong;
import manynuts.backend.Backend;
import manynuts.backend.choice.Backends;
import manynuts.backend.Precision;
import manynuts.models.Model;
import manynuts.models.ModelException;
import manynuts.nuts.DrawSink;
import manynuts.nuts.FiniteStart;
import manynuts.nuts.Sampler;
import manynuts.nuts.SamplerSettings;
import manynuts.nuts.SamplingResult;
import manynuts.output.DrawRows;
import manynuts.output.DrawTable;
import manynuts.output.RunDraws;

/**
 * Many NUTS chains of one model with fixed settings: Stan's adaptation (step size by dual averaging, a diagonal
 * metric from windowed warm-up), Stan's defaults unless set otherwise. The same model, settings and seed give the
 * same draws, whatever the thread count. A sampler can run any number of times; each run starts afresh.
 */
public final class NutsSampler {

    private final PosteriorModel model;
    private final SamplerSettings settings;
    private final String backend;

    private NutsSampler(PosteriorModel model, SamplerSettings settings, String backend) {
        this.model = model;
        this.settings = settings;
        this.backend = backend;
    }

    /** A builder with Stan's defaults: 4 chains, 1000 warm-up iterations and 1000 draws each, a random seed. */
    public static Builder builder(PosteriorModel model) {
        return new Builder(model);
    }

    /** The model this sampler runs. */
    public PosteriorModel model() {
        return model;
    }

    /** The seed of the runs, drawn at random when the builder was given none. */
    public long seed() {
        return settings.seed();
    }

    /**
     * Runs every chain and keeps every draw in memory (columns x chains x draws doubles: mind the heap for many
     * chains of a large model, or use {@link #stream}).
     *
     * @throws IllegalArgumentException if no initial point has a finite log density, or the backend cannot be used
     * @throws RuntimeException         (unchecked) if the model fails while sampling
     */
    public Draws collect() {
        Model chosen = model.model();
        DrawTable table = new DrawTable(chosen, settings.chains(), settings.draws());
        SamplingResult result = run(table);
        RunDraws draws = RunDraws.of(table, chosen.name());
        return new Draws(draws, settings.maxDepth(), settings.superchainSize(), settings.threads(), info(result));
    }

    /**
     * Runs every chain, handing each draw to {@code listener} as it is made, and keeps none: memory stays the
     * chains' state however long the run.
     *
     * @throws IllegalArgumentException if no initial point has a finite log density, or the backend cannot be used
     */
    public RunInfo stream(DrawListener listener) {
        Model chosen = model.model();
        DrawSink sink = DrawRows.sink(chosen, listener::draw);
        return info(run(sink));
    }

    /**
     * Runs chains {@code firstChain} to {@code firstChain + chains - 1} of this sampler's run, handing each draw to
     * {@code listener} with its chain's number in the whole run, and keeps none. Every chain's random streams are
     * keyed by the seed and that number, so the draws are bit for bit those the same chains make in {@link #stream}:
     * the parts of one run may run on different machines. {@link RunInfo#stepSizes()} has this part's chains.
     *
     * @throws IllegalArgumentException for a range outside the run's chains, a part that does not hold whole
     *                                  superchains, a pooled metric (it couples every chain of the run), or as
     *                                  {@link #stream} does
     */
    public RunInfo streamChains(int firstChain, int chains, DrawListener listener) {
        if (firstChain < 0 || chains < 1 || (long) firstChain + chains > settings.chains()) {
            throw new IllegalArgumentException("chains " + firstChain + " to " + ((long) firstChain + chains - 1)
                    + " are not within the run's " + settings.chains() + " chains");
        }
        if (settings.pooledMetric()) {
            throw new IllegalArgumentException(
                    "a pooled metric couples every chain of the run: it cannot run in parts");
        }
        int superchain = settings.superchainSize();
        if (firstChain % superchain != 0 || chains % superchain != 0) {
            throw new IllegalArgumentException("a part of the run holds whole superchains of " + superchain
                    + " chains, got chains " + firstChain + " to " + (firstChain + chains - 1));
        }
        Model chosen = model.model();
        DrawSink sink = DrawRows.sink(chosen, listener::draw);
        return info(run(sink, settings.withChains(chains), firstChain));
    }

    private SamplingResult run(DrawSink sink) {
        return run(sink, settings, 0);
    }

    private SamplingResult run(DrawSink sink, SamplerSettings settings, int firstChain) {
        Model chosen = model.model();
        try {
            FiniteStart.require(chosen, model.data(), settings);
        } catch (ModelException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        PrintWriter quiet = new PrintWriter(Writer.nullWriter());
        try (Backend device = Backends.choose(backend, Precision.FLOAT64, chosen, quiet)) {
            return new Sampler(chosen, device, settings).startingAtChain(firstChain).run(sink, new AtomicLong());
        }
    }

    private static RunInfo info(SamplingResult result) {
        return new RunInfo(result.backend(), result.seconds(), result.gradientEvaluations(),
                result.stepSizes().clone());
    }

    /**
     * Settings of a {@link NutsSampler}; each setter checks nothing, {@link #build} checks them all and says which
     * one is wrong.
     */
    public static final class Builder {
        private final PosteriorModel model;
        private int chains = 4;
        private int warmup = SamplerSettings.DEFAULT_WARMUP;
        private int draws = SamplerSettings.DEFAULT_DRAWS;
        private int thin = 1;
        private Long seed;
        private double targetAccept = SamplerSettings.DEFAULT_TARGET_ACCEPT;
        private int maxDepth = SamplerSettings.DEFAULT_MAX_DEPTH;
        private int threads = Runtime.getRuntime().availableProcessors();
        private boolean pooledMetric;
        private int superchainSize = 1;
        private String backend = "auto";

        private Builder(PosteriorModel model) {
            this.model = java.util.Objects.requireNonNull(model, "model");
        }

        /** Number of chains (default 4). */
        public Builder chains(int value) {
            chains = value;
            return this;
        }

        /** Warm-up iterations per chain (default 1000); 0 samples with the initial step size and a unit metric. */
        public Builder warmup(int value) {
            warmup = value;
            return this;
        }

        /** Draws kept per chain after warm-up (default 1000). */
        public Builder draws(int value) {
            draws = value;
            return this;
        }

        /** Keep every n-th iteration after warm-up (default 1). */
        public Builder thin(int value) {
            thin = value;
            return this;
        }

        /** The random seed (default: drawn at random; {@link NutsSampler#seed()} tells which). */
        public Builder seed(long value) {
            seed = value;
            return this;
        }

        /** Target acceptance statistic of step-size adaptation, in (0, 1) (default 0.8). */
        public Builder targetAccept(double value) {
            targetAccept = value;
            return this;
        }

        /** Maximum tree depth (default 10). */
        public Builder maxDepth(int value) {
            maxDepth = value;
            return this;
        }

        /** CPU threads that run the chains (default: every core); they do not change the draws. */
        public Builder threads(int value) {
            threads = value;
            return this;
        }

        /** Estimate one mass matrix from the warm-up draws of all chains (default: one per chain). */
        public Builder pooledMetric(boolean value) {
            pooledMetric = value;
            return this;
        }

        /**
         * Chains per superchain: each run of this many consecutive chains starts from one initial point, and the
         * summary adds nested R-hat (default 1: every chain its own start, no nested R-hat).
         */
        public Builder superchainSize(int value) {
            superchainSize = value;
            return this;
        }

        /**
         * Where the chains run: {@code auto} (default: CUDA if a device answers, else the CPU), {@code cpu},
         * {@code cuda} (every visible device) or {@code cuda:N[,M...]}.
         */
        public Builder backend(String value) {
            backend = java.util.Objects.requireNonNull(value, "backend");
            return this;
        }

        /**
         * The sampler.
         *
         * @throws IllegalArgumentException naming the setting that is out of range
         */
        public NutsSampler build() {
            long chosenSeed = seed != null ? seed : new java.security.SecureRandom().nextLong() & Long.MAX_VALUE;
            SamplerSettings settings = new SamplerSettings(chains, warmup, draws, thin, chosenSeed, targetAccept,
                    maxDepth, threads, pooledMetric, 2.0, 1.0).withSuperchainSize(superchainSize);
            return new NutsSampler(model, settings, backend);
        }
    }
}
