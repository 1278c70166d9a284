package manynuts.diagnostics.order;

/**
 * Sorts values ascending while carrying a long payload along (an argsort without boxing). {@link KeySort} uses
 * it to finish runs whose radix keys tie; three-way partitioning keeps heavily tied draws (e.g. Poisson) fast.
 */
final class IndexedSort {

    private static final int INSERTION_SORT_LIMIT = 24;

    private IndexedSort() {
    }

    /**
     * Sorts {@code values[from, to)} ascending and applies the same permutation to {@code payload}.
     * Both arrays are modified. Values must not be NaN.
     */
    static void sort(double[] values, long[] payload, int from, int to) {
        while (to - from > INSERTION_SORT_LIMIT) {
            double pivot = medianOfThree(values[from], values[(from + to) >>> 1], values[to - 1]);
            int lessEnd = from;
            int scan = from;
            int greaterStart = to - 1;
            while (scan <= greaterStart) {
                double value = values[scan];
                if (value < pivot) {
                    swap(values, payload, lessEnd++, scan++);
                } else if (value > pivot) {
                    swap(values, payload, scan, greaterStart--);
                } else {
                    scan++;
                }
            }
            // Recurse into the smaller side and loop on the larger one, so the stack stays O(log n).
            if (lessEnd - from < to - greaterStart - 1) {
                sort(values, payload, from, lessEnd);
                from = greaterStart + 1;
            } else {
                sort(values, payload, greaterStart + 1, to);
                to = lessEnd;
            }
        }
        insertionSort(values, payload, from, to);
    }

    private static void insertionSort(double[] values, long[] payload, int from, int to) {
        for (int i = from + 1; i < to; i++) {
            double value = values[i];
            long carried = payload[i];
            int j = i - 1;
            while (j >= from && values[j] > value) {
                values[j + 1] = values[j];
                payload[j + 1] = payload[j];
                j--;
            }
            values[j + 1] = value;
            payload[j + 1] = carried;
        }
    }

    private static double medianOfThree(double a, double b, double c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }

    private static void swap(double[] values, long[] payload, int i, int j) {
        double value = values[i];
        values[i] = values[j];
        values[j] = value;
        long carried = payload[i];
        payload[i] = payload[j];
        payload[j] = carried;
    }
}
