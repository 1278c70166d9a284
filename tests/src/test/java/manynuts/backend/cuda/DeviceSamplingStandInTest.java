package manynuts.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import manynuts.backend.Precision;
import manynuts.backend.Tolerance;
import manynuts.backend.TreeBuilding;
import manynuts.models.EightSchoolsCentered;
import manynuts.models.EightSchoolsNonCentered;
import manynuts.models.HierarchicalNormalData;
import manynuts.models.Model;
import manynuts.models.NealsFunnel;
import manynuts.nuts.ChainStates;
import manynuts.nuts.Divergence;
import manynuts.nuts.DrawSink;
import manynuts.nuts.Sampler;
import manynuts.nuts.SamplerSettings;
import manynuts.nuts.SamplerStats;
import manynuts.nuts.SamplingResult;
import manynuts.nuts.StopRequest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The device state machine (nuts_sampling.cuh through {@link CudaDeviceSampling}) against the trees the host builds
 * one leapfrog step per launch, on the real backend over the stand-in driver: the same run twice, warm-up and all,
 * differing only in where the trees are built. In warm-up the device builds one tree of a chain at a time and the
 * host adapts to each draw between launches, so every warm-up draw, its step size, tree depth, leapfrog count,
 * divergence, acceptance statistic and log density, the step sizes and metrics warm-up ends with, and every draw
 * after it must be the same bits (the acceptance statistic sums fdlibm's exp on both sides, strict_exp.cuh).
 */
@Tag("standin")
class DeviceSamplingStandInTest {

    /** 40 chains: a full warp and a partial one, whose lanes the kernel counts. */
    private static final int CHAINS = 40;

    static Stream<Model> models() {
        HierarchicalNormalData data = HierarchicalNormalData.eightSchools();
        return Stream.of(new EightSchoolsCentered(data), new EightSchoolsNonCentered(data), new NealsFunnel(3));
    }

    /**
     * 300 warm-up iterations cross three metric windows (ending at iterations 100, 150 and 250), each followed by a
     * step-size search, which the device makes at the start of the next iteration.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void deviceTreesMakeTheHostTreesDraws(Model model) {
        SamplerSettings settings = SamplerSettings.defaults(CHAINS, 20261206).withWarmup(300).withDraws(100)
                .withThreads(1);
        Recorded host = run(model, settings, TreeBuilding.HOST, Precision.FLOAT64);
        Recorded device = run(model, settings, TreeBuilding.DEVICE, Precision.FLOAT64);
        assertEquals(CHAINS * 300, host.warmupDraws, "warm-up draws recorded");
        device.assertSameAs(host, 0.0);
        assertAllOnTheDevice(device, settings);
        assertEquals(0, host.sampleLaunches, "launches of the device state machine on the host's path");
        assertEquals(host.result.gradientEvaluations(), device.result.gradientEvaluations(), "gradient evaluations");
        // Lane utilisation as the kernel counted it, per warp: some lanes idle in each launch, none paid twice.
        assertTrue(device.result.usefulSteps() > 0 && device.result.usefulSteps() < device.result.paidSteps(),
                device.result.usefulSteps() + " useful of " + device.result.paidSteps() + " paid lane-steps");
    }

    /** The centered eight schools diverge: each divergence, where it ended and its energy error, is the host's. */
    @Test
    void divergencesAreTheHostTreesDivergences() {
        Model model = new EightSchoolsCentered(HierarchicalNormalData.eightSchools());
        SamplerSettings settings = SamplerSettings.defaults(CHAINS, 5).withWarmup(100).withDraws(200)
                .withThreads(1);
        Recorded host = run(model, settings, TreeBuilding.HOST, Precision.FLOAT64);
        Recorded device = run(model, settings, TreeBuilding.DEVICE, Precision.FLOAT64);
        assertTrue(host.divergences.size() > 0, "the centered model should diverge in 8,000 draws");
        device.assertSameAs(host, 0.0);
    }

    /**
     * A pooled metric keeps the host's one-step schedule for warm-up (each window end is a meeting of every chain);
     * the sampling iterations then run on the device: the same bits throughout.
     */
    @Test
    void pooledMetricWarmupThenDeviceTrees() {
        Model model = new EightSchoolsNonCentered(HierarchicalNormalData.eightSchools());
        SamplerSettings settings = SamplerSettings.defaults(CHAINS, 23).withWarmup(200).withDraws(100)
                .withPooledMetric(true).withThreads(1);
        Recorded host = run(model, settings, TreeBuilding.HOST, Precision.FLOAT64);
        Recorded device = run(model, settings, TreeBuilding.DEVICE, Precision.FLOAT64);
        assertEquals(CHAINS * 200, host.warmupDraws, "warm-up draws recorded");
        device.assertSameAs(host, 0.0);
    }

    /** Thinned, without warm-up, at a small maximum depth (trees end there): the same draws. */
    @Test
    void thinnedRunWithoutWarmupAtASmallMaximumDepth() {
        Model model = new EightSchoolsNonCentered(HierarchicalNormalData.eightSchools());
        SamplerSettings settings = SamplerSettings.defaults(CHAINS, 3).withWarmup(0).withDraws(60).withThin(3)
                .withMaxDepth(3).withStepSize(0.05).withThreads(1);
        Recorded host = run(model, settings, TreeBuilding.HOST, Precision.FLOAT64);
        Recorded device = run(model, settings, TreeBuilding.DEVICE, Precision.FLOAT64);
        assertTrue(host.stats.stream().anyMatch(s -> s.treeDepth() == 3), "some trees should reach depth 3");
        device.assertSameAs(host, 0.0);
    }

    /** In float32 the state machine's scalars stay double on both paths, so the draws agree to float rounding. */
    @Test
    void float32DeviceTreesAgreeWithTheHostTrees() {
        Model model = new EightSchoolsNonCentered(HierarchicalNormalData.eightSchools());
        SamplerSettings settings = SamplerSettings.defaults(CHAINS, 17).withWarmup(100).withDraws(100)
                .withThreads(1);
        Recorded host = run(model, settings, TreeBuilding.HOST, Precision.FLOAT32);
        Recorded device = run(model, settings, TreeBuilding.DEVICE, Precision.FLOAT32);
        device.assertSameAs(host, 1e-5);
    }

    /**
     * Nothing lost on the device either: a run stopped while its chains sample on the device, then continued from
     * their recorded states (through the checkpoint file), makes exactly the draws of the run uninterrupted.
     */
    @Test
    void stoppedOnTheDeviceAndResumedMakesTheUninterruptedDraws(@TempDir Path directory) throws Exception {
        Model model = new EightSchoolsNonCentered(HierarchicalNormalData.eightSchools());
        SamplerSettings settings = SamplerSettings.defaults(CHAINS, 8).withWarmup(150).withDraws(200).withThin(2)
                .withThreads(1);
        ChainStates read = stopAndResume(model, settings, 400, directory);
        int stoppedEarly = 0;
        for (int c = 0; c < settings.chains(); c++) {
            stoppedEarly += read.drawsMade(c, settings) < settings.draws() ? 1 : 0;
        }
        assertTrue(stoppedEarly > 0, "the run should stop before its chains' last draws");
        // The device's draws were recorded as they came: chain 1 resumes past its warm-up, not from its start.
        assertTrue(read.drawsMade(0, settings) > 0, "no draw of the device was recorded");
    }

    /**
     * A run stopped in warm-up, while its chains go back and forth between the device's trees and the host's
     * adaptation, and continued from their recorded states makes the draws of the run uninterrupted.
     */
    @Test
    void stoppedInWarmupAndResumedMakesTheUninterruptedDraws(@TempDir Path directory) throws Exception {
        Model model = new EightSchoolsCentered(HierarchicalNormalData.eightSchools());
        SamplerSettings settings = SamplerSettings.defaults(CHAINS, 11).withWarmup(200).withDraws(60)
                .withThreads(1);
        ChainStates read = stopAndResume(model, settings, 120, directory);
        int inWarmup = 0;
        for (int c = 0; c < settings.chains(); c++) {
            inWarmup += read.iteration(c) < settings.warmup() ? 1 : 0;
        }
        assertTrue(inWarmup > 0, "the run should stop while chains are in warm-up");
    }

    /**
     * Runs {@code settings} uninterrupted, then again, stopped once chain 1 has recorded iteration {@code stopAt},
     * and from the states recorded (through the checkpoint file) to the end: the draws must be the uninterrupted
     * run's. Returns the states it resumed from, as they were at the stop.
     */
    private static ChainStates stopAndResume(Model model, SamplerSettings settings, int stopAt, Path directory)
            throws Exception {
        StandIn.assumeBuilt();
        Map<String, String> uninterrupted = new ConcurrentHashMap<>();
        Map<String, String> resumed = new ConcurrentHashMap<>();
        ChainStates states = new ChainStates(settings.chains(), model.dimension(), settings.seed());
        StopRequest stop = new StopRequest();
        ChainStates atStop;
        try (CudaBackend backend = CudaBackend.open(0)) {
            new Sampler(model, backend, settings).run(recorder(uninterrupted), new AtomicLong());
            Thread watcher = new Thread(() -> {
                while (states.iteration(0) < stopAt && !Thread.currentThread().isInterrupted()) {
                    Thread.onSpinWait();
                }
                stop.request("test");
            });
            watcher.start();
            new Sampler(model, backend, settings).run(recorder(resumed), new AtomicLong(), states, stop);
            watcher.interrupt();
            watcher.join();
            assertTrue(stop.requested());
            Path file = directory.resolve("checkpoint.bin");
            states.copy().write(file);
            ChainStates read = ChainStates.read(file, settings.chains(), model.dimension(), settings.seed());
            atStop = read.copy();
            for (int c = 0; c < settings.chains(); c++) {
                int made = read.drawsMade(c, settings);
                // Draws after the recorded states are made again; the uninterrupted run's are the ones to keep.
                int chain = c;
                resumed.keySet().removeIf(key -> key.startsWith(chain + ",")
                        && Integer.parseInt(key.split(",")[1]) >= made);
            }
            new Sampler(model, backend, settings).run(recorder(resumed), new AtomicLong(), read, new StopRequest());
        }
        assertEquals(settings.chains() * settings.draws(), uninterrupted.size());
        assertEquals(uninterrupted, resumed);
        return atStop;
    }

    private static DrawSink recorder(Map<String, String> draws) {
        return (chain, draw, position, stats) -> draws.put(chain + "," + draw,
                java.util.Arrays.toString(position) + stats);
    }

    static Recorded run(Model model, SamplerSettings settings, TreeBuilding where, Precision precision) {
        StandIn.assumeBuilt();
        Recorded recorded = new Recorded();
        long hostTrees = hostTreeLaunches();
        long samples = sampleLaunches();
        try (CudaBackend backend = CudaBackend.open(0, precision)) {
            backend.setTreeBuilding(where);
            recorded.result = new Sampler(model, backend, settings).run(recorded, new AtomicLong());
        } finally {
            recorded.hostTreeLaunches = hostTreeLaunches() - hostTrees;
            recorded.sampleLaunches = sampleLaunches() - samples;
        }
        return recorded;
    }

    /** Launches of the kernels the host's one-step schedule drives: leapfrog steps and the tree operations. */
    static long hostTreeLaunches() {
        long launches = 0;
        for (Kernel kernel : List.of(Kernel.LEAPFROG, Kernel.GENERATED_LEAPFROG, Kernel.BEGIN_TRAJECTORY,
                Kernel.BEGIN_SUBTREE, Kernel.AFTER_LEAF, Kernel.MERGE_INTO_TREE)) {
            launches += KernelCall.launches(kernel);
        }
        return launches;
    }

    /** Launches of the device state machine, of every model. */
    static long sampleLaunches() {
        return KernelCall.launches(Kernel.SAMPLE) + KernelCall.launches(Kernel.GENERATED_SAMPLE);
    }

    /**
     * That the device built every tree and made every step-size search of a run, warm-up included: the host's
     * schedule launched nothing, and each warm-up iteration took a launch of the state machine of its own.
     */
    static void assertAllOnTheDevice(Recorded device, SamplerSettings settings) {
        assertEquals(0, device.hostTreeLaunches, "launches of the host's tree and leapfrog kernels");
        assertTrue(device.sampleLaunches >= settings.warmup(), device.sampleLaunches
                + " launches of the device state machine for " + settings.warmup() + " warm-up iterations");
    }

    /** Every draw and divergence of a run, in the order the single sampler thread made them per chain. */
    static final class Recorded implements DrawSink {
        final List<String> keys = new ArrayList<>();
        final List<double[]> positions = new ArrayList<>();
        final List<SamplerStats> stats = new ArrayList<>();
        final List<Divergence> divergences = new ArrayList<>();
        int warmupDraws;
        SamplingResult result;
        /** Launches of the host schedule's kernels, and of the device state machine, during the run. */
        long hostTreeLaunches;
        long sampleLaunches;

        @Override
        public synchronized void draw(int chain, int draw, double[] position, SamplerStats statistics) {
            keys.add(chain + ":" + draw);
            positions.add(position.clone());
            stats.add(statistics);
        }

        @Override
        public boolean wantsWarmupDraws() {
            return true;
        }

        @Override
        public synchronized void warmupDraw(int chain, int iteration, double[] position, SamplerStats statistics) {
            keys.add(chain + ":warm-up " + iteration);
            positions.add(position.clone());
            stats.add(statistics);
            warmupDraws++;
        }

        @Override
        public synchronized void divergence(Divergence divergence) {
            divergences.add(divergence);
        }

        /**
         * Draw by draw, warm-up included (matched by chain and draw number), and the step sizes and metrics warm-up
         * ended with, to {@code relative}; 0 asks for the same bits.
         */
        void assertSameAs(Recorded expected, double relative) {
            assertEquals(expected.keys.size(), keys.size(), "draws made");
            assertEquals(expected.warmupDraws, warmupDraws, "warm-up draws made");
            for (int c = 0; c < expected.result.stepSizes().length; c++) {
                close(expected.result.stepSizes()[c], result.stepSizes()[c], relative, "chain " + c + " step size");
                for (int d = 0; d < expected.result.inverseMetrics()[c].length; d++) {
                    close(expected.result.inverseMetrics()[c][d], result.inverseMetrics()[c][d], relative,
                            "chain " + c + " inverse metric " + d);
                }
            }
            java.util.Map<String, Integer> at = new java.util.HashMap<>();
            for (int i = 0; i < keys.size(); i++) {
                at.put(keys.get(i), i);
            }
            for (int i = 0; i < expected.keys.size(); i++) {
                String where = "chain:draw " + expected.keys.get(i);
                Integer j = at.get(expected.keys.get(i));
                assertTrue(j != null, where + " missing");
                SamplerStats a = expected.stats.get(i);
                SamplerStats b = stats.get(j);
                assertEquals(a.treeDepth(), b.treeDepth(), where + " tree depth");
                assertEquals(a.leapfrogSteps(), b.leapfrogSteps(), where + " leapfrog steps");
                assertEquals(a.divergent(), b.divergent(), where + " divergent");
                close(a.stepSize(), b.stepSize(), relative, where + " step size");
                close(a.logDensity(), b.logDensity(), relative, where + " lp__");
                close(a.acceptStat(), b.acceptStat(), relative, where + " accept_stat__");
                close(a.energy(), b.energy(), relative, where + " energy__");
                for (int d = 0; d < expected.positions.get(i).length; d++) {
                    close(expected.positions.get(i)[d], positions.get(j)[d], relative, where + " coordinate " + d);
                }
            }
            assertEquals(expected.divergences.size(), divergences.size(), "divergences");
            List<Divergence> mine = inOrder(divergences);
            List<Divergence> theirs = inOrder(expected.divergences);
            for (int i = 0; i < mine.size(); i++) {
                Divergence a = theirs.get(i);
                Divergence b = mine.get(i);
                String where = "divergence " + i;
                assertEquals(a.chain(), b.chain(), where + " chain");
                assertEquals(a.draw(), b.draw(), where + " draw");
                close(a.energyError(), b.energyError(), relative, where + " energy error");
                for (int d = 0; d < a.position().length; d++) {
                    close(a.position()[d], b.position()[d], relative, where + " coordinate " + d);
                }
            }
        }

        /** By chain, then draw: the two paths finish chains' draws in different orders. */
        private static List<Divergence> inOrder(List<Divergence> divergences) {
            return divergences.stream().sorted(java.util.Comparator.comparingInt(Divergence::chain)
                    .thenComparingInt(Divergence::draw)).toList();
        }

        private static void close(double expected, double actual, double relative, String what) {
            if (relative == 0.0) {
                assertEquals(expected, actual, 0.0, what);
            } else {
                Tolerance.assertClose(expected, actual, relative, what);
            }
        }
    }
}
