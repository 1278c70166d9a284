package manynuts.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import manynuts.backend.Backend;
import manynuts.diagnostics.summary.Summaries;
import manynuts.models.Model;
import manynuts.nuts.SamplerSettings;
import manynuts.nuts.SamplerStats;

/**
 * What runs will take of the heap and of the disk, estimated from their sizes before anything is allocated or
 * written, and the one-line refusal of runs that cannot fit. The heap holds a run's draws when they fit in
 * {@code heapBudget} (else they go to column files on disk), the rows on their way to its files, its chains' state while
 * they run, and then the summary's working memory; the disk holds draws.csv, the column files, the checkpoints, the
 * Stan CSV files and a few small files.
 */
public final class RunBudget {
    /** A float64 as draws.csv writes it, with its comma: 17 significant digits, sign and point (19 on average). */
    static final long CSV_BYTES_PER_VALUE = 20;
    /** A count (treedepth__, n_leapfrog__, divergent__) with its comma. */
    static final long CSV_BYTES_PER_COUNT = 4;
    /** Sampler statistics that are float64s: lp__, accept_stat__, stepsize__, energy__; the other three are counts. */
    static final int STATISTIC_VALUES = 4;
    /**
     * The sampler's own vectors of the dimension per chain, besides the backend's: the warm-up's copy of the inverse
     * metric, its Welford mean and sum of squares and the initial point, the result's inverse metric (5), and the
     * chain states a checkpoint records (position, inverse metric, Welford mean and sum of squares) with the copy it
     * writes from (8).
     */
    static final int SAMPLER_VECTORS = 13;
    /**
     * The sampler's scalars per chain: some 40 per-chain arrays (TreeState, StepBuffers, ChainProgress,
     * WarmupAdaptation), the dual averaging and Welford objects and the result's step size (about 400 bytes
     * counted), and twice the checkpoint's scalars; rounded up.
     */
    static final long SAMPLER_BYTES_PER_CHAIN = 640;
    /** Vectors of the dimension per chain in checkpoint.bin: position, inverse metric, Welford mean and squares. */
    static final int CHECKPOINT_VECTORS = 4;
    /** The rest of a chain in checkpoint.bin: what it does next, its iteration, Welford count, step size, adaptation. */
    static final long CHECKPOINT_BYTES_PER_CHAIN = 1 + 4 + 8 + 8 + 4 * 8;
    /**
     * Rows gathered for draws.csv and divergences.csv, up to a megabyte each before a write, their encoded copies, and
     * the buffers' capacity kept for the rest of the run.
     */
    static final long ROW_BUFFER_BYTES = 4L << 20;
    /** run.json, divergences.csv's header, the Stan CSV header lines: generously. */
    static final long SMALL_FILES_BYTES = 64 << 10;
    /** One row of summary.csv, generously. */
    static final long SUMMARY_ROW_BYTES = 320;

    private final String runs;
    private final boolean oneRun;
    private final long keptHeap;
    private final long peakHeap;
    private final List<Part> heapParts;
    private final List<Part> diskParts;
    private final boolean chainsDominate;
    private final long drawTable;
    private final long heapWithDrawsInMemory;
    private final long heapWithColumnFiles;

    /** A named share of the heap or the disk. */
    private record Part(String name, long bytes) {
    }

    private RunBudget(String runs, boolean oneRun, long keptHeap, long peakHeap, List<Part> heapParts,
            List<Part> diskParts,
            boolean chainsDominate, long drawTable, long heapWithDrawsInMemory, long heapWithColumnFiles) {
        this.runs = runs;
        this.oneRun = oneRun;
        this.keptHeap = keptHeap;
        this.peakHeap = peakHeap;
        this.heapParts = heapParts;
        this.diskParts = diskParts;
        this.chainsDominate = chainsDominate;
        this.drawTable = drawTable;
        this.heapWithDrawsInMemory = heapWithDrawsInMemory;
        this.heapWithColumnFiles = heapWithColumnFiles;
    }

    /** The bytes of draws a run keeps in the heap (more go to column files): a quarter of the heap's maximum. */
    public static long drawsHeapBudget() {
        return Runtime.getRuntime().maxMemory() / 4;
    }

    /** Bytes of every draw of a run in memory: each output and sampler statistic of each draw, as a float64. */
    public static long drawTableBytes(Model model, SamplerSettings settings) {
        long columns = model.outputNames().size() + SamplerStats.NAMES.size();
        return times(times(settings.chains(), settings.draws()), columns * Double.BYTES);
    }

