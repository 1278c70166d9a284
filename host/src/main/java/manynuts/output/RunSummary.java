package manynuts.output;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import manynuts.diagnostics.summary.DiagnosticWarnings;
import manynuts.diagnostics.summary.ParameterSummary;
import manynuts.diagnostics.stats.SamplerDiagnostics;
import manynuts.diagnostics.draws.SamplerColumns;
import manynuts.output.SummaryCsvWriter;
import manynuts.diagnostics.summary.SummaryOptions;
import manynuts.diagnostics.summary.SummaryTable;
import manynuts.diagnostics.summary.Summaries;

/**
 * The end-of-run summary of a {@link DrawTable}: the diagnostics table of every output and the sampler's
 * warnings (divergences, tree depth, E-BFMI, R-hat, ESS). As stansummary does, the table opens with lp__ and the
 * sampler's own statistics (accept_stat__, stepsize__, treedepth__, n_leapfrog__, divergent__, energy__), which
 * the warnings leave out.
 */
public final class RunSummary {
    private final List<ParameterSummary> samplerRows;
    private final List<ParameterSummary> parameters;
    private final SamplerDiagnostics sampler;
    private final SummaryOptions options;
    private final long draws;

    private RunSummary(List<ParameterSummary> samplerRows, List<ParameterSummary> parameters,
            SamplerDiagnostics sampler, SummaryOptions options, long draws) {
        this.samplerRows = List.copyOf(samplerRows);
        this.parameters = parameters;
        this.sampler = sampler;
        this.options = options;
        this.draws = draws;
    }

    /**
     * A summary from rows computed elsewhere (over the shards of a run on a cluster, say).
     *
     * @param samplerRows lp__ and the sampler's rows, as {@link Summaries#asStansummary} shows them
     */
    public static RunSummary of(List<ParameterSummary> samplerRows, List<ParameterSummary> parameters,
            SamplerDiagnostics sampler, SummaryOptions options, long draws) {
        return new RunSummary(samplerRows, parameters, sampler, options, draws);
    }

    /**
     * The summary of draws too many to hold at once: one output column in memory per worker at a time (then the
     * four sampler statistics the diagnostics need). Gives the same table as the in-memory form.
     */
    public static RunSummary ofColumns(DrawColumns draws, int maxDepth, SummaryOptions options) {
        List<ParameterSummary> parameters = Summaries.summariseFetching(
                draws.columns().subList(0, draws.outputCount()), draws::column, draws.chains(), draws.draws(), options);
        List<ParameterSummary> samplerRows = Summaries.asStansummary(Summaries.summariseFetching(SAMPLER_ROWS,
                index -> draws.column(SAMPLER_ROWS.get(index)), draws.chains(), draws.draws(), options));
        SamplerDiagnostics sampler = SamplerDiagnostics.of(new SamplerColumns(draws.column("divergent__"),
                draws.column("treedepth__"), draws.column("energy__"), draws.column("stepsize__")), maxDepth);
        return new RunSummary(samplerRows, parameters, sampler, options, (long) draws.chains() * draws.draws());
    }

    /** The summary of draws in memory or read back from a run directory; both give the same table. */
    public static RunSummary of(RunDraws draws, int maxDepth, SummaryOptions options) {
        List<double[][]> columns = new ArrayList<>();
        for (String name : draws.outputs()) {
            columns.add(draws.column(name));
        }
        List<ParameterSummary> parameters = Summaries.summarise(draws.outputs(), columns, options);
        List<double[][]> samplerColumns = new ArrayList<>();
        for (String name : SAMPLER_ROWS) {
            samplerColumns.add(draws.column(name));
        }
        List<ParameterSummary> samplerRows = Summaries.asStansummary(
                Summaries.summarise(SAMPLER_ROWS, samplerColumns, options));
        SamplerDiagnostics sampler = SamplerDiagnostics.of(new SamplerColumns(draws.column("divergent__"),
                draws.column("treedepth__"), draws.column("energy__"), draws.column("stepsize__")), maxDepth);
        return new RunSummary(samplerRows, parameters, sampler, options, draws.totalDraws());
    }

    /** lp__ and the sampler's statistics, stansummary's first rows, in Stan's column order. */
    public static final List<String> SAMPLER_ROWS = manynuts.nuts.SamplerStats.NAMES;

    /** The rows of lp__ and the sampler's statistics, in {@link #SAMPLER_ROWS} order. */
    public List<ParameterSummary> samplerRows() {
        return samplerRows;
    }

    /** Every row of the table, summary.csv and the report: lp__ and the sampler's rows, then the outputs. */
    public List<ParameterSummary> rows() {
        List<ParameterSummary> rows = new ArrayList<>(samplerRows);
        rows.addAll(parameters);
        return rows;
    }

    /** The options the summary was made with: its HDI probability and superchains. */
    public SummaryOptions options() {
        return options;
    }

    /** True when nested R-hat was computed, and every summary shows its column. */
    public boolean nested() {
        return options.superchainSize() > 0;
    }

    /** The model's outputs, without lp__ and the sampler's rows. */
    public List<ParameterSummary> parameters() {
        return parameters;
    }

    public SamplerDiagnostics sampler() {
        return sampler;
    }

    public ParameterSummary parameter(String name) {
        return parameters.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no parameter " + name));
    }

    public String table() {
        return SummaryTable.render(rows(), options.hdiProbability(), nested());
    }

    /** The warnings without their "warning: " prefix; empty when there are none. */
    public List<String> warningList() {
        List<String> lines = new ArrayList<>(DiagnosticWarnings.forSampler(sampler));
        lines.addAll(DiagnosticWarnings.forSummaries(parameters, draws, options.nestedDesign()));
        return lines;
    }

    /** The warnings, one per line, or a line saying there are none. */
    public String warnings() {
        List<String> lines = warningList();
        if (lines.isEmpty()) {
            return "no warnings: no divergences, R-hat and ESS look fine\n";
        }
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            out.append("warning: ").append(line).append('\n');
        }
        return out.toString();
    }

    public void writeCsv(Path file) throws IOException {
        SummaryCsvWriter.write(file, rows(), options.hdiProbability(), nested());
    }
}
