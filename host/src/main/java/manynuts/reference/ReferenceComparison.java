package manynuts.reference;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import manynuts.diagnostics.summary.ParameterSummary;
import manynuts.diagnostics.summary.Summaries;
import manynuts.diagnostics.summary.SummaryOptions;
import manynuts.output.DrawColumns;

/**
 * A run's draws against a reference posterior, output by output ({@link OutputComparison}): the run passes when every
 * output the reference names passes; an output the run lacks fails. Outputs of the run that the reference does not
 * name are not compared.
 *
 * @param posterior  the reference posterior's name
 * @param worstName  the output furthest from the reference, or the first missing one
 * @param worstScore its worse score in combined MCSE units (infinite for a missing output); passing needs at most
 *     {@value OutputComparison#MCSE_LIMIT}
 * @param outputs    one comparison per output found on both sides, in the reference's order
 * @param missing    the reference's outputs that the run lacks
 */
public record ReferenceComparison(String posterior, boolean passed, String worstName, double worstScore,
        List<OutputComparison> outputs, List<String> missing) {

    public ReferenceComparison {
        outputs = List.copyOf(outputs);
        missing = List.copyOf(missing);
    }

    /** Compares a run's outputs (not its sampler statistics) with the reference. */
    public static ReferenceComparison compare(DrawColumns ours, ReferencePosterior reference,
            SummaryOptions options) {
        Map<String, double[][]> outputs = new LinkedHashMap<>();
        for (int column = 0; column < ours.outputCount(); column++) {
            outputs.put(ours.columns().get(column), ours.column(column));
        }
        return compare(outputs, reference, options);
    }

    /**
     * Compares draws with the reference.
     *
     * @param ours draws by output name, each {@code [chain][draw]}; not modified
     */
    public static ReferenceComparison compare(Map<String, double[][]> ours, ReferencePosterior reference,
            SummaryOptions options) {
        List<String> names = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String name : reference.names()) {
            (ours.containsKey(name) ? names : missing).add(name);
        }
        List<double[][]> ourDraws = names.stream().map(ours::get).toList();
        List<double[][]> referenceDraws = names.stream().map(reference::draws).toList();
        List<ParameterSummary> ourSummaries = Summaries.summarise(names, ourDraws, options);
        List<ParameterSummary> referenceSummaries = Summaries.summarise(names, referenceDraws, options);
        List<OutputComparison> outputs = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            outputs.add(OutputComparison.of(names.get(i), MomentEstimate.of(ourSummaries.get(i), ourDraws.get(i)),
                    MomentEstimate.of(referenceSummaries.get(i), referenceDraws.get(i))));
        }
        return of(reference.name(), outputs, missing);
    }

    /** The verdict on comparisons already made. */
    public static ReferenceComparison of(String posterior, List<OutputComparison> outputs, List<String> missing) {
        String worstName = null;
        double worstScore = Double.NEGATIVE_INFINITY;
        if (!missing.isEmpty()) {
            worstName = missing.get(0);
            worstScore = Double.POSITIVE_INFINITY;
        } else {
            for (OutputComparison output : outputs) {
                if (worstName == null || output.worstScore() > worstScore) {
                    worstName = output.name();
                    worstScore = output.worstScore();
                }
            }
        }
        boolean passed = missing.isEmpty() && !outputs.isEmpty()
                && outputs.stream().allMatch(OutputComparison::passed);
        return new ReferenceComparison(posterior, passed, worstName == null ? "" : worstName,
                worstName == null ? Double.NaN : worstScore, outputs, missing);
    }

    /** The comparisons that failed, one line each, the missing outputs first. */
    public List<String> failures() {
        List<String> lines = new ArrayList<>();
        for (String name : missing) {
            lines.add(name + ": not among the run's outputs");
        }
        for (OutputComparison output : outputs) {
            if (!output.passed()) {
                lines.add(output.describe());
            }
        }
        return lines;
    }

    /** One line: passed with the worst output, or failed with every failure. */
    public String describe() {
        if (passed) {
            return String.format(Locale.ROOT, "%s passed: %d outputs within %.2f MCSE of the reference (worst %s)",
                    posterior, outputs.size(), worstScore, worstName);
        }
        if (outputs.isEmpty() && missing.isEmpty()) {
            return posterior + " failed: the reference names no outputs";
        }
        return posterior + " failed: " + String.join("; ", failures());
    }
}
