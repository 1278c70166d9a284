package manynuts.report;

/**
 * Picks the draws a scatter plot shows: every divergent draw, and the others at an even stride so that at most
 * {@code limit} points are drawn. Deterministic, so the same run always gives the same picture.
 *
 * @param x         horizontal coordinates of the kept draws
 * @param y         vertical coordinates of the kept draws
 * @param divergent whether each kept draw diverged
 */
public record PointSample(double[] x, double[] y, boolean[] divergent) {

    /** Scatter plots beyond this many points render slowly and show nothing more. */
    public static final int DEFAULT_LIMIT = 20_000;

    /** Draws of {@code x} against {@code y} ({@code [chain][draw]}), thinned to at most about {@code limit}. */
    public static PointSample of(double[][] x, double[][] y, boolean[][] divergent, int limit) {
        long total = 0;
        long divergences = 0;
        for (int chain = 0; chain < x.length; chain++) {
            total += x[chain].length;
            for (boolean flag : divergent[chain]) {
                divergences += flag ? 1 : 0;
            }
        }
        long others = total - divergences;
        long room = Math.max(1, limit - divergences);
        double stride = others <= room ? 1.0 : (double) others / room;
        int kept = (int) Math.min(total, divergences + Math.min(others, room) + 1);
        double[] keptX = new double[kept];
        double[] keptY = new double[kept];
        boolean[] keptDivergent = new boolean[kept];
        int count = 0;
        long other = 0;
        double next = 0;
        for (int chain = 0; chain < x.length; chain++) {
            for (int draw = 0; draw < x[chain].length; draw++) {
                boolean keep = divergent[chain][draw];
                if (!keep) {
                    // Keep the first non-divergent draw at or past each multiple of the stride.
                    keep = other >= next;
                    if (keep) {
                        next += stride;
                    }
                    other++;
                }
                if (keep && count < kept) {
                    keptX[count] = x[chain][draw];
                    keptY[count] = y[chain][draw];
                    keptDivergent[count] = divergent[chain][draw];
                    count++;
                }
            }
        }
        return new PointSample(java.util.Arrays.copyOf(keptX, count), java.util.Arrays.copyOf(keptY, count),
                java.util.Arrays.copyOf(keptDivergent, count));
    }

    public int size() {
        return x.length;
    }
}
