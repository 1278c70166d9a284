package manynuts.backend.cuda;

import java.nio.DoubleBuffer;
import java.nio.IntBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import manynuts.backend.DeviceSampling;
import manynuts.backend.SampledDraws;

/**
 * The device state machine of one {@link CudaChainBlock} ({@code <prefix>_sample}, nuts_sampling.cuh): each launch
 * runs every started chain for up to {@link SampledDraws#slots()} draws, its step budget or its stop iteration,
 * whichever comes first, the chain's tree state staying on the device between launches.
 *
 * <p>Two sets of output tables alternate, so the device need not wait for the host: while the host reads one launch's
 * draws, the next launch runs and writes the other set. Launches run on the block's stream; a second stream copies
 * each launch's tables to pinned memory once it ends (an event), and the next launch into a set waits for that copy
 * (another event). Per launch: one upload (the warps' counters zeroed), two more where chains are handed over (the
 * set's start tables), one kernel, three copies, and the host waits once, for the copy it reads. While the host
 * hands warm-up chains back after each draw, a launch goes only once the host has read the one before (a chain
 * parked in a launch queued ahead would sit out the next one too).
 *
 * <p>The step budget follows the chains: about three quarters of the steps the last launch's chains needed for a
 * full set of draws, so that most lanes of a warp run the whole launch rather than wait, idle, for the slowest
 * chain's last tree. Launch boundaries do not change the draws.
 */
final class CudaDeviceSampling implements DeviceSampling, AutoCloseable {
    // Counter and scalar rows of nuts_sampling.cuh.
    static final int COUNTERS = 11;
    private static final int PHASE = 0;
    static final int SCALARS = 9;
    /** Rows of the start tables: starts (iteration, stop, search first), startScalars (step size, log density). */
    static final int START_COUNTS = 3;
    static final int START_SCALARS = 2;
    static final int DRAW_COUNTS = 4;
    static final int DRAW_SCALARS = 5;
    /** The launch's rows before the draws' counters: phase, draws made, leapfrog steps. */
    static final int LAUNCH_ROWS = 3;
    // Phases.
    private static final int FINISH = 2;
    private static final int DONE = 3;

    /** Each set of draws tables' size for a block, at most: it bounds the slots per launch of large blocks. */
    private static final long DRAWS_TABLE_BYTES = 128L << 20;
    /** Draws per chain per launch, at most. */
    static final int MAX_SLOTS = 8;
    /** Threads per warp on every CUDA device. */
    static final int WARP = 32;

    /** What the block does with chains whose evaluation stopped: stop the run (fatal_error), or grow the tapes. */
    interface StoppedEvaluations {
        void resolve(int[] chains, int count);
    }

    /** One set of a launch's outputs, on the device and in pinned memory, and the events that order its use. */
    private final class Tables implements AutoCloseable {
        private final Deque<AutoCloseable> owned = new ArrayDeque<>();
        final DeviceBuffer draws;
        final DeviceBuffer counts;
        final DeviceBuffer warpSteps;
        final PinnedBuffer hostDraws;
        final PinnedBuffer hostCounts;
        final PinnedBuffer hostWarps;
        /** The chains handed over to this set's launch: their iteration (-1 for none) and stop, their scalars. */
        final DeviceBuffer starts;
        final DeviceBuffer startScalars;
        final PinnedBuffer hostStarts;
        final PinnedBuffer hostStartScalars;
        /** Whether the last launch into this set handed chains over (its start tables are not all -1). */
        boolean handedOver;
        /** The launch that writes these tables has ended (on the block's stream). */
        final CudaEvent written;
        /** Their copy to the host has ended (on the copy stream). */
        final CudaEvent copied;
        final KernelCall call;
        boolean inFlight;
        /** The slots the last launch into this set could fill, and copied back: a prefix of each table. */
        int filledSlots;

