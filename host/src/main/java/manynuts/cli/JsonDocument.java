package manynuts.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import manynuts.diagnostics.summary.DiagnosticWarnings;
import manynuts.diagnostics.summary.ParameterSummary;
import manynuts.diagnostics.stats.SamplerDiagnostics;
import manynuts.diagnostics.summary.SummaryColumns;
import manynuts.models.PosteriorMoments;
import manynuts.output.ManynutsVersion;

/**
 * The one JSON document that {@code --json} prints in place of a command's tables: it opens with {@code schema}
 * (which command wrote it), {@code schema_version} (raised when a field changes meaning or goes away) and
 * {@code manynuts_version}. Missing numbers (NA) are null, so any JSON reader takes the document. docs/json.md
 * describes every field.
 */
final class JsonDocument {
    /** Raised when a field is renamed, removed or changes meaning; new fields leave it as it is. */
    static final int SCHEMA_VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonDocument() {
    }

    /** An empty document for {@code command}, with its schema and versions filled in. */
    static ObjectNode of(String command) {
        ObjectNode document = MAPPER.createObjectNode();
        document.put("schema", "manynuts." + command);
        document.put("schema_version", SCHEMA_VERSION);
        document.put("manynuts_version", ManynutsVersion.current());
        return document;
    }

    /** Prints the document and a newline, and flushes. */
    static void print(ObjectNode document, PrintWriter out) {
        try {
            out.println(MAPPER.writeValueAsString(document));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
        out.flush();
    }

    /** {@code value} under {@code name}, or null where it is NaN or infinite (JSON has neither). */
    static void putNumber(ObjectNode node, String name, double value) {
        if (Double.isFinite(value)) {
            node.put(name, value);
        } else {
            node.putNull(name);
        }
    }

    /**
     * The summary as the table shows it: {@code hdi_prob}, {@code columns} (the names, in order) and {@code rows},
     * one object per row with {@code variable} and a number (or null) per column.
     */
    static void putSummary(ObjectNode document, List<ParameterSummary> rows, double hdiProbability,
            boolean nested) {
        List<SummaryColumns.Column> columns = SummaryColumns.of(hdiProbability, nested);
        document.put("hdi_prob", hdiProbability);
        ArrayNode names = document.putArray("columns");
        columns.forEach(column -> names.add(column.name()));
        ArrayNode array = document.putArray("rows");
        for (ParameterSummary summary : rows) {
            ObjectNode row = array.addObject();
            row.put(SummaryColumns.NAME, summary.name());
            for (SummaryColumns.Column column : columns) {
                putNumber(row, column.name(), column.of(summary));
            }
        }
    }

    /** The sampler's counts: divergences, draws at the maximum tree depth, chains with a low E-BFMI. */
    static void putSampler(ObjectNode document, SamplerDiagnostics sampler) {
        ObjectNode node = document.putObject("sampler");
        node.put("draws", sampler.draws());
        node.put("divergences", sampler.divergences());
        node.put("max_tree_depth", sampler.maxTreeDepth());
        node.put("saturated_tree_depth", sampler.saturatedTreeDepth());
        ArrayNode lowBfmi = node.putArray("low_ebfmi_chains");
        for (int chain : sampler.lowEnergyBfmiChains()) {
            lowBfmi.add(chain);
        }
        node.put("low_ebfmi_threshold", SamplerDiagnostics.LOW_ENERGY_BFMI);
        node.put("rhat_threshold", DiagnosticWarnings.RHAT_THRESHOLD);
    }

    /** Exact moments under {@code name}: one object per quantity with {@code variable}, {@code mean}, {@code sd}. */
    static void putMoments(ObjectNode document, String name, List<PosteriorMoments> moments) {
        ArrayNode array = document.putArray(name);
        for (PosteriorMoments m : moments) {
            ObjectNode row = array.addObject();
            row.put(SummaryColumns.NAME, m.name());
            putNumber(row, "mean", m.mean());
            putNumber(row, "sd", m.sd());
        }
    }

    /** Lines as an array of strings under {@code name}. */
    static void putLines(ObjectNode document, String name, List<String> lines) {
        ArrayNode array = document.putArray(name);
        lines.forEach(array::add);
    }
}
