package manynuts.diagnostics.order;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The slots of a {@link BinnedOrder}: distinct sorted edges e[0] < ... < e[k-1] taken from a sample of the draws, and
 * each gap between two edges cut into {@code fine} slots of equal width. In ascending order: slot 0 holds the values
 * below e[0] (the low tail); then for each edge j its atom, the values equal to e[j], and, unless j is the last edge,
 * the gap's fine slots; the last slot holds the values above e[k-1] (the high tail). The edges follow the draws'
 * spread, so a gap holds about as many draws as any other, and the fine slots split it further by arithmetic alone.
 *
 * <p>A value finds its gap through a uniform grid over the central edges, two cells per edge, where it meets at most
 * a few edges; the outer edges, and a grid cell crowded with edges (a long tail stretches the grid), take a binary
 * search. The edges and the grid are small enough to stay in the processor's cache, which is what makes a lookup
 * cheap; the fine slots cost no memory to find. Built on one thread; looked up from any number.
 */
final class SampledBins implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Edges in a cell up to which they are counted without a branch; a binary search takes a fuller cell. */
    private static final int LINEAR_EDGES = 4;
    /** The grid leaves out this share of edges at each end (1 / 2^SHIFT), where long tails put them far apart. */
    private static final int OUTER_SHIFT = 6;
    /** How far a fine slot's bounds are widened, in slot widths, against rounding in {@link #slotOf}. */
    private static final double BOUND_SLACK = 1e-6;

    private double[] edges = new double[0];
    /** Fine slots per unit of value in each gap: fine / (e[j+1] - e[j]). */
    private double[] gapScale = new double[0];
    private int edgeCount;
    private int fine;
    private int[] cellStart = new int[0];
    private int cells;
    private double gridLow;
    private double gridHigh;
    private double gridScale;
    /** The edges at the grid's lower and upper ends. */
    private int gridFirst;
    private int gridLast;

    /**
     * Takes the distinct values of {@code values[0, count)} as edges, {@code -0.0} and {@code 0.0} as one, and cuts
     * each gap into {@code finePerGap} slots.
     *
     * @param values no NaN; sorted in place
     */
    void build(double[] values, int count, int finePerGap) {
        Arrays.sort(values, 0, count);
        if (edges.length < count + LINEAR_EDGES) {
            edges = new double[count + LINEAR_EDGES];
            gapScale = new double[count];
        }
        int distinct = 0;
        for (int i = 0; i < count; i++) {
            if (distinct == 0 || values[i] != edges[distinct - 1]) {
                edges[distinct++] = values[i];
            }
        }
        edgeCount = distinct;
        Arrays.fill(edges, distinct, distinct + LINEAR_EDGES, Double.POSITIVE_INFINITY);
        fine = finePerGap;
        for (int j = 0; j + 1 < edgeCount; j++) {
            double scale = fine / (edges[j + 1] - edges[j]);
            // Gaps too narrow or too wide for the arithmetic keep one slot (scale 0).
            gapScale[j] = scale < Double.POSITIVE_INFINITY ? scale : 0.0;
        }
        buildGrid();
    }

    private void buildGrid() {
        int first = edgeCount >> OUTER_SHIFT;
        int last = edgeCount - 1 - (edgeCount >> OUTER_SHIFT);
        while (first < last && !Double.isFinite(edges[first])) {
            first++;
        }
        while (last > first && !Double.isFinite(edges[last])) {
            last--;
        }
        // Without a grid every value takes the binary search over all edges.
        cells = 0;
        gridFirst = edgeCount - 1;
        gridLast = 0;
        gridLow = Double.NaN;
        gridHigh = Double.NaN;
        int wanted = 2 * (last - first);
        double scale = wanted / (edges[last] - edges[first]);
        if (last <= first || !(scale > 0.0 && scale < Double.POSITIVE_INFINITY)) {
            return;
        }
        gridFirst = first;
        gridLast = last;
        gridLow = edges[first];
        gridHigh = edges[last];
        gridScale = scale;
        cells = wanted;
        if (cellStart.length < cells + 1) {
            cellStart = new int[cells + 1];
        }
        // cellStart[c]: the first edge in [first, last) whose cell is c or later.
        int edge = first;
        for (int c = 0; c <= cells; c++) {
            while (edge < last && cellOf(edges[edge]) < c) {
                edge++;
            }
            cellStart[c] = edge;
        }
    }

    private int cellOf(double value) {
        return Math.min(cells - 1, (int) ((value - gridLow) * gridScale));
    }

    int edgeCount() {
        return edgeCount;
    }

    double edge(int index) {
        return edges[index];
    }

    /** Fine slots per unit of value in the gap above edge j, or 0 if the gap is one slot. */
    double gapScale(int edge) {
        return gapScale[edge];
    }

    /** Fine slots per gap. */
    int fine() {
        return fine;
    }

    /** Number of slots, tails included. */
    int slots() {
        return (edgeCount - 1) * (fine + 1) + 3;
    }

    /** The atom slot of edge j. */
    int atomSlot(int edge) {
        return 1 + edge * (fine + 1);
    }

    /** The edge whose atom or gap holds a slot: -1 for the low tail, the last edge for the high tail. */
    int edgeOf(int slot) {
        return slot == 0 ? -1 : (slot - 1) / (fine + 1);
    }

    boolean isAtom(int slot) {
        return slot != 0 && (slot - 1) % (fine + 1) == 0;
    }

    boolean isTail(int slot) {
        return slot == 0 || slot == slots() - 1;
    }

    /** The slot of {@code value}, or -1 for NaN. */
    int slotOf(double value) {
        if (Double.isNaN(value)) {
            return -1;
        }
        int edge = lastAtOrBelow(value);
        if (edge < 0) {
            return 0;
        }
        int atom = atomSlot(edge);
        if (value == edges[edge]) {
            return atom;
        }
        if (edge == edgeCount - 1) {
            return atom + 1;
        }
        return gapSlot(edge, value);
    }

    /** The slot of a value strictly between edge j and the next. */
    int gapSlot(int edge, double value) {
        return atomSlot(edge) + 1 + Math.min(fine - 1, (int) ((value - edges[edge]) * gapScale[edge]));
    }

    /**
     * No value of the slot lies below this; slots between two edges and atoms only (the tails' bounds are the
     * smallest and largest draws, which the caller knows).
     */
    double lowerBound(int slot) {
        int edge = edgeOf(slot);
        if (isAtom(slot) || gapScale[edge] == 0.0) {
            return edges[edge];
        }
        int index = slot - atomSlot(edge) - 1;
        return Math.max(edges[edge], edges[edge] + (index - BOUND_SLACK) / gapScale[edge]);
    }

    /** No value of the slot lies above this; slots between two edges and atoms only. */
    double upperBound(int slot) {
        int edge = edgeOf(slot);
        if (isAtom(slot)) {
            return edges[edge];
        }
        int index = slot - atomSlot(edge) - 1;
        if (gapScale[edge] == 0.0 || index == fine - 1) {
            return edges[edge + 1];
        }
        return Math.min(edges[edge + 1], edges[edge] + (index + 1 + BOUND_SLACK) / gapScale[edge]);
    }

    /** The largest j with e[j] <= value, or -1; not for NaN. */
    int lastAtOrBelow(double value) {
        if (value >= gridLow && value < gridHigh) {
            // Edges of an earlier cell are below the value, edges of a later one above it, and so is the edge that
            // follows a cell's own (the grid's upper end is an edge, and padding follows the last one): counting the
            // first few edges from the cell's start that are at or below the value needs no branch.
            int cell = cellOf(value);
            int low = cellStart[cell];
            if (cellStart[cell + 1] - low <= LINEAR_EDGES) {
                return low - 1 + (edges[low] <= value ? 1 : 0) + (edges[low + 1] <= value ? 1 : 0)
                        + (edges[low + 2] <= value ? 1 : 0) + (edges[low + 3] <= value ? 1 : 0);
            }
            return search(value, low, cellStart[cell + 1]);
        }
        if (value < gridLow) {
            return search(value, 0, gridFirst + 1);
        }
        return search(value, gridLast, edgeCount);
    }

    /** The largest j in [from - 1, to) with e[j] <= value, given e[from - 1] <= value (if from > 0). */
    int search(double value, int from, int to) {
        int low = from;
        int high = to;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (edges[middle] <= value) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low - 1;
    }
}
