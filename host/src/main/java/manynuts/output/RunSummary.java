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

    public static RunSummary of(DrawTable table, int maxDepth, SummaryOptions options) {
        List<String> names = new ArrayList<>();
        List<double[][]> columns = new ArrayList<>();
        for (int column = 0; column < table.outputCount(); column++) {
            names.add(table.columns().get(column));
            columns.add(table.column(column));
        }
        List<ParameterSummary> parameters = Summaries.summarise(names, columns, options);
        SamplerDiagnostics sampler = SamplerDiagnostics.of(new SamplerStats(table.column("divergent__"),
                table.column("treedepth__"), table.column("energy__"), table.column("stepsize__")), maxDepth);
        return new RunSummary(parameters, sampler, options, (long) table.chains() * table.draws());
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
        lines.addAll(DiagnosticWarnings.forSummaries(parameters, draws));
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