        Tables(KernelCall call) {
            try {
                draws = own(DeviceBuffer.ofDoubles(drawsBytes(slots, dimension, chains) / Double.BYTES));
                counts = own(DeviceBuffer.ofInts(countsBytes(slots, chains) / Integer.BYTES));
                warpSteps = own(DeviceBuffer.ofInts(2L * warps));
                hostDraws = own(new PinnedBuffer(draws.bytes()));
                hostCounts = own(new PinnedBuffer(counts.bytes()));
                hostWarps = own(new PinnedBuffer(warpSteps.bytes()));
                starts = own(DeviceBuffer.ofInts((long) START_COUNTS * chains));
                startScalars = own(DeviceBuffer.ofDoubles((long) START_SCALARS * chains));
                hostStarts = own(new PinnedBuffer(starts.bytes()));
                hostStartScalars = own(new PinnedBuffer(startScalars.bytes()));
                hostStarts.ints().put(0, none);
                starts.upload(hostStarts, hostStarts.bytes(), stream);
                written = own(new CudaEvent());
                copied = own(new CudaEvent());
            } catch (RuntimeException | Error e) {
                close();
                throw e;
            }
            this.call = call.pointer("draws", draws).pointer("drawCounts", counts).pointer("warpSteps", warpSteps)
                    .pointer("starts", starts).pointer("startScalars", startScalars);
        }

        private <T extends AutoCloseable> T own(T resource) {
            owned.push(resource);
            return resource;
        }

        @Override
        public void close() {
            Resources.closeAll(owned);
        }
    }

    private final Runnable makeCurrent;
    /** The block's stream: the launches, in order with the block's other work. */
    private final CudaStream stream;
    private final StoppedEvaluations stopped;
    private final int chains;
    private final int dimension;
    private final int maxDepth;
    private final int slots;
    private final int warps;
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final CudaStream copies;
    private final DeviceBuffer counters;
    private final DeviceBuffer scalars;
    /** Zeros for the warps' counters before each launch. */
    private final PinnedBuffer zeros;
    private final Tables[] tables = new Tables[2];
    private final SampledDraws result;
    private final int[] stoppedChains;
    /** The set the next draws come from. */
    private int current;
    private int budget;
    /**
     * The budget of a launch of one draw a chain: the mean tree of the draws the last launch made, doubled after a
     * launch that made none (its chains are deep in their trees).
     */
    private int oneDrawBudget;
    /** -1 in every row of a start table: no chain handed over. */
    private final int[] none;
    /** Chains handed over since the last launch, waiting for the next; their values in the start tables' rows. */
    private final int[] waiting;
    private int waitingCount;
    private final int[] waitingCounts;
    private final double[] waitingScalars;
    /**
     * The draws each chain may still make, at most: its stop less its iteration when handed over, less the draws read
     * since. A launch fills no more slots than the largest, so a warm-up launch (one draw a chain) copies one slot.
     */
    private final int[] drawsLeft;
    /** The last launch read: lane-steps that advanced a chain, lane-steps paid for. */
    private long launchSteps;
    private long usefulSteps;
    private long paidSteps;