    /**
     * The budget of one run of {@code request} on {@code backend} whose draws stay in the heap when they take less
     * than {@code heapBudget} bytes.
     */
    public static RunBudget of(ModelRun.Request request, Backend backend, long heapBudget) {
        Model model = request.model();
        SamplerSettings settings = request.settings();
        int chains = settings.chains();
        int draws = settings.draws();
        long total = times(chains, draws);
        long table = drawTableBytes(model, settings);
        boolean inMemory = table < heapBudget;
        long perChain = backend.heapBytesPerChain(model, settings.maxDepth())
                + times(SAMPLER_VECTORS, times(model.dimension(), Double.BYTES)) + SAMPLER_BYTES_PER_CHAIN;
        long chainState = times(chains, perChain);
        long summaryInMemory = Summaries.leastWorkingBytes(chains, draws, false, request.summary().ranks());
        // From column files, each parameter is read into the heap, then the four statistics the diagnostics need.
        long summaryFromColumns = Math.max(Summaries.leastWorkingBytes(chains, draws, true, request.summary().ranks()),
                times(4, times(total, Double.BYTES)));
        long summary = inMemory ? summaryInMemory : summaryFromColumns;
        long kept = plus(inMemory ? table : 0, ROW_BUFFER_BYTES);

        List<Part> heap = new ArrayList<>();
        if (inMemory) {
            heap.add(new Part("draws in memory", table));
        }
        heap.add(new Part("row buffers", ROW_BUFFER_BYTES));
        heap.add(new Part("chain state while sampling", chainState));
        heap.add(new Part("summary after it", summary));

        int outputs = model.outputNames().size();
        long valuesPerRow = times(outputs + STATISTIC_VALUES, CSV_BYTES_PER_VALUE)
                + (SamplerStats.NAMES.size() - STATISTIC_VALUES) * CSV_BYTES_PER_COUNT;
        long indexPerRow = digits(chains) + digits(draws) + digits(total) + 3;
        List<Part> disk = new ArrayList<>();
        disk.add(new Part("draws.csv", times(total, valuesPerRow + indexPerRow)));
        if (!inMemory) {
            disk.add(new Part("column files", table));
        }
        // While a checkpoint is renamed over the last one, both are on disk.
        disk.add(new Part("checkpoints", times(2 * chains, times(CHECKPOINT_VECTORS * Double.BYTES, model.dimension())
                + CHECKPOINT_BYTES_PER_CHAIN)));
        if (request.stanCsv()) {
            disk.add(new Part("Stan CSV", plus(times(total, valuesPerRow), times(chains, SMALL_FILES_BYTES))));
        }
        long small = SMALL_FILES_BYTES + times(outputs, SUMMARY_ROW_BYTES) + dataBytes(request.data());
        disk.add(new Part("other files", small));

        String runs = chains + " chains x " + draws + " draws of " + model.name();
        long withDraws = plus(plus(table, ROW_BUFFER_BYTES), Math.max(chainState, summaryInMemory));
        // A run that keeps its draws in memory whatever the heap (heapBudget MAX_VALUE) never moves them to files.
        long withColumnFiles = heapBudget == Long.MAX_VALUE ? withDraws
                : plus(ROW_BUFFER_BYTES, Math.max(chainState, summaryFromColumns));
        return new RunBudget(runs, true, kept, Math.max(chainState, summary), heap, disk, chainState >= summary, table,
                withDraws, withColumnFiles);
    }

    /** Bytes of the heap the run needs at its peak: what it keeps, and the larger of its chains and its summary. */
    public long heapBytes() {
        return plus(keptHeap, peakHeap);
    }

    /** Bytes of disk the run writes. */
    public long diskBytes() {
        long sum = 0;
        for (Part part : diskParts) {
            sum = plus(sum, part.bytes);
        }
        return sum;
    }

    /**
     * The budget of this run followed by {@code next} when both their outcomes are kept (the demo's two models): the
     * draws kept add up, the chains' state and the summaries come one at a time, the files add up.
     */
    public RunBudget andThen(RunBudget next) {
        List<Part> heap = new ArrayList<>();
        heap.add(new Part("draws and row buffers kept", plus(keptHeap, next.keptHeap)));
        heap.add(new Part("chain state or summary at most", Math.max(peakHeap, next.peakHeap)));
        List<Part> disk = new ArrayList<>(diskParts);
        for (Part part : next.diskParts) {
            int same = disk.stream().map(Part::name).toList().indexOf(part.name);
            if (same >= 0) {
                disk.set(same, new Part(part.name, plus(disk.get(same).bytes, part.bytes)));
            } else {
                disk.add(part);
            }
        }
        return new RunBudget(runs + " then " + next.runs, false, plus(keptHeap, next.keptHeap),
                Math.max(peakHeap, next.peakHeap), heap, disk, chainsDominate && next.chainsDominate,
                plus(drawTable, next.drawTable), plus(heapWithDrawsInMemory, next.heapWithDrawsInMemory),
                plus(heapWithColumnFiles, next.heapWithColumnFiles));
    }

