package manynuts.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import manynuts.diagnostics.draws.StanCsvReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Stan CSV files of {@code sample --stan-csv} against the rules by which cmdstanpy ({@code scan_sampler_csv}),
 * ArviZ ({@code from_cmdstan}) and cmdstanr ({@code read_cmdstan_csv}) read such files, and against a file that
 * Stan itself wrote ({@code stancsv/rstan-eight-schools.csv}, made by {@code stancsv/generate.R}): our header has
 * every setting Stan's has that those readers use, and {@code diagnose} reads Stan's file with theta[1] names.
 */
class StanCsvInteropTest {

    private static final int CHAINS = 4;
    private static final int WARMUP = 150;
    private static final int DRAWS = 100;

    @TempDir
    static Path directory;

    static Path run;
    static List<Path> chains;

    @BeforeAll
    static void sample() throws IOException {
        run = directory.resolve("run");
        CommandLine.Outcome outcome = CommandLine.run("sample", "-m", "eight_schools_noncentered", "--chains",
                "" + CHAINS, "--warmup", "" + WARMUP, "--draws", "" + DRAWS, "--seed", "11", "--backend", "cpu",
                "--progress", "never", "--stan-csv", "-o", run.toString());
        assertEquals(0, outcome.exitCode(), outcome.err());
        try (Stream<Path> files = Files.list(run.resolve("stan"))) {
            chains = files.filter(f -> f.getFileName().toString().matches("chain-\\d+\\.csv")).sorted().toList();
        }
        assertEquals(CHAINS, chains.size());
    }

    /** A Stan CSV file cut into its parts as the readers see them. */
    record StanFile(List<String> configuration, List<String> header, List<String> afterHeader) {

        static StanFile read(Path file) throws IOException {
            List<String> lines = Files.readAllLines(file);
            int header = 0;
            while (lines.get(header).startsWith("#")) {
                header++;
            }
            return new StanFile(lines.subList(0, header), Arrays.asList(lines.get(header).split(",")),
                    lines.subList(header + 1, lines.size()));
        }

        /**
         * cmdstanpy's scan_config: drop "(Default)", strip leading '#', blanks and tabs, split on '='; a line that
         * splits into exactly two parts is a setting, later ones overwriting earlier ones.
         */
        Map<String, String> settings() {
            Map<String, String> settings = new LinkedHashMap<>();
            for (String line : configuration) {
                String text = line.replace("(Default)", "").replaceFirst("^[ #\\t]+", "").strip();
                String[] keyValue = text.split("=", -1);
                if (keyValue.length == 2) {
                    settings.put(keyValue[0].strip(), keyValue[1].strip());
                }
            }
            return settings;
        }

        List<String> draws() {
            return afterHeader.stream().filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
        }

        List<String> trailingComments() {
            int last = afterHeader.size();
            while (last > 0 && afterHeader.get(last - 1).startsWith("#")) {
                last--;
            }
            return afterHeader.subList(last, afterHeader.size());
        }
    }

    private static int integer(Map<String, String> settings, String key) {
        assertTrue(settings.containsKey(key), "no setting " + key);
        return Integer.parseInt(settings.get(key)); // as cmdstanpy's int(), which a "1.0" would fail
    }

    @Test
    void configurationHasWhatTheReadersLookUp() throws IOException {
        List<Integer> ids = new ArrayList<>();
        Map<String, String> first = null;
        for (Path chain : chains) {
            Map<String, String> settings = StanFile.read(chain).settings();
            assertEquals("sample", settings.get("method"));
            assertEquals("eight_schools_noncentered", settings.get("model"));
            assertEquals(DRAWS, integer(settings, "num_samples"));
            assertEquals(WARMUP, integer(settings, "num_warmup"));
            assertEquals(0, integer(settings, "save_warmup"));
            assertEquals(1, integer(settings, "thin"));
            assertEquals(10, integer(settings, "max_depth"));
            assertEquals("diag_e", settings.get("metric"));
            assertEquals("hmc", settings.get("algorithm"));
            assertEquals("nuts", settings.get("engine"));
            assertEquals(11, integer(settings, "seed"));
            for (String part : List.of("major", "minor", "patch")) {
                integer(settings, "stan_version_" + part); // ArviZ keeps these; cmdstanr compares them
            }
            ids.add(integer(settings, "id"));
            // cmdstanr: these must agree across the files of one run.
            if (first == null) {
                first = settings;
            }
            for (String key : List.of("stan_version_major", "stan_version_minor", "stan_version_patch", "gamma",
                    "kappa", "t0", "init_buffer", "term_buffer", "window", "algorithm", "engine", "metric", "model",
                    "num_samples", "thin", "save_warmup")) {
                assertEquals(first.get(key), settings.get(key), key + " differs between chains");
            }
        }
        assertEquals(List.of(1, 2, 3, 4), ids, "each chain's id, in file order");
    }

