package manynuts.api;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import manynuts.diagnostics.summary.ParameterSummary;
import manynuts.output.RunSummary;

/**
 * The summary of a run's draws: one row per column, as the command line's {@code sample} and {@code summary} print
 * them and write to summary.csv, and the sampler's diagnostics (divergences, tree depth, E-BFMI).
 */
public final class Summary {

    private final RunSummary summary;
    private final List<SummaryRow> rows;

    Summary(RunSummary summary) {
        this.summary = summary;
        List<SummaryRow> converted = new ArrayList<>();
        for (ParameterSummary p : summary.parameters()) {
            converted.add(new SummaryRow(p.name(), p.mean(), p.sd(), p.median(), p.mad(), p.q5(), p.q95(),
                    p.hdiLower(), p.hdiUpper(), p.mcseMean(), p.mcseSd(), p.essBulk(), p.essTail(), p.rhat(),
                    p.nestedRhat()));
        }
        this.rows = List.copyOf(converted);
    }

    /** Every row, in the order the command line prints them. */
    public List<SummaryRow> rows() {
        return rows;
    }

    /**
     * The row of one column.
     *
     * @throws NoSuchElementException if the summary has no row of that name
     */
    public SummaryRow row(String name) {
        for (SummaryRow row : rows) {
            if (row.name().equals(name)) {
                return row;
            }
        }
        throw new NoSuchElementException("no summary row " + name);
    }

    /** Divergent transitions after warm-up, over all chains. */
    public long divergences() {
        return summary.sampler().divergences();
    }

    /** The summary table as the command line prints it. */
    public String table() {
        return summary.table();
    }

    /** The warnings the command line prints under the table (R-hat, ESS, divergences, E-BFMI), or empty text. */
    public String warnings() {
        return summary.warnings();
    }

    @Override
    public String toString() {
        return table();
    }
}
