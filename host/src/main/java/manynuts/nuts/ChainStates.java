package manynuts.nuts;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import manynuts.adapt.DualAveraging;
import manynuts.adapt.WelfordVariance;

/**
 * Every chain's state at the start of its next iteration: what a run needs to go on from there and make the very
 * draws it would have made uninterrupted. Between iterations a chain is its position, iteration counter, step size,
 * dual-averaging and variance-window state, inverse metric and what it does next (a tree, a step-size search, wait
 * for a pooled metric, or nothing); its random numbers are counter-based, keyed by chain and iteration, so they
 * need no state. The tree under way is not kept: the chain builds it again from the same start.
 *
 * <p>Samplers record each chain as it ends an iteration, under this object's lock; {@link #copy} takes a consistent
 * copy for a checkpoint while they run. The file is written to a temporary name and renamed over the old one, so a
 * kill at any moment leaves the last whole checkpoint.
 */
public final class ChainStates {
    /** What a chain does at the start of its next iteration. */
    static final byte NONE = 0;
    static final byte TREE = 1;
    static final byte SEARCH = 2;
    static final byte SEARCH_RESTARTING_ADAPTATION = 3;
    static final byte WAITING = 4;
    static final byte DONE = 5;

    private static final int MAGIC = 0x4d4e434b; // "MNCK"
    private static final int VERSION = 1;

    private final int chains;
    private final int dimension;
    private final long seed;
    private final byte[] next;
    private final int[] iteration;
    private final double[] stepSize;
    private final double[] adaptation;
    private final long[] varianceCount;
    private final double[] varianceMean;
    private final double[] varianceSquares;
    private final double[] position;
    private final double[] inverseMetric;

    public ChainStates(int chains, int dimension, long seed) {
        this.chains = chains;
        this.dimension = dimension;
        this.seed = seed;
        next = new byte[chains];
        iteration = new int[chains];
        stepSize = new double[chains];
        adaptation = new double[chains * DualAveraging.STATE_SIZE];
        varianceCount = new long[chains];
        varianceMean = new double[chains * dimension];
        varianceSquares = new double[chains * dimension];
        position = new double[chains * dimension];
        inverseMetric = new double[chains * dimension];
    }

    public int chains() {
        return chains;
    }

    /** Whether chain {@code chain} has a recorded state (it was initialised before the checkpoint). */
    public synchronized boolean has(int chain) {
        return next[chain] != NONE;
    }

    /** The iteration chain {@code chain} starts next (0 when it has no state). */
    public synchronized int iteration(int chain) {
        return iteration[chain];
    }

    /**
     * The draws chain {@code chain} had made when its state was recorded: the draws of the iterations before
     * {@link #iteration}.
     */
    public synchronized int drawsMade(int chain, SamplerSettings settings) {
        int sampling = iteration[chain] - settings.warmup();
        return sampling <= 0 ? 0 : (sampling + settings.thin() - 1) / settings.thin();
    }

    /**
     * Records chain {@code chain} (a run's chain number); the caller holds this object's lock.
     *
     * @param varianceChanges whether the variance window may have changed since the chain was last recorded (it
     *                        cannot after warm-up, where copying it would only cost time)
     */
    void record(int chain, byte action, int nextIteration, double step, DualAveraging dualAveraging,
            WelfordVariance variance, boolean varianceChanges, double[] x, int offset, double[] metric) {
        next[chain] = action;
        iteration[chain] = nextIteration;
        stepSize[chain] = step;
        dualAveraging.saveTo(adaptation, chain * DualAveraging.STATE_SIZE);
        if (varianceChanges) {
            varianceCount[chain] = variance.count();
            variance.saveTo(varianceMean, varianceSquares, chain * dimension);
        }
        System.arraycopy(x, offset, position, chain * dimension, dimension);
        System.arraycopy(metric, 0, inverseMetric, chain * dimension, dimension);
    }

