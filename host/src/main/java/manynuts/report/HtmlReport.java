package manynuts.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import manynuts.diagnostics.summary.DiagnosticWarnings;
import manynuts.diagnostics.summary.ParameterSummary;
import manynuts.diagnostics.stats.SamplerDiagnostics;
import manynuts.output.FileErrors;

/**
 * The HTML report of one run, or of two side by side: for each run the settings, divergences, the headline's
 * mean (E[log tau] in eight schools) and every output against the exact posterior when the model has one, warnings
 * and summary table, then the figures. One self-contained file: every figure is inline (SVG, or a PNG data URI), and
 * the page loads nothing else, so it can be mailed or opened from a build artifact without a network.
 */
public final class HtmlReport {

    private HtmlReport() {
    }

    /**
     * Draws every figure into the page and writes it.
     *
     * @param pngDirectory where to write each figure as a PNG file as well (created if missing), or null for none
     * @return the figures on the page, comparison figures first
     */
    public static List<Figure> write(Path page, List<ReportedRun> runs, Path pngDirectory) throws IOException {
        Files.createDirectories(page.toAbsolutePath().getParent());
        FigureRenderer renderer = FigureRenderer.inline();
        if (pngDirectory != null) {
            try {
                Files.createDirectories(pngDirectory);
            } catch (IOException e) {
                throw FileErrors.cannot("create", pngDirectory, e);
            }
            renderer = FigureRenderer.alsoPng(pngDirectory);
        }
        List<List<Figure>> perRun = new ArrayList<>();
        FigurePage figures = FigurePage.of(runs);
        List<Figure> comparison = runs.size() == 2
                ? ComparisonFigures.write(runs.get(0), runs.get(1), figures.axes(), renderer, "compare-")
                : List.of();
        for (int i = 0; i < runs.size(); i++) {
            String prefix = runs.size() == 1 ? "" : "run" + (i + 1) + "-";
            perRun.add(RunFigures.write(runs.get(i), figures, renderer, prefix));
        }
        try {
            Files.writeString(page, render(runs, perRun, comparison), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw FileErrors.cannot("write", page, e);
        }
        List<Figure> all = new ArrayList<>(comparison);
        perRun.forEach(all::addAll);
        return all;
    }

    static String render(List<ReportedRun> runs, List<List<Figure>> perRun, List<Figure> comparison) {
        StringBuilder html = new StringBuilder();
        String title = "manynuts report: " + String.join(" vs ", runs.stream().map(ReportedRun::shortName).toList());
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(escape(title)).append("</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
        html.append("<h1>").append(escape(title)).append("</h1>\n");
        html.append(contents(runs, perRun, comparison));
        if (!comparison.isEmpty()) {
            html.append("<section>\n<h2>Side by side</h2>\n");
            html.append(overview(runs));
            for (Figure figure : comparison) {
                html.append(figure(figure));
            }
            html.append("</section>\n");
        }
        html.append("<div class=\"runs runs-").append(runs.size()).append("\">\n");
        for (int i = 0; i < runs.size(); i++) {
            html.append(section(runs.get(i), perRun.get(i)));
        }
        html.append("</div>\n</body>\n</html>\n");
        return html.toString();
    }

    /** A numbered list of every figure on the page, linked to it. */
    private static String contents(List<ReportedRun> runs, List<List<Figure>> perRun, List<Figure> comparison) {
        int count = comparison.size() + perRun.stream().mapToInt(List::size).sum();
        StringBuilder html = new StringBuilder("<details class=\"contents\">\n<summary>").append(count)
                .append(" figures</summary>\n<ol>\n");
        for (Figure figure : comparison) {
            html.append(entry(figure, "both runs"));
        }
        for (int i = 0; i < runs.size(); i++) {
            for (Figure figure : perRun.get(i)) {
                html.append(entry(figure, runs.size() == 1 ? "" : runs.get(i).shortName()));
            }
        }
        return html.append("</ol>\n</details>\n").toString();
    }

    private static String entry(Figure figure, String run) {
        return "<li><a href=\"#" + escape(figure.anchor()) + "\">" + escape(figure.title()) + "</a>"
                + (run.isEmpty() ? "" : " (" + escape(run) + ")") + "</li>\n";
    }

    /** One table row per run with the numbers the seed notebook compares. */
    private static String overview(List<ReportedRun> runs) {
        StringBuilder html = new StringBuilder("<table class=\"numbers\">\n<tr><th>model</th><th>chains x draws</th>"
                + "<th>divergent</th><th>E[headline] &plusmn; MCSE</th><th>exact</th><th>error / MCSE</th></tr>\n");
        for (ReportedRun run : runs) {
            SamplerDiagnostics sampler = run.summary().sampler();
            HeadlineCheck check = run.headlineCheck();
            html.append("<tr><td>").append(escape(run.shortName())).append("</td><td>")
                    .append(run.draws().chains()).append(" x ").append(run.draws().draws()).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%d (%.2f %%)", sampler.divergences(), sampler.divergencePercent()))
                    .append("</td>");
            if (check == null) {
                html.append("<td colspan=\"3\">no exact reference</td>");
            } else {
                html.append(String.format(Locale.ROOT, "<td>E[%s] = %.4f &plusmn; %.4f</td><td>%.4f</td>"
                        + "<td class=\"%s\">%+.1f</td>", escape(check.label()), check.estimate(), check.mcse(), check.exact(), check.flagged() ? "bad" : "good",
                        check.standardised()));
            }
            html.append("</tr>\n");
        }
        return html.append("</table>\n").toString();
    }

    private static String section(ReportedRun run, List<Figure> figures) {
        StringBuilder html = new StringBuilder("<section class=\"run\">\n");
        html.append("<h2>").append(escape(run.model())).append("</h2>\n");
        SamplerDiagnostics sampler = run.summary().sampler();
        html.append("<p>").append(run.draws().chains()).append(" chains, ").append(run.warmup())
                .append(" warm-up iterations and ").append(run.draws().draws()).append(" draws each; seed ")
                .append(run.seed());
        if (Double.isFinite(run.seconds())) {
            html.append(String.format(Locale.ROOT, "; sampled in %.1f s", run.seconds()));
        }
        html.append(". Run directory <code>").append(escape(run.directory().toString())).append("</code>.</p>\n");
        for (String note : run.notes()) {
            html.append("<p class=\"headline bad\">").append(escape(note)).append("</p>\n");
        }
        html.append(String.format(Locale.ROOT, "<p class=\"headline\">Divergent transitions: <b>%d</b> of %d draws "
                + "(<b>%.2f %%</b>)", sampler.divergences(), sampler.draws(), sampler.divergencePercent()));
        int[] worst = worstChains(sampler.divergencesPerChain());
        if (sampler.divergences() > 0) {
            html.append("; most in chains ");
            for (int i = 0; i < worst.length; i++) {
                html.append(i == 0 ? "" : ", ").append(worst[i] + 1).append(" (")
                        .append(sampler.divergencesPerChain()[worst[i]]).append(')');
            }
        }
        html.append(".</p>\n");
        HeadlineCheck check = run.headlineCheck();
        if (check != null) {
            html.append("<p class=\"headline ").append(check.flagged() ? "bad" : "good").append("\">")
                    .append(escape(check.describe()).replace("+-", "&plusmn;")).append("</p>\n");
        }
        ExactComparison comparison = run.exactComparison();
        if (comparison != null) {
            html.append("<p>").append(escape(comparison.describe())).append("</p>\n");
        }
        html.append("<h3>Warnings</h3>\n<ul class=\"warnings\">\n");
        for (String line : run.summary().warnings().split("\n")) {
            html.append("<li>").append(escape(line.replaceFirst("^warning: ", ""))).append("</li>\n");
        }
        html.append("</ul>\n<h3>Summary</h3>\n<div class=\"scroll\">\n").append(summaryTable(run)).append("</div>\n");
        for (Figure figure : figures) {
            html.append(figure(figure));
        }
        return html.append("</section>\n").toString();
    }

    /** The summary's rows and columns as the terminal table and summary.csv have them, then the exact ones. */
    private static String summaryTable(ReportedRun run) {
        boolean exact = run.exact() != null;
        manynuts.output.RunSummary summary = run.summary();
        List<manynuts.diagnostics.summary.SummaryColumns.Column> columns = manynuts.diagnostics.summary.SummaryColumns.of(summary.options().hdiProbability(),
                summary.nested());
        StringBuilder html = new StringBuilder("<table class=\"summary\">\n<tr><th>")
                .append(manynuts.diagnostics.summary.SummaryColumns.NAME).append("</th>");
        for (manynuts.diagnostics.summary.SummaryColumns.Column column : columns) {
            html.append("<th>").append(escape(column.name())).append("</th>");
        }
        html.append(exact ? "<th>exact mean</th><th>exact sd</th>" : "").append("</tr>\n");
        double lowEss = DiagnosticWarnings.LOW_ESS_SHARE * run.draws().totalDraws();
        for (ParameterSummary p : summary.rows()) {
            html.append("<tr><td>").append(escape(p.name())).append("</td>");
            for (manynuts.diagnostics.summary.SummaryColumns.Column column : columns) {
                double value = column.of(p);
                boolean bad = switch (column.kind()) {
                    case COUNT -> value < lowEss;
                    case RHAT -> value > DiagnosticWarnings.RHAT_THRESHOLD;
                    default -> false;
                };
                html.append(cell(column.text(p), bad));
            }
            if (exact) {
                html.append("<td>").append(number(run.exactMean(p.name()))).append("</td><td>")
                        .append(number(run.exactSd(p.name()))).append("</td>");
            }
            html.append("</tr>\n");
        }
        return html.append("</table>\n").toString();
    }

    private static String cell(String text, boolean bad) {
        return (bad ? "<td class=\"bad\">" : "<td>") + text + "</td>";
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.3g", value);
    }

    private static String figure(Figure figure) {
        String markup = figure.markup();
        if (markup.startsWith("<svg")) {
            // An inline SVG has no alt attribute; this is its equivalent for screen readers.
            markup = "<svg role=\"img\" aria-label=\"" + escape(figure.title()) + "\"" + markup.substring(4);
        }
        return "<figure id=\"" + escape(figure.anchor()) + "\">\n" + markup + "\n<figcaption><b>"
                + escape(figure.title()) + ".</b> " + escape(figure.caption()) + "</figcaption>\n</figure>\n";
    }

    /** Up to three chains with the most divergences, most first. */
    private static int[] worstChains(long[] perChain) {
        return java.util.stream.IntStream.range(0, perChain.length).boxed()
                .filter(c -> perChain[c] > 0)
                .sorted((a, b) -> Long.compare(perChain[b], perChain[a]))
                .limit(3).mapToInt(Integer::intValue).toArray();
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static final String STYLE = """
            body { font-family: system-ui, sans-serif; margin: 1.5em; color: #222; }
            h1 { font-size: 1.6em; }
            .runs-2 { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 2em; }
            .scroll { overflow-x: auto; }
            section { margin-bottom: 2em; }
            figure > img, figure > svg { display: block; box-sizing: border-box; max-width: 100%; height: auto;
                border: 1px solid #ddd; }
            figure { margin: 1em 0; }
            figcaption { font-size: 0.9em; color: #444; }
            table { border-collapse: collapse; font-variant-numeric: tabular-nums; font-size: 0.9em; }
            th, td { padding: 0.2em 0.6em; text-align: right; border-bottom: 1px solid #eee; }
            th:first-child, td:first-child { text-align: left; }
            .bad { color: #b00; font-weight: bold; }
            .good { color: #070; }
            .headline { font-size: 1.1em; }
            code { background: #f4f4f4; padding: 0 0.2em; }
            """;
}
