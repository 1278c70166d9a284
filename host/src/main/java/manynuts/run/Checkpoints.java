package manynuts.run;

import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import manynuts.nuts.ChainStates;
import manynuts.nuts.SamplerSettings;
import manynuts.nuts.StopRequest;
import manynuts.output.DivergencesCsv;
import manynuts.output.DrawsCsvWriter;

/**
 * Keeps a running sample's files current from a background thread: every second the gathered rows of draws.csv
 * and divergences.csv reach the disk, and every few seconds a checkpoint of the chains' states does too. A
 * checkpoint is consistent with the files: the states are copied first, and every draw they account for was
 * handed to the writers before that, so after the files are forced the checkpoint can be renamed into place. A
 * write that fails stops the run, and the failure is kept for the caller to throw.
 */
final class Checkpoints implements AutoCloseable {
    private static final long FLUSH_MILLIS = 1000;

    private final RunDirectory run;
    private final ChainStates states;
    private final DrawsCsvWriter draws;
    private final DivergencesCsv divergences;
    private final StopRequest stop;
    private final long checkpointMillis;
    private final ScheduledExecutorService timer;
    /** The states of the last checkpoint on disk, or null before the first. */
    private ChainStates written;
    private long lastCheckpoint;
    private IOException failure;

    private Checkpoints(RunDirectory run, ChainStates states, DrawsCsvWriter draws, DivergencesCsv divergences,
            StopRequest stop, double checkpointSeconds) {
        this.run = run;
        this.states = states;
        this.draws = draws;
        this.divergences = divergences;
        this.stop = stop;
        this.checkpointMillis = Math.max(1, Math.round(checkpointSeconds * 1000));
        this.lastCheckpoint = System.nanoTime();
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "manynuts-checkpoints");
            thread.setDaemon(true);
            return thread;
        });
    }

    static Checkpoints start(RunDirectory run, ChainStates states, DrawsCsvWriter draws, DivergencesCsv divergences,
            StopRequest stop, double checkpointSeconds) {
        Checkpoints checkpoints = new Checkpoints(run, states, draws, divergences, stop, checkpointSeconds);
        long period = Math.min(FLUSH_MILLIS, checkpoints.checkpointMillis);
        checkpoints.timer.scheduleWithFixedDelay(checkpoints::tick, period, period, TimeUnit.MILLISECONDS);
        return checkpoints;
    }

    private synchronized void tick() {
        if (failure != null) {
            return;
        }
        try {
            if ((System.nanoTime() - lastCheckpoint) / 1_000_000 >= checkpointMillis) {
                checkpoint();
            } else {
                draws.file().flush();
                divergences.file().flush();
            }
        } catch (IOException e) {
            failure = e;
            stop.request(String.valueOf(e.getMessage()));
        } catch (RuntimeException e) {
            failure = new IOException(e.getMessage(), e);
            stop.request(String.valueOf(e.getMessage()));
        }
    }

    private void checkpoint() throws IOException {
        ChainStates copy = states.copy();
        draws.file().force();
        divergences.file().force();
        copy.write(run.checkpoint());
        written = copy;
        lastCheckpoint = System.nanoTime();
    }

    /**
     * Stops the timer, writes a last checkpoint (when the files could be written) and marks the run interrupted
     * in run.json; returns each chain's whole draws on disk. Called once the samplers have stopped.
     */
    int[] interrupted(String reason, SamplerSettings settings) throws IOException {
        close();
        synchronized (this) {
            return interruptedAfterClose(reason, settings);
        }
    }

    private int[] interruptedAfterClose(String reason, SamplerSettings settings) throws IOException {
        if (failure == null) {
            try {
                checkpoint();
            } catch (IOException e) {
                failure = e;
            }
        }
        int[] drawsPerChain = new int[settings.chains()];
        if (written != null) {
            for (int c = 0; c < drawsPerChain.length; c++) {
                drawsPerChain[c] = written.drawsMade(c, settings);
            }
        }
        try {
            run.writeInterrupted(reason, drawsPerChain);
        } catch (IOException e) {
            if (failure == null) {
                throw e;
            }
            // The write that stopped the run is the one to report.
            failure.addSuppressed(e);
        }
        return drawsPerChain;
    }

    /** Throws the write failure that stopped the run, if one did. */
    synchronized void rethrowFailure() throws IOException {
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Stops the timer after the tick under way, if any: never by interrupting it, since an interrupt during a write
     * closes the file's channel.
     */
    @Override
    public void close() {
        timer.shutdown();
        try {
            timer.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