    /**
     * @param calls two launches of the model's sample kernel, bound to its data and the block's state: one per set of
     *              output tables
     */
    CudaDeviceSampling(KernelCall[] calls, Runnable makeCurrent, CudaStream stream, StoppedEvaluations stopped,
            int chains, int dimension, int maxDepth, int firstChain, long seed) {
        this.makeCurrent = makeCurrent;
        this.stream = stream;
        this.stopped = stopped;
        this.chains = chains;
        this.dimension = dimension;
        this.maxDepth = maxDepth;
        this.slots = slots(dimension, chains);
        this.warps = (chains + WARP - 1) / WARP;
        this.budget = slots * 8;
        this.oneDrawBudget = 8;
        this.stoppedChains = new int[chains];
        this.none = new int[START_COUNTS * chains];
        Arrays.fill(none, -1);
        this.waiting = new int[chains];
        this.waitingCounts = new int[START_COUNTS * chains];
        this.waitingScalars = new double[START_SCALARS * chains];
        this.drawsLeft = new int[chains];
        try {
            copies = own(new CudaStream());
            counters = own(DeviceBuffer.ofInts((long) COUNTERS * chains));
            scalars = own(DeviceBuffer.ofDoubles((long) SCALARS * chains));
            zeros = own(new PinnedBuffer(2L * warps * Integer.BYTES));
            zeros.ints().put(0, new int[2 * warps]);
            for (int t = 0; t < 2; t++) {
                KernelCall call = calls[t].integer("slots", slots).integer("maxDepth", maxDepth)
                        .integer("firstChain", firstChain).integer("key0", (int) seed)
                        .integer("key1", (int) (seed >>> 32)).pointer("counters", counters)
                        .pointer("scalars", scalars);
                tables[t] = own(new Tables(call));
            }
            // Every chain parked until handed over (the phase is the counters' first row).
            try (PinnedBuffer phases = new PinnedBuffer((long) chains * Integer.BYTES)) {
                int[] parked = new int[chains];
                Arrays.fill(parked, DONE);
                phases.ints().put(0, parked);
                counters.upload(phases, phases.bytes(), stream);
                stream.synchronize();
            }
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
        this.result = new SampledDraws(chains, dimension, slots);
    }

    private <T extends AutoCloseable> T own(T resource) {
        resources.push(resource);
        return resource;
    }

    /** Bytes of a draws table's first {@code filledSlots} slots: what a launch that fills them copies back. */
    static long drawsBytes(int filledSlots, int dimension, long chains) {
        return filledSlots * (2L * dimension + DRAW_SCALARS) * chains * Double.BYTES;
    }

    /** Bytes of a counts table's launch rows and first {@code filledSlots} slots. */
    static long countsBytes(int filledSlots, long chains) {
        return (LAUNCH_ROWS + (long) filledSlots * DRAW_COUNTS) * chains * Integer.BYTES;
    }

    /** Draws per chain per launch for a block of {@code chains}: {@link #MAX_SLOTS}, fewer for large blocks. */
    static int slots(int dimension, long chains) {
        long width = 2L * dimension + DRAW_SCALARS;
        return (int) Math.max(1, Math.min(MAX_SLOTS, DRAWS_TABLE_BYTES / (width * Double.BYTES * chains)));
    }

    @Override
    public void start(int[] list, int count, int[] iteration, double[] stepSize, double[] drawLogDensity,
            int[] stopIteration, boolean[] searchFirst) {
        for (int i = 0; i < count; i++) {
            int c = list[i];
            waiting[waitingCount++] = c;
            waitingCounts[c] = iteration[c];
            waitingCounts[chains + c] = stopIteration[c];
            waitingCounts[2 * chains + c] = searchFirst[c] ? 1 : 0;
            waitingScalars[c] = stepSize[c];
            waitingScalars[chains + c] = drawLogDensity[c];
        }
    }

    @Override
    public SampledDraws next(boolean handingBack) {
        makeCurrent.run();
        Tables reading = tables[current];
        if (!reading.inFlight) {
            launch(reading, handingBack);
        }
        // Unless chains come back after each draw, the next launch goes at once, into the other set, so the device
        // works while the host reads this one; once every chain is done it finds nothing to do.
        Tables writing = tables[1 - current];
        if (!handingBack) {
            launch(writing, false);
        }
        reading.copied.synchronize();
        reading.inFlight = false;
        boolean finished = read(reading) && waitingCount == 0 && !(writing.inFlight && writing.handedOver);
        result.endLaunch(launchSteps, usefulSteps, paidSteps, finished);
        current = 1 - current;
        if (finished) {
            settle();
        }
        return result;
    }

    /**
     * Copies a launch's tables out of pinned memory, its steps and lane counts to {@link #launchSteps},
     * {@link #usefulSteps} and {@link #paidSteps}; resolves stopped evaluations; returns whether every chain of the
     * launch is parked.
     */
    private boolean read(Tables set) {
        IntBuffer counts = set.hostCounts.ints();
        int stops = 0;
        boolean finished = true;
        for (int c = 0; c < chains; c++) {
            int phase = counts.get(PHASE * chains + c);
            finished &= phase == DONE;
            if (phase == FINISH) {
                stoppedChains[stops++] = c;
            }
        }
        if (stops > 0) {
            stopped.resolve(stoppedChains, stops);
        }
        int[] made = result.madeTable();
        counts.get(chains, made, 0, chains);
        int most = 0;
        long totalSteps = 0;
        long totalDraws = 0;
        for (int c = 0; c < chains; c++) {
            most = Math.max(most, made[c]);
            totalSteps += counts.get(2 * chains + c);
            totalDraws += made[c];
            drawsLeft[c] -= made[c];
        }
        if (most > set.filledSlots) {
            throw new IllegalStateException("a chain made " + most + " draws in a launch that could fill "
                    + set.filledSlots + " slots");
        }
        // Only the slots some chain filled.
        int width = 2 * dimension + DRAW_SCALARS;
        set.hostDraws.doubles().get(0, result.realsTable(), 0, most * width * chains);
        counts.get(LAUNCH_ROWS * chains, result.countsTable(), 0, most * DRAW_COUNTS * chains);
        IntBuffer warp = set.hostWarps.ints();
        usefulSteps = 0;
        paidSteps = 0;
        for (int w = 0; w < warps; w++) {
            usefulSteps += warp.get(w);
            paidSteps += (long) Math.min(WARP, chains - w * WARP) * warp.get(warps + w);
        }
        launchSteps = totalSteps;
        adaptBudget(totalSteps, totalDraws);
        long treeSteps = 0;
        for (int c = 0; c < chains; c++) {
            for (int k = 0; k < made[c]; k++) {
                treeSteps += result.leapfrogSteps(c, k);
            }
        }
        int fullTree = 1 << maxDepth;
        oneDrawBudget = totalDraws == 0 ? Math.min(2 * oneDrawBudget, fullTree)
                : (int) Math.max(1, Math.min(treeSteps / totalDraws, fullTree));
        return finished;
    }

    /** About three quarters of the steps the chains took per draw, times the slots; within one to a full tree each. */
    private void adaptBudget(long steps, long madeDraws) {
        if (madeDraws == 0) {
            return;
        }
        long perDraw = Math.max(1, steps / madeDraws);
        long wanted = Math.max(slots, 3 * perDraw * slots / 4);
        budget = (int) Math.min(wanted, (long) slots << maxDepth);
    }

    /**
     * Queues a launch into {@code set} once its last copy to the host has ended, and the copy of what it writes once
     * it has ended.
     */
    private void launch(Tables set, boolean oneDraw) {
        stream.waitFor(set.copied);
        set.warpSteps.upload(zeros, zeros.bytes(), stream);
        handOver(set);
        set.call.integer("budget", oneDraw ? oneDrawBudget : budget).launch(stream, chains);
        set.written.record(stream);
        copies.waitFor(set.written);
        int most = 0;
        for (int c = 0; c < chains; c++) {
            most = Math.max(most, drawsLeft[c]);
        }
        set.filledSlots = Math.min(slots, most);
        set.counts.download(set.hostCounts, countsBytes(set.filledSlots, chains), copies);
        set.draws.download(set.hostDraws, drawsBytes(set.filledSlots, dimension, chains), copies);
        set.warpSteps.download(set.hostWarps, set.hostWarps.bytes(), copies);
        set.copied.record(copies);
        set.inFlight = true;
    }

    /**
     * Writes the chains handed over since the last launch into {@code set}'s start tables and uploads them (or clears
     * the entries its last launch took). The host last wrote these pinned tables before that launch, whose draws it
     * has read since, so their upload is done.
     */
    private void handOver(Tables set) {
        if (waitingCount == 0 && !set.handedOver) {
            return;
        }
        IntBuffer startCounts = set.hostStarts.ints();
        DoubleBuffer startScalars = set.hostStartScalars.doubles();
        startCounts.put(0, none);
        for (int i = 0; i < waitingCount; i++) {
            int c = waiting[i];
            drawsLeft[c] = Math.max(0, waitingCounts[chains + c] - waitingCounts[c]);
            for (int row = 0; row < START_COUNTS; row++) {
                startCounts.put(row * chains + c, waitingCounts[row * chains + c]);
            }
            for (int row = 0; row < START_SCALARS; row++) {
                startScalars.put(row * chains + c, waitingScalars[row * chains + c]);
            }
        }
        set.starts.upload(set.hostStarts, set.hostStarts.bytes(), stream);
        set.startScalars.upload(set.hostStartScalars, set.hostStartScalars.bytes(), stream);
        set.handedOver = waitingCount > 0;
        waitingCount = 0;
    }

    /** Waits for every queued launch and copy: nothing is in flight afterwards. */
    private void settle() {
        stream.synchronize();
        copies.synchronize();
        for (Tables set : tables) {
            set.inFlight = false;
        }
    }

    @Override
    public void close() {
        makeCurrent.run();
        if (copies != null) {
            settle();
        }
        Resources.closeAll(resources);
    }
}
