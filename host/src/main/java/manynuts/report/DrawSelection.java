package manynuts.report;

/**
 * The draws that a plot of several parameters at once shows, at an even stride over all chains: divergent draws in
 * their share of all draws, but all of them when they are rare, up to a tenth of the budget, so that a few
 * divergences are never thinned away. Deterministic, so the same run gives the same picture.
 *
 * @param chain     the chain of each kept draw
 * @param draw      its index within the chain
 * @param divergent whether it diverged
 * @param total     how many draws there were to choose from
 * @param divergences how many of those diverged
 */
public record DrawSelection(int[] chain, int[] draw, boolean[] divergent, long total, long divergences) {

    /** @param divergent not modified; {@code [chain][draw]} */
    public static DrawSelection of(boolean[][] divergent, int budget) {
        long total = 0;
        long divergences = 0;
        for (boolean[] flags : divergent) {
            total += flags.length;
            for (boolean flag : flags) {
                divergences += flag ? 1 : 0;
            }
        }
        long share = total == 0 ? 0 : Math.round((double) budget * divergences / total);
        int divergentRoom = (int) Math.min(divergences, Math.max(share, budget / 10));
        int otherRoom = (int) Math.min(total - divergences, budget - divergentRoom);
        double divergentStride = divergentRoom == 0 ? 1 : (double) divergences / divergentRoom;
        double otherStride = otherRoom == 0 ? 1 : (double) (total - divergences) / otherRoom;
        int[] chains = new int[divergentRoom + otherRoom];
        int[] draws = new int[chains.length];
        boolean[] flags = new boolean[chains.length];
        int kept = 0;
        long seenDivergent = 0;
        long seenOther = 0;
        double nextDivergent = 0;
        double nextOther = 0;
        for (int c = 0; c < divergent.length; c++) {
            for (int d = 0; d < divergent[c].length && kept < chains.length; d++) {
                boolean keep;
                if (divergent[c][d]) {
                    keep = divergentRoom > 0 && seenDivergent++ >= nextDivergent;
                    nextDivergent += keep ? divergentStride : 0;
                } else {
                    keep = otherRoom > 0 && seenOther++ >= nextOther;
                    nextOther += keep ? otherStride : 0;
                }
                if (keep) {
                    chains[kept] = c;
                    draws[kept] = d;
                    flags[kept] = divergent[c][d];
                    kept++;
                }
            }
        }
        return new DrawSelection(java.util.Arrays.copyOf(chains, kept), java.util.Arrays.copyOf(draws, kept),
                java.util.Arrays.copyOf(flags, kept), total, divergences);
    }

    public int size() {
        return chain.length;
    }

    /** The kept draws of one parameter, in the selection's order; {@code values} not modified. */
    public double[] values(double[][] values) {
        double[] kept = new double[chain.length];
        for (int i = 0; i < kept.length; i++) {
            kept[i] = values[chain[i]][draw[i]];
        }
        return kept;
    }

    /** "Shows 2000 of 409600 draws, 12 of the 12 divergent ones among them. ", or "" when none was left out. */
    public String caption() {
        if (size() == total) {
            return "";
        }
        int shownDivergent = 0;
        for (boolean flag : divergent) {
            shownDivergent += flag ? 1 : 0;
        }
        return "Shows " + size() + " of " + total + " draws" + (divergences > 0 ? ", " + shownDivergent
                + " of the " + divergences + " divergent ones among them" : "") + ". ";
    }
}
