package manynuts.cli;

import java.io.PrintStream;
import java.util.Locale;
import manynuts.run.RunProgress;

/**
 * A one-line progress bar (warm-up iterations, then draws done of the total, draws per second, divergences so far,
 * elapsed time, time left), drawn by a
 * daemon thread that polls the sampler's counters: redrawn in place on a terminal, or written as a new line every
 * few seconds to a log ({@code --progress always} with stderr redirected); silent by default when stderr is not a
 * terminal, so logs and pipes stay clean.
 */
final class ProgressBar implements AutoCloseable {
    private static final int WIDTH = 30;
    private static final long TERMINAL_PERIOD_MILLIS = 250;
    private static final long LOG_PERIOD_MILLIS = 10_000;

    /** When to show the bar: on a terminal only, always, or never. */
    enum Mode {
        AUTO, ALWAYS, NEVER;

        /** The mode named {@code name} ({@code auto}, {@code always}, {@code never}), or one line saying why not. */
        static Mode parse(String name) {
            for (Mode mode : values()) {
                if (mode.name().equalsIgnoreCase(name == null ? "" : name.strip())) {
                    return mode;
                }
            }
            throw new UsageException("--progress " + name + ": expected auto, always or never");
        }
    }

    private final RunProgress progress;
    private final PrintStream terminal;
    private final boolean redraw;
    private final long periodMillis;
    private final long start = System.nanoTime();
    private final Thread painter;
    private volatile boolean running = true;
    // When the first draw after warm-up arrived: the rate of draws since then predicts the rest better than the
    // rate since the start, which includes warm-up.
    private long firstDrawAt;
    private int lastLength;

    /**
     * @param terminal where to draw, or null for a silent bar
     * @param redraw   true to redraw one line in place (a terminal), false to write a new line each period (a log)
     */
    ProgressBar(RunProgress progress, PrintStream terminal, boolean redraw, long periodMillis) {
        this.progress = progress;
        this.terminal = terminal;
        this.redraw = redraw;
        this.periodMillis = periodMillis;
        if (terminal == null) {
            painter = null;
            return;
        }
        painter = new Thread(this::paintUntilClosed, "manynuts-progress");
        painter.setDaemon(true);
        painter.start();
    }

    /** A bar on System.err when it is a terminal (System.console() is non-null), otherwise one that prints nothing. */
    static ProgressBar start(RunProgress progress) {
        return start(progress, Mode.AUTO);
    }

    /**
     * A bar on System.err as {@code mode} asks: {@code AUTO} draws on a terminal only (Java 17 sees a terminal only
     * when stdin and stdout are one too), {@code ALWAYS} also writes a line every ten seconds to a redirected
     * stderr, {@code NEVER} prints nothing.
     */
    static ProgressBar start(RunProgress progress, Mode mode) {
        boolean terminal = System.console() != null;
        return switch (mode) {
            case NEVER -> new ProgressBar(progress, null, true, TERMINAL_PERIOD_MILLIS);
            case AUTO -> new ProgressBar(progress, terminal ? System.err : null, true, TERMINAL_PERIOD_MILLIS);
            case ALWAYS -> new ProgressBar(progress, System.err, terminal,
                    terminal ? TERMINAL_PERIOD_MILLIS : LOG_PERIOD_MILLIS);
        };
    }

    private void paintUntilClosed() {
        while (running) {
            if (redraw) {
                terminal.print('\r' + padded(line()));
            } else {
                terminal.println(line());
            }
            terminal.flush();
            try {
                Thread.sleep(periodMillis);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * The bar as text: in warm-up, e.g. {@code centered warm-up [###-------] 6400/64000 iterations, 3 s}; then e.g.
     * {@code centered sampling [#####-----] 32000/64000 draws, 2,667 draws/s, 412 divergent, 12 s, ETA 12 s}.
     */
    String line() {
        long done = progress.draws().get();
        long total = Math.max(1, progress.total());
        long now = System.nanoTime();
        double seconds = (now - start) / 1e9;
        if (done > 0 && firstDrawAt == 0) {
            firstDrawAt = now;
        }
        if (done == 0) {
            long warmupTotal = progress.warmupTotal();
            long warmedUp = Math.min(progress.warmup().get(), warmupTotal);
            if (warmupTotal == 0) {
                return String.format(Locale.ROOT, "%s warming up [%s] 0/%d draws, %s", progress.label(),
                        "-".repeat(WIDTH), progress.total(), duration(seconds));
            }
            return String.format(Locale.ROOT, "%s warm-up [%s] %d/%d iterations, %s", progress.label(),
                    bar((double) warmedUp / warmupTotal), warmedUp, warmupTotal, duration(seconds));
        }
        double sampling = (now - firstDrawAt) / 1e9;
        String rate = sampling < 1.0 ? "... draws/s" : String.format(Locale.ROOT, "%,.0f draws/s", done / sampling);
        String eta = done >= progress.total() ? "done"
                : sampling < 1.0 ? "ETA ..."
                : String.format(Locale.ROOT, "ETA %s", duration(sampling * (total - done) / done));
        return String.format(Locale.ROOT, "%s sampling [%s] %d/%d draws, %s, %d divergent, %s, %s", progress.label(),
                bar((double) done / total), done, progress.total(), rate, progress.divergences().get(),
                duration(seconds), eta);
    }

    private static String bar(double share) {
        int filled = (int) (WIDTH * Math.min(1.0, share));
        return "#".repeat(filled) + "-".repeat(WIDTH - filled);
    }

    /** The line padded with spaces over whatever the previous, longer line left on the terminal. */
    private String padded(String line) {
        String out = line + " ".repeat(Math.max(0, lastLength - line.length()));
        lastLength = line.length();
        return out;
    }

    private static String duration(double seconds) {
        long whole = Math.round(seconds);
        return whole < 60 ? whole + " s" : String.format(Locale.ROOT, "%d min %02d s", whole / 60, whole % 60);
    }

    /** Stops redrawing and leaves the final state of the bar on its own line. */
    @Override
    public void close() {
        if (painter == null) {
            return;
        }
        running = false;
        painter.interrupt();
        try {
            painter.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        terminal.println(redraw ? '\r' + padded(line()) : line());
        terminal.flush();
    }
}