    @Test
    void dataFileLineNamesReadableStanJson() throws IOException {
        // cmdstanpy takes the "file" setting that does not end in csv as the data file; the last "file" is output's.
        List<String> files = new ArrayList<>();
        for (String line : StanFile.read(chains.get(0)).configuration()) {
            Matcher file = Pattern.compile("^#\\s+file = (.*)$").matcher(line);
            if (file.find()) {
                files.add(file.group(1).replace("(Default)", "").strip());
            }
        }
        assertEquals(2, files.size(), "data and output file lines: " + files);
        assertEquals(chains.get(0).getFileName().toString(), files.get(1));
        Path data = Path.of(files.get(0));
        assertTrue(data.isAbsolute() && Files.isRegularFile(data), "data file " + data);
        JsonNode json = new ObjectMapper().readTree(data.toFile());
        assertEquals(8, json.get("J").asInt());
        assertEquals(28.0, json.get("y").get(0).asDouble());
    }

    @Test
    void headerRowUsesCmdStanNamesAfterStansSamplerColumns() throws IOException {
        List<String> header = StanFile.read(chains.get(0)).header();
        assertEquals(List.of("lp__", "accept_stat__", "stepsize__", "treedepth__", "n_leapfrog__", "divergent__",
                "energy__"), header.subList(0, 7));
        // CmdStan's grammar: identifier, then each index after a dot (ArviZ splits on '.' and parses ints).
        Pattern name = Pattern.compile("[A-Za-z][A-Za-z0-9_]*(\\.[1-9][0-9]*)*");
        for (String column : header.subList(7, header.size())) {
            assertTrue(name.matcher(column).matches(), column);
        }
        assertTrue(header.containsAll(List.of("mu", "tau", "theta.1", "theta.8")), header.toString());
    }

    @Test
    void adaptationBlockAndDrawsParseAsCmdStanpyExpects() throws IOException {
        for (Path chain : chains) {
            StanFile file = StanFile.read(chain);
            List<String> after = file.afterHeader();
            assertEquals("# Adaptation terminated", after.get(0).strip());
            String[] stepSize = after.get(1).strip().split("=");
            assertEquals(2, stepSize.length, after.get(1));
            assertTrue(stepSize[0].startsWith("# Step size"));
            assertTrue(Double.parseDouble(stepSize[1].strip()) > 0);
            assertEquals("# Diagonal elements of inverse mass matrix:", after.get(2).strip());
            String[] metric = after.get(3).replaceFirst("^[ #\\t]+", "").split(",");
            assertEquals(10, metric.length, "one entry per unconstrained coordinate");
            for (String entry : metric) {
                assertTrue(Double.parseDouble(entry.strip()) > 0, entry);
            }
            List<String> draws = file.draws();
            assertEquals(DRAWS, draws.size());
            int divergent = file.header().indexOf("divergent__");
            int treeDepth = file.header().indexOf("treedepth__");
            for (String row : draws) {
                String[] fields = row.split(",", -1);
                assertEquals(file.header().size(), fields.length, row);
                Integer.parseInt(fields[divergent]); // cmdstanpy counts them with int()
                Integer.parseInt(fields[treeDepth]);
            }
        }
    }

    /**
     * cmdstanpy 1.3's rules: the metric is the value of the last comment line containing "metric =" before the
     * adaptation block (a setting of ours spelled so would hide diag_e); warm-up draws are the rows between the
     * header and the first comment after it, draws those between the adaptation block and the elapsed-time block.
     */
    @Test
    void newerCmdStanpyFindsTheMetricAndCountsTheDraws() throws IOException {
        for (Path chain : chains) {
            List<String> lines = Files.readAllLines(chain);
            String metric = null;
            int line = 0;
            for (; line < lines.size() && !lines.get(line).contains("Adaptation terminated"); line++) {
                if (lines.get(line).startsWith("#") && lines.get(line).contains("metric =")) {
                    String[] parts = lines.get(line).split(" = ", -1);
                    assertEquals(2, parts.length, lines.get(line));
                    metric = parts[1].replace("(Default)", "").strip();
                }
            }
            assertEquals("diag_e", metric);
            assertTrue(lines.get(line + 1).startsWith("# Step size") && lines.get(line + 1).split(" = ").length == 2);
            assertTrue(lines.get(line + 2).startsWith("# Diagonal elements of "));

            int header = 0;
            while (!lines.get(header).startsWith("lp__")) {
                header++;
            }
            int adaptation = header + 1;
            while (!lines.get(adaptation).startsWith("#")) {
                adaptation++;
            }
            int sampling = adaptation;
            while (lines.get(sampling).startsWith("#") && !lines.get(sampling).startsWith("#  Elapsed")) {
                sampling++;
            }
            int timing = sampling;
            while (!lines.get(timing).startsWith("#")) {
                timing++;
            }
            assertEquals(0, adaptation - header - 1, "warm-up rows");
            assertEquals(DRAWS, timing - sampling, "sampling rows");
            assertTrue(timing + 1 < lines.size(), "a line after the timing block starts");
        }
    }