    /**
     * Refuses, in one line saying what is needed, what there is and what to change, runs that this JVM's heap or the
     * file system of {@code directory} (of its nearest existing ancestor) cannot hold.
     *
     * @throws IllegalArgumentException when they do not fit
     */
    public void check(Path directory) {
        Runtime runtime = Runtime.getRuntime();
        long used = runtime.totalMemory() - runtime.freeMemory();
        String refusal = refusal(runtime.maxMemory(), used, usableSpace(directory), directory);
        if (refusal != null) {
            throw new IllegalArgumentException(refusal);
        }
    }

    /**
     * The line that refuses these runs with a heap of {@code maxHeap} bytes of which {@code usedHeap} are taken, and
     * {@code usableDisk} bytes free where {@code directory} goes; null when they fit.
     */
    String refusal(long maxHeap, long usedHeap, long usableDisk, Path directory) {
        long freeHeap = Math.max(0, maxHeap - usedHeap);
        boolean heapShort = heapBytes() > freeHeap;
        boolean diskShort = diskBytes() > usableDisk;
        if (!heapShort && !diskShort) {
            return null;
        }
        StringBuilder line = new StringBuilder(runs).append(" need about ");
        if (heapShort) {
            line.append(size(heapBytes())).append(" of heap (").append(describe(heapParts)).append(") but the JVM has ")
                    .append(size(freeHeap)).append(" free of ").append(size(maxHeap));
        }
        if (diskShort) {
            line.append(heapShort ? ", and about " : "").append(size(diskBytes())).append(" of disk (")
                    .append(describe(diskParts)).append(") but ").append(RunDirectory.nearestExisting(directory))
                    .append(" has ").append(size(usableDisk)).append(" free");
        }
        line.append(": ");
        if (heapShort) {
            line.append("give the JVM more heap with MANYNUTS_JAVA_OPTS=-Xmx").append(javaSize(heapToAskFor(usedHeap)))
                    .append(", or lower ").append(chainsDominate && !diskShort ? "--chains" : "--chains or --draws");
        } else {
            line.append("lower --draws or --chains");
        }
        if (diskShort) {
            // Only sample has --thin; the demo's two runs do not.
            line.append(oneRun ? " (--thin N keeps every N-th iteration, so fewer --draws span as many)" : "")
                    .append(", or choose an --output on a file system with more room");
        }
        return line.toString();
    }

    /**
     * A heap that holds these runs, with a quarter more for the collector: enough for the column files where the draws
     * would still go there in it, else for the draws in memory.
     */
    long heapToAskFor(long usedHeap) {
        long withColumnFiles = plus(usedHeap, heapWithColumnFiles);
        withColumnFiles = plus(withColumnFiles, withColumnFiles / 4);
        if (drawTable >= withColumnFiles / 4) {
            return withColumnFiles;
        }
        long withDraws = plus(usedHeap, heapWithDrawsInMemory);
        return plus(withDraws, withDraws / 4);
    }

    private static String describe(List<Part> parts) {
        List<String> named = new ArrayList<>();
        for (Part part : parts) {
            if (part.bytes > 0) {
                named.add(part.name + " " + size(part.bytes));
            }
        }
        return String.join(", ", named);
    }

    /** Free bytes on the file system that will hold {@code directory}; unknown (no limit) if it cannot be asked. */
    static long usableSpace(Path directory) {
        try {
            return Files.getFileStore(RunDirectory.nearestExisting(directory)).getUsableSpace();
        } catch (IOException | SecurityException unknown) {
            return Long.MAX_VALUE;
        }
    }

    private static long dataBytes(Path data) {
        try {
            return data == null ? 0 : Files.size(data);
        } catch (IOException unreadable) {
            return 0; // The model has read it already; a file that vanished since is no matter of size.
        }
    }

    /** Bytes in binary units, three significant digits: "512 KiB", "3.72 TiB". */
    static String size(long bytes) {
        String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        if (unit == 0) {
            return bytes + " bytes";
        }
        return String.format(Locale.ROOT, value >= 100 ? "%.0f %s" : value >= 10 ? "%.1f %s" : "%.2f %s", value,
                units[unit]);
    }

    /** A heap size as -Xmx takes it, rounded up: whole gigabytes from 1 GiB, else whole multiples of 64 MiB. */
    static String javaSize(long bytes) {
        long mebibytes = (bytes + (1 << 20) - 1) >> 20;
        if (mebibytes >= 1024) {
            return ((mebibytes + 1023) / 1024) + "g";
        }
        return ((mebibytes + 63) / 64 * 64) + "m";
    }

    private static int digits(long value) {
        return Long.toString(value).length();
    }

    /** {@code a * b}, or {@link Long#MAX_VALUE} / 2 where it would overflow (sizes this large are refused anyway). */
    static long times(long a, long b) {
        long product = a * b;
        if (a != 0 && (product / a != b || Math.abs(product) > Long.MAX_VALUE / 2)) {
            return Long.MAX_VALUE / 2;
        }
        return product;
    }

    private static long plus(long a, long b) {
        return Math.min(Long.MAX_VALUE / 2, a + b);
    }
}
