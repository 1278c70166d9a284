package manynuts.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import manynuts.run.SavedRun;
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
            description = "The page to write (a .html file, or a directory to hold report.html); it holds every "
                    + "figure (default: RUN/report.html).")
    Path output;

    @Option(names = "--figures", paramLabel = "DIR",
            description = "Also write every figure as a PNG file in DIR, e.g. for a paper, replacing files of the "
                    + "same names (default: none; the page needs no other file).")
    Path figures;

    @Option(names = "--draws", paramLabel = "N",
            description = "Report the first N draws of every chain (default: every draw of a complete run; of a "
                    + "run stopped part way, as many as its shortest chain holds).")
    Integer draws;

    @Option(names = "--force", description = "Overwrite an existing page.")
    boolean force;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        SummaryCommand.requirePositive(draws);
        Path page = page(output, directories.get(0));
        // Refused before the runs are read, so a page kept by mistake costs no time.
        if (!force && Files.exists(page)) {
            throw new UsageException(page + " exists; give --force to overwrite it");
        }
        refuseFigures(figures);
        List<ReportedRun> runs = new ArrayList<>();
        for (Path directory : directories) {
            SavedRun run = SavedRun.open(directory, SavedRun.record(directory), draws);
            for (String note : run.notes()) {
                out.println("note: " + note);
            }
            runs.add(ReportedRun.of(run));
        }
        List<Figure> written = HtmlReport.write(page, runs, figures);
        out.println(wrote(page, written.size(), figures));
        out.flush();
        return 0;
    }

    /** A --figures folder that is a file, refused before any work is done. */
    static void refuseFigures(Path figures) {
        if (figures != null && Files.exists(figures) && !Files.isDirectory(figures)) {
            throw new UsageException("--figures " + figures + " is not a directory");
        }
    }

    /** What a report command wrote: the page, its size and figures, and where the PNG files went. */
    static String wrote(Path page, int figureCount, Path pngDirectory) throws IOException {
        return String.format(java.util.Locale.ROOT, "wrote %s (%d figures inline, %.1f MB)%s", page, figureCount,
                Files.size(page) / 1e6, pngDirectory == null ? "" : " and " + figureCount + " PNG files in "
                + pngDirectory);
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
