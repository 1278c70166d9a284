package manynuts.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import manynuts.backend.cuda.CudaProbe;
import manynuts.models.ModelFamily;
import manynuts.models.registry.ModelRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --json}: one document on stdout that any JSON reader takes, with the numbers the files and tables hold. */
class JsonOutputTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path directory;

    private static Path run;

    @BeforeAll
    static void sample() {
        run = directory.resolve("run");
        CommandLine.Outcome sampled = CommandLine.run("sample", "-m", "eight_schools_noncentered", "--chains", "4",
                "--warmup", "150", "--draws", "150", "--seed", "11", "--backend", "cpu", "--threads", "2",
                "--superchain-size", "2", "-o", run.toString());
        assertEquals(0, sampled.exitCode(), sampled.err());
    }

    /** Parses stdout as exactly one JSON document and checks the fields every document opens with. */
    private static JsonNode document(CommandLine.Outcome outcome, String schema) throws IOException {
        assertEquals(0, outcome.exitCode(), outcome.err());
        JsonNode document = JSON.readTree(outcome.out());
        assertEquals(schema, document.path("schema").asText());
        assertEquals(1, document.path("schema_version").asInt());
        String version = document.path("manynuts_version").asText();
        assertTrue(version.matches("\\d+\\.\\d+\\.\\d+.*"), "a real version: " + version);
        return document;
    }

    @Test
    void summaryHoldsWhatSummaryCsvHolds() throws IOException {
        JsonNode document = document(CommandLine.run("summary", run.toString(), "--json"), "manynuts.summary");
        assertEquals("eight_schools_noncentered", document.path("model").asText());
        assertEquals(4, document.path("chains").asInt());
        assertEquals(150, document.path("draws").asInt());
        assertEquals(11, document.path("seed").asLong());
        List<String> lines = Files.readAllLines(run.resolve("summary.csv"));
        List<String> header = Arrays.asList(lines.get(0).split(","));
        List<String> columns = new ArrayList<>();
        document.path("columns").forEach(name -> columns.add(name.asText()));
        assertEquals(header.subList(1, header.size()), columns, "the columns of summary.csv, in its order");
        assertEquals("rhat_nested", columns.get(columns.size() - 1), "the run's superchains give nested R-hat");
        JsonNode rows = document.path("rows");
        assertEquals(lines.size() - 1, rows.size(), "one row per line of summary.csv");
        assertEquals("lp__", rows.get(0).path("variable").asText(), "lp__ first, as stansummary shows it");
        for (int k = 1; k < lines.size(); k++) {
            String[] cells = lines.get(k).split(",");
            JsonNode row = rows.get(k - 1);
            assertEquals(cells[0], row.path("variable").asText());
            for (int c = 1; c < cells.length; c++) {
                JsonNode value = row.path(header.get(c));
                if (cells[c].equals("NA")) {
                    assertTrue(value.isNull(), cells[0] + " " + header.get(c) + ": " + value);
                } else {
                    assertEquals(Double.parseDouble(cells[c]), value.asDouble(), 0.0, cells[0] + " " + header.get(c));
                }
            }
        }
        JsonNode sampler = document.path("sampler");
        assertEquals(600, sampler.path("draws").asLong());
        assertEquals(10, sampler.path("max_tree_depth").asInt());
        assertTrue(document.path("warnings").isArray());
        JsonNode exact = document.path("exact");
        assertTrue(exact.path("method").asText().startsWith("quadrature"), exact.toString());
        assertFalse(exact.path("checks").isEmpty(), exact.toString());
    }

    @Test
    void quietSummaryPrintsNothing() {
        CommandLine.Outcome quiet = CommandLine.run("summary", run.toString(), "--quiet");
        assertEquals(0, quiet.exitCode(), quiet.err());
        assertEquals("", quiet.out());
        assertEquals("", quiet.err());
    }

    @Test
    void diagnoseMatchesItsOwnCsv() throws IOException {
        Path csv = directory.resolve("diagnosed.csv");
        JsonNode document = document(CommandLine.run("diagnose", run.resolve("draws.csv").toString(), "--json",
                "--csv", csv.toString()), "manynuts.diagnose");
        List<String> lines = Files.readAllLines(csv);
        assertEquals(lines.size() - 1, document.path("rows").size());
        List<String> header = Arrays.asList(lines.get(0).split(","));
        String[] mu = lines.stream().filter(line -> line.startsWith("mu,")).findFirst().orElseThrow().split(",");
        JsonNode row = null;
        for (JsonNode candidate : document.path("rows")) {
            if (candidate.path("variable").asText().equals("mu")) {
                row = candidate;
            }
        }
        assertEquals(Double.parseDouble(mu[header.indexOf("mean")]), row.path("mean").asDouble(), 0.0);
        assertEquals(Double.parseDouble(mu[header.indexOf("ess_bulk")]), row.path("ess_bulk").asDouble(), 0.0);
    }

    /** The eight schools posterior by quadrature: E[mu] is 4.4 and sd(mu) 3.3 (BDA, table 5.3's data). */
    @Test
    void exactGivesTheEightSchoolsPosterior() throws IOException {
        JsonNode document = document(CommandLine.run("exact", "--json"), "manynuts.exact");
        JsonNode mu = document.path("posterior").get(0);
        assertEquals("mu", mu.path("variable").asText());
        assertEquals(4.4, mu.path("mean").asDouble(), 0.05);
        assertEquals(3.3, mu.path("sd").asDouble(), 0.1);
        List<String> variables = new ArrayList<>();
        document.path("posterior").forEach(row -> variables.add(row.path("variable").asText()));
        assertTrue(variables.containsAll(List.of("tau", "theta[1]", "theta[8]")), variables.toString());
    }

    @Test
    void modelsListsEveryModelWithItsOptions() throws IOException {
        JsonNode document = document(CommandLine.run("models", "--json"), "manynuts.models");
        List<String> listed = new ArrayList<>();
        for (JsonNode model : document.path("models")) {
            String name = model.path("name").asText();
            listed.add(name);
            ModelFamily family = ModelRegistry.family(name);
            assertEquals(family.options().size(), model.path("options").size(), name);
            assertEquals(family.aliases().size(), model.path("aliases").size(), name);
            for (JsonNode option : model.path("options")) {
                assertTrue(option.path("lowest").asDouble() <= option.path("default").asDouble(), option.toString());
            }
        }
        List<String> expected = ModelRegistry.knownNames().stream()
                .filter(name -> ModelRegistry.family(name).name().equals(name)).toList();
        assertEquals(expected, listed);
    }

    @Test
    void devicesSaysWhatTheProbeSays() throws IOException {
        JsonNode document = document(CommandLine.run("devices", "--json"), "manynuts.devices");
        CudaProbe.Result probe = CudaProbe.probe();
        assertEquals(probe instanceof CudaProbe.Available, document.path("available").asBoolean());
        if (probe instanceof CudaProbe.Unavailable unavailable) {
            assertEquals(unavailable.reason(), document.path("reason").asText());
            assertEquals(0, document.path("devices").size());
        }
    }

    /** docs/json.md shows, for each command, a document with the very fields the command writes. */
    @Test
    void theDocumentedExamplesHaveTheFieldsTheCommandsWrite() throws IOException {
        String page = Files.readString(Path.of("..", "docs", "json.md"));
        java.util.regex.Matcher block = java.util.regex.Pattern.compile("```json\n(.*?)```", java.util.regex.Pattern.DOTALL)
                .matcher(page);
        List<JsonNode> examples = new ArrayList<>();
        while (block.find()) {
            examples.add(JSON.readTree(block.group(1)));
        }
        Path csv = directory.resolve("documented.csv");
        List<JsonNode> written = List.of(
                document(CommandLine.run("summary", run.toString(), "--json"), "manynuts.summary"),
                document(CommandLine.run("diagnose", run.resolve("draws.csv").toString(), "--json", "--csv",
                        csv.toString(), "--force"), "manynuts.diagnose"),
                document(CommandLine.run("exact", "--json"), "manynuts.exact"),
                document(CommandLine.run("models", "--json"), "manynuts.models"),
                document(CommandLine.run("devices", "--json"), "manynuts.devices"));
        for (JsonNode document : written) {
            JsonNode example = examples.stream()
                    .filter(e -> e.path("schema").equals(document.path("schema")))
                    .filter(e -> !e.has("available") || e.path("available").equals(document.path("available")))
                    .findFirst().orElseThrow(() -> new AssertionError("no example of " + document.path("schema")));
            assertEquals(fields(document), fields(example), document.path("schema").asText());
            if (document.has("rows") && document.path("rows").isArray() && document.path("rows").size() > 0) {
                // rhat_nested comes with superchains only, as the page says; this run has them, the example not.
                java.util.Set<String> rowFields = fields(document.path("rows").get(0));
                rowFields.remove("rhat_nested");
                assertEquals(rowFields, fields(example.path("rows").get(0)), document.path("schema") + " rows");
            }
        }
    }

    private static java.util.Set<String> fields(JsonNode node) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void badInputStaysOneErrorLineWithJson() {
        CommandLine.Outcome missing = CommandLine.run("summary", directory.resolve("absent").toString(), "--json");
        assertEquals(2, missing.exitCode());
        assertEquals("", missing.out());
        assertTrue(missing.err().startsWith("error: "), missing.err());
        assertEquals(1, missing.err().strip().lines().count(), missing.err());
    }
}