    /** ArviZ's and cmdstanr's rule: the number before "seconds (Warm-up)", "(Sampling)" and "(Total)". */
    private static Map<String, Double> elapsed(List<String> comments) {
        Map<String, Double> times = new LinkedHashMap<>();
        Pattern time = Pattern.compile("^#\\s*(?:Elapsed Time:)?\\s*(\\S+) seconds \\((Warm-up|Sampling|Total)\\)$");
        for (String comment : comments) {
            Matcher matcher = time.matcher(comment);
            if (matcher.find()) {
                times.put(matcher.group(2), Double.parseDouble(matcher.group(1)));
            }
        }
        return times;
    }

    @Test
    void elapsedTimesAreEachChainsOwnAndAddUp() throws IOException {
        double runSeconds = new ObjectMapper().readTree(run.resolve("run.json").toFile()).findValue("seconds")
                .asDouble();
        for (Path chain : chains) {
            Map<String, Double> times = elapsed(StanFile.read(chain).trailingComments());
            assertEquals(List.of("Warm-up", "Sampling", "Total"), new ArrayList<>(times.keySet()), chain.toString());
            double warmup = times.get("Warm-up");
            double sampling = times.get("Sampling");
            assertTrue(warmup > 0 && sampling > 0, times.toString());
            assertEquals(warmup + sampling, times.get("Total"), 0.0015, "total is warm-up plus sampling");
            assertTrue(times.get("Total") <= runSeconds + 0.001, times + " within the run's " + runSeconds + " s");
        }
    }

    private static Path stanWritten() throws URISyntaxException {
        return Path.of(StanCsvInteropTest.class.getResource("/stancsv/rstan-eight-schools.csv").toURI());
    }

    @Test
    void diagnoseReadsStansOwnFileWithBracketedNames() throws Exception {
        Path stan = stanWritten();
        StanCsvReader.StanRun read = StanCsvReader.read(List.of(stan));
        assertEquals(30, read.draws().drawsPerChain(), "rstan's 20 saved warm-up iterations are dropped");
        assertEquals(List.of("mu", "tau", "theta_tilde[1]"), read.draws().variables().subList(0, 3));
        assertTrue(read.draws().variables().contains("theta[8]"));

        CommandLine.Outcome outcome = CommandLine.run("diagnose", stan.toString());
        assertEquals(0, outcome.exitCode(), outcome.err());
        assertTrue(outcome.out().contains("theta[1]"), outcome.out());
        assertTrue(outcome.out().contains("theta_tilde[8]"), outcome.out());
        assertFalse(outcome.out().contains("theta.1"), outcome.out());
    }

    @Test
    void diagnoseOfEitherFileShowsTheRunsOwnSummary() {
        CommandLine.Outcome summary = CommandLine.run("summary", run.toString());
        assertEquals(0, summary.exitCode(), summary.err());
        // summary opens with a line naming the run and may close with the exact comparison; diagnose has neither.
        List<String> expected = summary.out().lines()
                .filter(line -> !line.startsWith("eight_schools") && !line.startsWith("E[") && !line.startsWith("exact"))
                .toList();
        assertTrue(expected.get(1).startsWith("lp__ "), "stansummary's first row: " + expected.get(1));
        List<String> stanFiles = new ArrayList<>(List.of("diagnose"));
        chains.forEach(chain -> stanFiles.add(chain.toString()));
        for (String[] args : List.of(new String[] {"diagnose", run.resolve("draws.csv").toString()},
                stanFiles.toArray(String[]::new))) {
            CommandLine.Outcome diagnose = CommandLine.run(args);
            assertEquals(0, diagnose.exitCode(), diagnose.err());
            assertEquals(expected, diagnose.out().lines().toList(), "diagnose " + args[1]);
        }
    }

    /**
     * Every setting of Stan's own file, by the name CmdStan (and so the readers) give it, or null where no reader
     * uses it; a setting that Stan writes and this table lacks fails the test until it is looked at.
     */
    private static final Map<String, String> STAN_SETTINGS = new LinkedHashMap<>();

