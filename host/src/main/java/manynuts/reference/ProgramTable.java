package manynuts.reference;

import java.util.List;
import java.util.Locale;

/**
 * The program sweep's outcomes as a Markdown table, one row per program, and the block of a Markdown page that
 * holds it: the text between {@link #BEGIN} and {@link #END} is rewritten by each sweep that names the page.
 */
public final class ProgramTable {

    /** The line that opens the generated block. */
    public static final String BEGIN = "<!-- posteriordb programs table: written by the command below; a rerun "
            + "replaces it -->";

    /** The line that closes it. */
    public static final String END = "<!-- end of posteriordb programs table -->";

    private ProgramTable() {
    }

    /** The counts line, then the table with one row per outcome. */
    public static String markdown(List<ProgramSweep.Outcome> outcomes) {
        StringBuilder out = new StringBuilder();
        long sampled = outcomes.stream().filter(ProgramSweep.Sampled.class::isInstance).count();
        long stopped = outcomes.stream().filter(o -> o instanceof ProgramSweep.Sampled s && s.stoppedAtLimit())
                .count();
        long refused = outcomes.stream()
                .filter(o -> o instanceof ProgramSweep.Refused r && r.stage().equals("compile")).count();
        long compared = outcomes.stream()
                .filter(o -> o instanceof ProgramSweep.Sampled s && s.comparison().isPresent()).count();
        long agree = outcomes.stream().filter(o -> o instanceof ProgramSweep.Sampled s
                && s.comparison().map(KnownComparison::agrees).orElse(false)).count();
        out.append(String.format(Locale.ROOT, "%d of %d programs compile; %d sampled (%d of them stopped at the "
                + "time limit), %d refused by the compiler, %d failed while sampling; %d of the %d compared with a "
                + "known posterior agree.%n%n", outcomes.size() - refused, outcomes.size(), sampled, stopped, refused,
                outcomes.size() - sampled - refused, agree, compared));
        out.append("| program | compiled | sampled | chains x draws | divergences | max R-hat | min bulk ESS | "
                + "comparison |\n");
        out.append("|---|---|---|---|---:|---|---|---|\n");
        for (ProgramSweep.Outcome o : outcomes) {
            out.append(row(o)).append('\n');
        }
        return out.toString();
    }

    private static String row(ProgramSweep.Outcome outcome) {
        if (outcome instanceof ProgramSweep.Refused r) {
            boolean compile = r.stage().equals("compile");
            return cells(r.posterior(), compile ? "refused: " + r.reason() : "yes",
                    compile ? "" : "failed: " + r.reason(), "", "", "", "", "");
        }
        ProgramSweep.Sampled s = (ProgramSweep.Sampled) outcome;
        String sampled = !s.stoppedAtLimit() ? String.format(Locale.ROOT, "yes (%d+%d)", s.warmup(), s.draws())
                : String.format(Locale.ROOT, "stopped at the time limit %s (%d+%d asked)",
                        s.drawsKept() == 0 ? "in warm-up" : "while drawing", s.warmup(), s.draws());
        ProgramSweep.Convergence c = s.convergence();
        String rhat = c.rhatOutput() == null ? "n/a"
                : String.format(Locale.ROOT, "%.3f (%s)", c.maxRhat(), c.rhatOutput());
        String ess = c.essOutput() == null ? "n/a"
                : String.format(Locale.ROOT, "%.0f (%s)", c.minEssBulk(), c.essOutput());
        String comparison = s.comparison().map(KnownComparison::describe).orElse("no outside answer");
        return cells(s.posterior(), "yes", sampled, s.chains() + " x " + s.drawsKept(),
                s.divergences() == 0 ? "0" : String.format(Locale.ROOT, "%d (%.1f%%)", s.divergences(),
                        100.0 * s.divergentFraction()), rhat, ess, comparison);
    }

    private static String cells(String... cells) {
        StringBuilder row = new StringBuilder("|");
        for (String cell : cells) {
            row.append(' ').append(cell.replace("|", "\\|").replaceAll("\\s*\\R\\s*", " ")).append(" |");
        }
        return row.toString();
    }

    /**
     * {@code page} with the text between its {@link #BEGIN} and {@link #END} lines replaced by {@code block}.
     *
     * @throws IllegalArgumentException when the page lacks either line, or has them out of order
     */
    public static String replaceBlock(String page, String block) {
        int begin = page.indexOf(BEGIN);
        int end = page.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("has no " + BEGIN + " line followed by " + END);
        }
        int from = begin + BEGIN.length();
        return page.substring(0, from) + "\n" + block + (block.endsWith("\n") ? "" : "\n") + page.substring(end);
    }
}
