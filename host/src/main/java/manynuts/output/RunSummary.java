package manynuts.output;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import manynuts.diagnostics.DiagnosticWarnings;
import manynuts.diagnostics.ParameterSummary;
import manynuts.diagnostics.SamplerDiagnostics;
import manynuts.diagnostics.SamplerStats;
import manynuts.diagnostics.SummaryCsvWriter;
import manynuts.diagnostics.SummaryOptions;
import manynuts.diagnostics.SummaryTable;
import manynuts.diagnostics.Summaries;

/**
 * The end-of-run summary of a {@link DrawTable}: the diagnostics table of every output and the sampler's
 * warnings (divergences, tree depth, E-BFMI, R-hat, ESS).
 */
public final class RunSummary {
    private final List<ParameterSummary> parameters;
    private final SamplerDiagnostics sampler;
    private final SummaryOptions options;
    private final long draws;

    private RunSummary(List<ParameterSummary> parameters, SamplerDiagnostics sampler, SummaryOptions options, long draws) {
        this.parameters = parameters;
        this.sampler = sampler;
        this.options = options;
        this.draws = draws;
    }

    /**
     * The summary of draws too many to hold at once: one output column in memory per worker at a time (then the
     * four sampler statistics the diagnostics need). Gives the same table as the in-memory form.
     */
    public static RunSummary ofColumns(DrawColumns draws, int maxDepth, SummaryOptions options) {
        List<ParameterSummary> parameters = Summaries.summariseFetching(
                draws.columns().subList(0, draws.outputCount()), draws::column, draws.chains(), draws.draws(), options);
        SamplerDiagnostics sampler = SamplerDiagnostics.of(new SamplerStats(draws.column("divergent__"),
                draws.column("treedepth__"), draws.column("energy__"), draws.column("stepsize__")), maxDepth);
        return new RunSummary(parameters, sampler, options, (long) draws.chains() * draws.draws());
    }

    /** The summary of draws in memory or read back from a run directory; both give the same table. */
    public static RunSummary of(RunDraws draws, int maxDepth, SummaryOptions options) {
        List<double[][]> columns = new ArrayList<>();
        for (String name : draws.outputs()) {
            columns.add(draws.column(name));
        }
        List<ParameterSummary> parameters = Summaries.summarise(draws.outputs(), columns, options);
        SamplerDiagnostics sampler = SamplerDiagnostics.of(new SamplerStats(draws.column("divergent__"),
                draws.column("treedepth__"), draws.column("energy__"), draws.column("stepsize__")), maxDepth);
        return new RunSummary(parameters, sampler, options, draws.totalDraws());
    }

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
        return SummaryTable.render(parameters, options.hdiProbability(), options.superchainSize() > 0);
    }

    /** The warnings, one per line, or a line saying there are none. */
    public String warnings() {
        List<String> lines = new ArrayList<>(DiagnosticWarnings.forSampler(sampler));
        lines.addAll(DiagnosticWarnings.forSummaries(parameters, draws, options.nestedDesign()));
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
        SummaryCsvWriter.write(file, parameters, options.hdiProbability(), options.superchainSize() > 0);
    }
}
