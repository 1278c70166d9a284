package manynuts.output;

/** How numbers are written to files: shortest round-trip decimals, and NA / Inf / -Inf as R reads them. */
public final class Numbers {
    private Numbers() {
    }

    public static void appendCsv(StringBuilder out, double value) {
        if (Double.isNaN(value)) {
            out.append("NA");
        } else if (Double.isInfinite(value)) {
            out.append(value > 0 ? "Inf" : "-Inf");
        } else if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            out.append((long) value);
        } else {
            out.append(value);
        }
    }

    public static String csv(double value) {
        StringBuilder out = new StringBuilder();
        appendCsv(out, value);
        return out.toString();
    }
}