    /** Sets a sampler's chain from the state of chain {@code chain}; returns what the chain does next. */
    synchronized byte restore(int chain, DualAveraging dualAveraging, WelfordVariance variance, double[] x,
            int offset, double[] metric) {
        dualAveraging.restoreFrom(adaptation, chain * DualAveraging.STATE_SIZE);
        variance.restoreFrom(varianceCount[chain], varianceMean, varianceSquares, chain * dimension);
        System.arraycopy(position, chain * dimension, x, offset, dimension);
        System.arraycopy(inverseMetric, chain * dimension, metric, 0, dimension);
        return next[chain];
    }

    synchronized double stepSize(int chain) {
        return stepSize[chain];
    }

    /** A copy taken under the lock, for writing while the samplers go on. */
    public synchronized ChainStates copy() {
        ChainStates copy = new ChainStates(chains, dimension, seed);
        System.arraycopy(next, 0, copy.next, 0, chains);
        System.arraycopy(iteration, 0, copy.iteration, 0, chains);
        System.arraycopy(stepSize, 0, copy.stepSize, 0, chains);
        System.arraycopy(adaptation, 0, copy.adaptation, 0, adaptation.length);
        System.arraycopy(varianceCount, 0, copy.varianceCount, 0, chains);
        System.arraycopy(varianceMean, 0, copy.varianceMean, 0, varianceMean.length);
        System.arraycopy(varianceSquares, 0, copy.varianceSquares, 0, varianceSquares.length);
        System.arraycopy(position, 0, copy.position, 0, position.length);
        System.arraycopy(inverseMetric, 0, copy.inverseMetric, 0, inverseMetric.length);
        return copy;
    }

    /** Writes the states to {@code file} atomically: a temporary file, forced to disk, renamed over it. */
    public void write(Path file) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel),
                    1 << 16));
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(chains);
            out.writeInt(dimension);
            out.writeLong(seed);
            out.write(next);
            for (int c = 0; c < chains; c++) {
                out.writeInt(iteration[c]);
                out.writeLong(varianceCount[c]);
            }
            writeAll(out, stepSize);
            writeAll(out, adaptation);
            writeAll(out, varianceMean);
            writeAll(out, varianceSquares);
            writeAll(out, position);
            writeAll(out, inverseMetric);
            out.flush();
            channel.force(false);
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Reads states that {@link #write} wrote for a run of {@code chains} chains of dimension {@code dimension} and
     * seed {@code seed}.
     *
     * @throws IOException if the file is not such a checkpoint, with a message naming the file and what differs
     */
    public static ChainStates read(Path file, int chains, int dimension, long seed) throws IOException {
        try (InputStream stream = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            DataInputStream in = new DataInputStream(stream);
            if (in.readInt() != MAGIC || in.readInt() != VERSION) {
                throw new IOException(file + ": not a manynuts checkpoint of this version");
            }
            int fileChains = in.readInt();
            int fileDimension = in.readInt();
            long fileSeed = in.readLong();
            if (fileChains != chains || fileDimension != dimension || fileSeed != seed) {
                throw new IOException(file + ": a checkpoint of " + fileChains + " chains of dimension "
                        + fileDimension + " with seed " + fileSeed + ", but run.json says " + chains + " chains of "
                        + "dimension " + dimension + " with seed " + seed);
            }
            ChainStates states = new ChainStates(chains, dimension, seed);
            in.readFully(states.next);
            for (int c = 0; c < chains; c++) {
                states.iteration[c] = in.readInt();
                states.varianceCount[c] = in.readLong();
            }
            readAll(in, states.stepSize);
            readAll(in, states.adaptation);
            readAll(in, states.varianceMean);
            readAll(in, states.varianceSquares);
            readAll(in, states.position);
            readAll(in, states.inverseMetric);
            if (in.read() != -1) {
                throw new IOException(file + ": longer than a checkpoint of " + chains + " chains");
            }
            for (byte action : states.next) {
                if (action < NONE || action > DONE) {
                    throw new IOException(file + ": not a manynuts checkpoint (unknown chain action " + action + ")");
                }
            }
            return states;
        } catch (EOFException e) {
            throw new IOException(file + ": cut short; it is not a whole checkpoint", e);
        }
    }

    private static void writeAll(DataOutputStream out, double[] values) throws IOException {
        for (double value : values) {
            out.writeDouble(value);
        }
    }

    private static void readAll(DataInputStream in, double[] values) throws IOException {
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readDouble();
        }
    }
}
