package manynuts.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import manynuts.diagnostics.summary.DiagnosticWarnings;
import manynuts.diagnostics.draws.DiagnosticsInputException;
import manynuts.diagnostics.draws.DrawsFiles;
import manynuts.diagnostics.summary.ParameterSummary;
import manynuts.diagnostics.stats.SamplerDiagnostics;
import manynuts.diagnostics.summary.Summaries;
import manynuts.output.SummaryCsvWriter;
import manynuts.diagnostics.summary.SummaryOptions;
import manynuts.diagnostics.summary.SummaryTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The {@code diagnose} command: summary table, convergence and sampler warnings for saved draws. */
@Command(name = "diagnose", mixinStandardHelpOptions = true,
        description = "Summarise draws from a posterior draws_df CSV or Stan CSV files (one per chain): "
                + "mean, sd, MCSE, HDI, bulk and tail ESS, R-hat, and sampler warnings.")
public final class DiagnoseCommand implements Callable<Integer> {

    /** Exit code for input that cannot be read or summarised. */
    static final int BAD_INPUT = 2;

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "A draws_df CSV, or Stan CSV files.")
    private List<Path> files = new ArrayList<>();

    @Option(names = "--csv", paramLabel = "OUT", description = "Also write the summary as CSV to OUT "
            + "(an existing file only with --force).")
    private Path csvOutput;

    @Option(names = "--force", description = "Overwrite an existing --csv file.")
    private boolean force;

    @Option(names = "--json", description = "Print one JSON document (schema manynuts.diagnose, see docs/json.md) "
            + "instead of the notes, table and warnings.")
    private boolean json;

    @Option(names = {"-q", "--quiet"}, description = "Print nothing but errors (with --csv, the file is written).")
    private boolean quiet;

    @Mixin
    private SummarySettings summarySettings = new SummarySettings();

    @Override
    public Integer call() {
        PrintWriter out = quiet && !json ? Quiet.writer() : spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            SummaryOptions options = summarySettings.options();
            if (csvOutput != null && !force && Files.exists(csvOutput)) {
                throw new UsageException(csvOutput + " exists; give --force to overwrite it");
            }
            DrawsFiles.Loaded loaded = DrawsFiles.read(files);
            SummarySettings.requireSuperchainsDivide(options, loaded.draws().chains());
            List<ParameterSummary> summaries = Summaries.summarise(loaded.draws(), options);
            // As sample and summary show them: lp__ and the sampler's rows first, left out of the warnings.
            List<ParameterSummary> rows = new ArrayList<>(
                    Summaries.asStansummary(Summaries.summarise(loaded.sampler(), options)));
            rows.addAll(summaries);
            boolean nested = options.superchainSize() > 0;
            List<String> warnings = new ArrayList<>();
            SamplerDiagnostics sampler = loaded.stats().isEmpty() ? null
                    : SamplerDiagnostics.of(loaded.stats(), loaded.maxTreeDepth());
            if (sampler != null) {
                warnings.addAll(DiagnosticWarnings.forSampler(sampler));
            }
            long totalDraws = (long) loaded.draws().chains() * loaded.draws().drawsPerChain();
            warnings.addAll(DiagnosticWarnings.forSummaries(summaries, totalDraws));
            if (csvOutput != null) {
                SummaryCsvWriter.write(csvOutput, rows, options.hdiProbability(), nested);
            }
            if (json) {
                ObjectNode document = JsonDocument.of("diagnose");
                ArrayNode inputs = document.putArray("files");
                files.forEach(file -> inputs.add(file.toString()));
                document.put("chains", loaded.draws().chains());
                document.put("draws", loaded.draws().drawsPerChain());
                JsonDocument.putLines(document, "notes", loaded.notes());
                JsonDocument.putSummary(document, rows, options.hdiProbability(), nested);
                if (sampler != null) {
                    JsonDocument.putSampler(document, sampler);
                } else {
                    document.putNull("sampler");
                }
                JsonDocument.putLines(document, "warnings", warnings);
                JsonDocument.print(document, out);
                return 0;
            }
            for (String note : loaded.notes()) {
                out.println("note: " + note);
            }
            out.print(SummaryTable.render(rows, options.hdiProbability(), nested));
            for (String warning : warnings) {
                out.println("warning: " + warning);
            }
            out.flush();
            return 0;
        } catch (DiagnosticsInputException | UncheckedIOException | UsageException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return BAD_INPUT;
        }
    }
}
