package manynuts.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import manynuts.output.SavedRun;
import manynuts.report.Figure;
import manynuts.report.HtmlReport;
import manynuts.report.ReportedRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code report}: an HTML page with the summary, warnings and plots of one run, or of two side by side. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write an HTML report (summary table, warnings, divergences, E[log tau] against the exact "
                + "value, trace, density, rank, energy and funnel plots) of one run, or of two runs side by side "
                + "with their funnels overlaid.")
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..2", paramLabel = "RUN", description = "One or two run directories.")
    List<Path> directories = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "OUT",
            description = "The page to write (a .html file, or a directory to hold report.html); images go next "
                    + "to it (default: RUN/report.html).")
    Path output;

    @Option(names = "--draws", paramLabel = "N",
            description = "Report the first N draws of every chain (default: every draw of a complete run; of a "
                    + "run stopped part way, as many as its shortest chain holds).")
    Integer draws;

    @Option(names = "--force", description = "Overwrite an existing page and the images next to it.")
    boolean force;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        SummaryCommand.requirePositive(draws);
        Path page = page(output, directories.get(0));
        // Refused before the runs are read, so a page kept by mistake costs no time.
        if (!force && Files.exists(page)) {
            throw new UsageException(page + " exists; give --force to overwrite it and the images next to it");
        }
        List<ReportedRun> runs = new ArrayList<>();
        for (Path directory : directories) {
            SavedRun run = SavedRun.open(directory, SavedRun.record(directory), draws);
            for (String note : run.notes()) {
                out.println("note: " + note);
            }
            runs.add(ReportedRun.of(run));
        }
        List<Figure> figures = HtmlReport.write(page, runs);
        out.printf("wrote %s and %d images next to it%n", page, figures.size());
        out.flush();
        return 0;
    }

    /** OUT itself when it names an .html file, else report.html inside OUT (or inside the first run). */
    static Path page(Path output, Path firstRun) {
        if (output == null) {
            return firstRun.resolve("report.html");
        }
        return output.getFileName() != null && output.getFileName().toString().endsWith(".html")
                ? output : output.resolve("report.html");
    }
}
