package manynuts.diagnostics.order;

import java.io.Serializable;
import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.IntStream;
import manynuts.diagnostics.draws.ChainParts;

/**
 * The passes of a {@link BinnedOrder} over the parts of the chains, each with only what it needs and a result that
 * merges in any order: the sample of draws the edges come from, the count of every slot, and the draws of the slots
 * that order statistics and the tails need.
 */
final class BinnedPasses {

    private BinnedPasses() {
    }

    /** What is ranked, from a draw: the draw itself or its deviation from the median. */
    interface Fold extends DoubleUnaryOperator, Serializable {
    }

    /** Sampled draws, folded, with their places in the sample. */
    record Picked(int[] index, double[] value) implements Serializable {
    }

    /** The draws at {@code chain[i]}, {@code draw[i]} that lie in a part. */
    static ChainParts.Pass<Picked> pick(int[] chain, int[] draw, Fold fold) {
        return (draws, firstChain) -> {
            int[] index = IntStream.range(0, chain.length)
                    .filter(i -> chain[i] >= firstChain && chain[i] < firstChain + draws.length).toArray();
            double[] value = new double[index.length];
            for (int k = 0; k < index.length; k++) {
                value[k] = fold.applyAsDouble(draws[chain[index[k]] - firstChain][draw[index[k]]]);
            }
            return new Picked(index, value);
        };
    }

    /**
     * Draws per slot that survive the split and that it drops (the middle draw of odd chains; empty where chains are
     * even and the split drops none), the smallest and largest value, and how many values are -0.0; {@code missing}
     * if a value is NaN.
     */
    record SlotCounts(int[] kept, int[] dropped, double lowest, double highest, int negativeZeros, boolean missing)
            implements Serializable {

        SlotCounts plus(SlotCounts other) {
            return new SlotCounts(sum(kept, other.kept), sum(dropped, other.dropped), Math.min(lowest, other.lowest),
                    Math.max(highest, other.highest), negativeZeros + other.negativeZeros,
                    missing || other.missing);
        }

        /** Draws in a slot, kept or dropped. */
        int all(int slot) {
            return kept[slot] + (dropped.length == 0 ? 0 : dropped[slot]);
        }

        private static int[] sum(int[] first, int[] second) {
            int[] sum = first.clone();
            for (int s = 0; s < sum.length; s++) {
                sum[s] += second[s];
            }
            return sum;
        }
    }

    static ChainParts.Pass<SlotCounts> count(SampledBins bins, int slots, int droppedDraw, Fold fold) {
        return (draws, firstChain) -> {
            int[] kept = new int[slots];
            int[] dropped = new int[droppedDraw < 0 ? 0 : slots];
            double low = Double.POSITIVE_INFINITY;
            double high = Double.NEGATIVE_INFINITY;
            int zeros = 0;
            for (double[] chain : draws) {
                for (int t = 0; t < chain.length; t++) {
                    double value = fold.applyAsDouble(chain[t]);
                    int slot = bins.slotOf(value);
                    if (slot < 0) {
                        return new SlotCounts(kept, dropped, low, high, zeros, true);
                    }
                    if (t == droppedDraw) {
                        dropped[slot]++;
                    } else {
                        kept[slot]++;
                    }
                    low = Math.min(low, value);
                    high = Math.max(high, value);
                    if (value == 0.0 && Double.doubleToRawLongBits(value) != 0L) {
                        zeros++;
                    }
                }
            }
            return new SlotCounts(kept, dropped, low, high, zeros, false);
        };
    }

    /**
     * Gathered values: {@code value[k]} belongs to the {@code target[k]}-th gathered slot;
     * the tails' kept values separately (they are in the outer gathered slots too).
     */
    record Gathered(int[] target, double[] value, double[] keptLow, double[] keptHigh)
            implements Serializable {

        Gathered plus(Gathered other) {
            return new Gathered(concat(target, other.target), concat(value, other.value),
                    concat(keptLow, other.keptLow), concat(keptHigh, other.keptHigh));
        }

        private static int[] concat(int[] first, int[] second) {
            int[] both = Arrays.copyOf(first, first.length + second.length);
            System.arraycopy(second, 0, both, first.length, second.length);
            return both;
        }

        private static double[] concat(double[] first, double[] second) {
            double[] both = Arrays.copyOf(first, first.length + second.length);
            System.arraycopy(second, 0, both, first.length, second.length);
            return both;
        }
    }

    /**
     * The values of the gathered slots (ascending numbers {@code slots}): the tails, below the first edge and above
     * the last, go to the first and last gathered slot; a value between the outer edges is looked up among the gaps
     * (by their lower edges {@code gapLow}) that hold a gathered slot.
     */
    static ChainParts.Pass<Gathered> gather(SampledBins bins, int[] slots, int[] gaps, double[] gapLow, int gapCount,
            int droppedDraw, Fold fold) {
        return (draws, firstChain) -> {
            double lowEdge = bins.edge(0);
            double highEdge = bins.edge(bins.edgeCount() - 1);
            int lastIndex = slots.length - 1;
            int size = 0;
            int[] target = new int[16];
            double[] value = new double[16];
            double[] keptLow = new double[16];
            double[] keptHigh = new double[16];
            int lowCount = 0;
            int highCount = 0;
            for (double[] chain : draws) {
                for (int t = 0; t < chain.length; t++) {
                    double folded = fold.applyAsDouble(chain[t]);
                    int slot;
                    if (folded < lowEdge) {
                        slot = 0;
                        if (t != droppedDraw) {
                            keptLow = grown(keptLow, lowCount);
                            keptLow[lowCount++] = folded;
                        }
                    } else if (folded > highEdge) {
                        slot = lastIndex;
                        if (t != droppedDraw) {
                            keptHigh = grown(keptHigh, highCount);
                            keptHigh[highCount++] = folded;
                        }
                    } else {
                        slot = gatheredIndex(bins, slots, folded, gaps, gapLow, gapCount);
                        if (slot < 0) {
                            continue;
                        }
                    }
                    target = grown(target, size);
                    value = grown(value, size);
                    target[size] = slot;
                    value[size++] = folded;
                }
            }
            return new Gathered(Arrays.copyOf(target, size), Arrays.copyOf(value, size),
                    Arrays.copyOf(keptLow, lowCount), Arrays.copyOf(keptHigh, highCount));
        };
    }

    private static double[] grown(double[] values, int size) {
        return size < values.length ? values : Arrays.copyOf(values, 2 * values.length);
    }

    private static int[] grown(int[] values, int size) {
        return size < values.length ? values : Arrays.copyOf(values, 2 * values.length);
    }

    /** Where a value between the outer edges goes among the gathered slots, or -1 if its slot is not gathered. */
    private static int gatheredIndex(SampledBins bins, int[] slots, double value, int[] gaps, double[] gapLow,
            int gapCount) {
        // The last wanted gap whose lower edge is below the value; the value must also be below its upper edge.
        int low = OrderStatistics.firstAtOrAbove(gapLow, gapCount, value);
        if (low == 0 || !(value < bins.edge(gaps[low - 1] + 1))) {
            return -1;
        }
        // Strictly inside that gap, so its slot follows without searching the edges again.
        int slot = bins.gapSlot(gaps[low - 1], value);
        int index = Arrays.binarySearch(slots, slot);
        return index < 0 ? -1 : index;
    }
}
