package manynuts.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import manynuts.diagnostics.summary.ParameterSummary;
import manynuts.diagnostics.summary.Summaries;
import manynuts.diagnostics.summary.SummaryOptions;

/**
 * Times the summary of synthetic AR(1) draws shaped like a large many-chain run (default 16384 chains x 1000 draws
 * x 18 parameters) and reports seconds and peak heap. Arguments: [chains] [draws] [parameters] [threads]
 * [repeats] [ranks]: with probability {@code repeats} (default 0) a draw repeats the one before, as NUTS draws do when
 * a transition keeps its starting point, which makes runs of tied draws; {@code ranks} is exact, binned or auto
 * (default).
 */
public final class DiagnosticsBenchmark {

    private DiagnosticsBenchmark() {
    }

    public static void main(String[] args) {
        int chains = args.length > 0 ? Integer.parseInt(args[0]) : 16384;
        int draws = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int parameters = args.length > 2 ? Integer.parseInt(args[2]) : 18;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        double repeats = args.length > 4 ? Double.parseDouble(args[4]) : 0.0;
        SummaryOptions.Ranks ranks = SummaryOptions.Ranks.parse(args.length > 5 ? args[5] : "auto");
        List<String> names = new ArrayList<>();
        List<double[][]> values = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(20240611L);
        for (int p = 0; p < parameters; p++) {
            names.add("theta[" + (p + 1) + "]");
            values.add(autoregressive(chains, draws, 0.1 + 0.8 * p / Math.max(parameters - 1, 1), repeats, random));
        }
        long drawsBytes = 8L * chains * draws * parameters;
        resetPeaks();
        long start = System.nanoTime();
        List<ParameterSummary> summaries = Summaries.summarise(names, values, SummaryOptions.defaults()
                .withThreads(threads).withRanks(ranks));
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("summarised %d chains x %d draws x %d parameters in %.2f s%n", chains, draws, parameters,
                seconds);
        System.out.printf("peak heap %.0f MiB (draws alone %.0f MiB)%n", peakHeapBytes() / 1048576.0,
                drawsBytes / 1048576.0);
        System.out.printf("first parameter: ess_bulk %.1f, r_hat %.4f%n", summaries.get(0).essBulk(),
                summaries.get(0).rhat());
    }

    /**
     * AR(1) chains with unit marginal variance, started from the stationary distribution; each draw repeats the one
     * before with probability {@code repeats}.
     */
    private static double[][] autoregressive(int chains, int draws, double rho, double repeats,
            SplittableRandom random) {
        double innovationSd = Math.sqrt(1.0 - rho * rho);
        double[][] values = new double[chains][draws];
        for (double[] chain : values) {
            double state = gaussian(random);
            for (int t = 0; t < draws; t++) {
                if (t == 0 || repeats == 0.0 || random.nextDouble() >= repeats) {
                    state = rho * state + innovationSd * gaussian(random);
                }
                chain[t] = state;
            }
        }
        return values;
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller; one of the pair is enough for a benchmark.
        double u = 1.0 - random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * random.nextDouble());
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    private static long peakHeapBytes() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
