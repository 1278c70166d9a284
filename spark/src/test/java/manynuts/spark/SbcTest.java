package manynuts.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Simulation-based calibration on Spark's local mode: a model fitted to its own generator's datasets gives uniform
 * ranks; the same model with a prior narrower than the generator's does not; a built-in model calibrates against its
 * own prior simulation, and the centered funnel against its own fails.
 */
class SbcTest {
    private static final Path RESOURCES = Path.of("src/test/resources/sbc");
    private static SparkSession spark;

    @TempDir
    Path folder;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().config(new SparkConf().setMaster("local[2]").setAppName("manynuts-sbc-test")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")).getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private SparkTesting.Result calibrate(String model, String output) {
        return SparkTesting.run("sbc", "-m", RESOURCES.resolve(model).toString(), "--generator",
                RESOURCES.resolve("normal_generator.stan").toString(), "--data",
                RESOURCES.resolve("normal_data.json").toString(), "--datasets", "100", "--chains", "2", "--warmup",
                "150", "--draws", "50", "--thin", "2", "--bins", "10", "--seed", "3", "--shards", "2", "-o",
                folder.resolve(output).toString());
    }

    @Test
    void ranksAreUniformForTheGeneratorsModelAndNotForAnother() throws Exception {
        SparkTesting.Result calibrated = calibrate("normal.stan", "calibrated");
        assertEquals(0, calibrated.code(), calibrated.err());
        JsonNode run = new ObjectMapper().readTree(folder.resolve("calibrated/run.json").toFile());
        assertEquals(List.of("mu", "sigma"), List.of(run.get("parameters").get(0).asText(),
                run.get("parameters").get(1).asText()));
        assertEquals(100, run.get("maxRank").asInt());
        // Uniform ranks: each parameter's chi-square test (9 degrees of freedom) above 0.001.
        for (String parameter : List.of("mu", "sigma")) {
            double p = run.get("pValues").get(parameter).asDouble();
            assertTrue(p > 0.001, parameter + ": chi-square p = " + p + "\n" + calibrated.out());
        }
        List<Row> ranks = spark.read().parquet(folder.resolve("calibrated/ranks.parquet").toString())
                .orderBy("dataset").collectAsList();
        assertEquals(100, ranks.size());
        for (Row row : ranks) {
            int mu = row.getInt(row.fieldIndex("mu"));
            assertTrue(mu >= 0 && mu <= 100, "rank " + mu);
        }
        String report = Files.readString(folder.resolve("calibrated/report.html"));
        assertEquals(2, report.split("<svg", -1).length - 1, "one rank histogram per parameter");

        SparkTesting.Result miscalibrated = calibrate("normal_narrow_prior.stan", "miscalibrated");
        assertEquals(0, miscalibrated.code(), miscalibrated.err());
        JsonNode wrong = new ObjectMapper().readTree(folder.resolve("miscalibrated/run.json").toFile());
        double p = wrong.get("pValues").get("mu").asDouble();
        assertTrue(p < 1e-6, "mu's ranks under a narrower prior: chi-square p = " + p);
        assertTrue(miscalibrated.out().contains("ranks not uniform"), miscalibrated.out());
    }

    @Test
    void aBuiltInModelIsCalibratedAgainstItsOwnPrior() throws Exception {
        SparkTesting.Result result = SparkTesting.run("sbc", "-m", "eight_schools_noncentered", "--datasets", "80",
                "--chains", "2", "--warmup", "150", "--draws", "50", "--thin", "2", "--bins", "8", "--seed", "5",
                "--shards", "2", "-o", folder.resolve("schools").toString());
        assertEquals(0, result.code(), result.err());
        JsonNode run = new ObjectMapper().readTree(folder.resolve("schools/run.json").toFile());
        List<String> parameters = new java.util.ArrayList<>();
        run.get("parameters").forEach(name -> parameters.add(name.asText()));
        assertTrue(parameters.containsAll(List.of("mu", "tau", "nu[1]", "theta[8]", "tau_log")), parameters.toString());
        assertTrue(run.get("generator").asText().contains("prior simulation"), run.toString());
        for (String parameter : List.of("mu", "tau", "theta[1]", "nu[1]")) {
            double p = run.get("pValues").get(parameter).asDouble();
            assertTrue(p > 0.001, parameter + ": chi-square p = " + p + "\n" + result.out());
        }
        // tau and tau_log rank alike: the same truths, the same draws, a monotone map.
        assertEquals(run.get("pValues").get("tau").asDouble(), run.get("pValues").get("tau_log").asDouble());

        // The centered funnel's sampler cannot reach the neck: v's ranks are far from uniform.
        SparkTesting.Result funnel = SparkTesting.run("sbc", "-m", "funnel", "--datasets", "240", "--chains", "2",
                "--warmup", "150", "--draws", "50", "--thin", "2", "--bins", "8", "--seed", "5", "--shards", "2", "-o",
                folder.resolve("funnel").toString());
        assertEquals(0, funnel.code(), funnel.err());
        double funnelP = new ObjectMapper().readTree(folder.resolve("funnel/run.json").toFile()).get("pValues")
                .get("v").asDouble();
        assertTrue(funnelP < 1e-3, "v's ranks in the centered funnel: chi-square p = " + funnelP);

        SparkTesting.Result program = SparkTesting.run("sbc", "-m", RESOURCES.resolve("normal.stan").toString(),
                "--data", RESOURCES.resolve("normal_data.json").toString(), "--datasets", "4", "-o",
                folder.resolve("no-generator").toString());
        assertEquals(2, program.code(), program.err());
        assertEquals(1, program.err().strip().lines().count(), program.err());
        assertTrue(program.err().contains("--generator"), program.err());
    }

    @Test
    void aGeneratorWithParametersIsRefusedInOneLine() {
        SparkTesting.Result result = SparkTesting.run("sbc", "-m", RESOURCES.resolve("normal.stan").toString(),
                "--generator", RESOURCES.resolve("has_parameters.stan").toString(), "--data",
                RESOURCES.resolve("normal_data.json").toString(), "--datasets", "4", "-o",
                folder.resolve("bad").toString());
        assertEquals(2, result.code(), result.err());
        assertEquals(1, result.err().strip().lines().count(), result.err());
        assertTrue(result.err().contains("has parameters"), result.err());
    }
}
