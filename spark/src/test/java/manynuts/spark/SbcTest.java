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
 * ranks; the same model with a prior narrower than the generator's does not.
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