    static {
        STAN_SETTINGS.put("stan_version_major", "stan_version_major");
        STAN_SETTINGS.put("stan_version_minor", "stan_version_minor");
        STAN_SETTINGS.put("stan_version_patch", "stan_version_patch");
        STAN_SETTINGS.put("init", "init");
        STAN_SETTINGS.put("enable_random_init", null);
        STAN_SETTINGS.put("seed", "seed");
        STAN_SETTINGS.put("chain_id", "id");
        STAN_SETTINGS.put("iter", "num_samples"); // rstan: warm-up and sampling iterations together
        STAN_SETTINGS.put("warmup", "num_warmup");
        STAN_SETTINGS.put("save_warmup", "save_warmup");
        STAN_SETTINGS.put("thin", "thin");
        STAN_SETTINGS.put("refresh", null);
        STAN_SETTINGS.put("stepsize", "stepsize");
        STAN_SETTINGS.put("stepsize_jitter", "stepsize_jitter");
        STAN_SETTINGS.put("adapt_engaged", "engaged");
        STAN_SETTINGS.put("adapt_gamma", "gamma");
        STAN_SETTINGS.put("adapt_delta", "delta");
        STAN_SETTINGS.put("adapt_kappa", "kappa");
        STAN_SETTINGS.put("adapt_t0", "t0");
        STAN_SETTINGS.put("max_treedepth", "max_depth");
        STAN_SETTINGS.put("sampler_t", "metric"); // NUTS(diag_e): engine nuts, metric diag_e
        STAN_SETTINGS.put("sample_file", "file");
        STAN_SETTINGS.put("append_samples", null);
    }

    @Test
    void ourConfigurationHasEverySettingOfStansOwnFileThatReadersUse() throws Exception {
        StanFile stan = StanFile.read(stanWritten());
        Map<String, String> theirs = stan.settings();
        Map<String, String> ours = StanFile.read(chains.get(0)).settings();
        for (Map.Entry<String, String> setting : theirs.entrySet()) {
            assertTrue(STAN_SETTINGS.containsKey(setting.getKey()), "Stan writes " + setting.getKey()
                    + ", which this test does not yet know");
            String name = STAN_SETTINGS.get(setting.getKey());
            if (name != null) {
                assertTrue(ours.containsKey(name), "Stan writes " + setting.getKey() + "; we lack " + name);
            }
        }
        // Constants of the algorithm both run with: the same values.
        for (String constant : List.of("adapt_gamma", "adapt_kappa", "adapt_t0", "stepsize_jitter")) {
            assertEquals(Double.parseDouble(theirs.get(constant)),
                    Double.parseDouble(ours.get(STAN_SETTINGS.get(constant))), constant);
        }
        assertEquals("NUTS(diag_e)", theirs.get("sampler_t"));
        assertEquals("diag_e", ours.get("metric"));
        assertEquals("nuts", ours.get("engine"));
    }

    /** A line's shape: every number replaced by N, so that two files' blocks compare line by line. */
    private static String shape(String line) {
        return line.replaceAll("-?(nan|inf|NaN|[0-9][0-9.eE+-]*)", "N").stripTrailing();
    }

    @Test
    void blocksAroundTheDrawsAreLaidOutAsStansOwn() throws Exception {
        StanFile stan = StanFile.read(stanWritten());
        StanFile ours = StanFile.read(chains.get(0));
        assertEquals(stan.header().subList(0, 7), ours.header().subList(0, 7), "Stan's sampler columns, in order");

        // Stan saved its warm-up: its adaptation block follows the warm-up rows instead of the header.
        List<String> stanAfter = stan.afterHeader();
        int adaptation = stanAfter.indexOf("# Adaptation terminated");
        assertTrue(adaptation > 0, "Stan's file has an adaptation block");
        for (int line = 0; line < 3; line++) {
            assertEquals(shape(stanAfter.get(adaptation + line)), shape(ours.afterHeader().get(line)));
        }
        assertEquals(shape(stanAfter.get(adaptation + 3)).replaceAll("(, N)+", ", N"),
                shape(ours.afterHeader().get(3)).replaceAll("(, N)+", ", N"), "the metric's line");

        assertEquals(stan.trailingComments().stream().map(StanCsvInteropTest::shape).toList(),
                ours.trailingComments().stream().map(StanCsvInteropTest::shape).toList(), "the elapsed-time block");
        assertEquals(List.of("Warm-up", "Sampling", "Total"),
                new ArrayList<>(elapsed(stan.trailingComments()).keySet()), "the rule reads Stan's own file");
    }
}
