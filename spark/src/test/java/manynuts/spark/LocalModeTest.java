package manynuts.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import manynuts.api.Draws;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The application on Spark's local mode: one JVM, two task threads, each failed task tried again. */
class LocalModeTest {
    private static SparkSession spark;

    @TempDir
    Path folder;

    @BeforeAll
    static void start() {
        // local[2,2]: two task threads, and a task that fails gets one more attempt.
        SparkConf conf = new SparkConf().setMaster("local[2,2]").setAppName("manynuts-local-test")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set(ShardedRun.FAIL_FIRST_ATTEMPT, "1");
        spark = SparkSession.builder().config(conf).getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void shardedDrawsAreThoseOfTheOneMachineRunBitForBit() throws Exception {
        String output = folder.resolve("run").toString();
        SparkTesting.Result result = SparkTesting.run("sample", "-m", "eight_schools_noncentered", "--chains", "6",
                "--shards", "3", "--warmup", "150", "--draws", "100", "--seed", "11", "-o", output);
        assertEquals(0, result.code(), result.err());

        Draws expected = SparkTesting.oneMachine("eight_schools_noncentered", 6, 150, 100, 11);
        SparkTesting.assertSameDraws(expected, output);
        // Shard 1 failed its first attempt on purpose: the kept file is the retry's, with the same draws.
        RunManifest manifest = RunManifest.read(new org.apache.hadoop.fs.Path(output),
                new org.apache.hadoop.conf.Configuration());
        assertEquals(List.of(0, 1, 0), manifest.shards().stream().map(ShardResult::attempt).toList());
        assertEquals(List.of(0, 2, 4), manifest.shards().stream().map(ShardResult::firstChain).toList());
        assertFalse(Files.exists(folder.resolve("run/_temporary")), "the attempts' partial files are cleaned up");

        // The summary from the shards is the one-machine summary, to the last printed digit.
        assertEquals(expected.summary().table(), ShardedRun.summary(output,
                new org.apache.hadoop.conf.Configuration()).table());
        assertTrue(result.out().contains(expected.summary().table()), result.out());
        SparkTesting.Result summary = SparkTesting.run("summary", output);
        assertEquals(0, summary.code(), summary.err());
        assertTrue(summary.out().startsWith(expected.summary().table()), summary.out());
        assertEquals(manynuts.output.SummaryCsvWriter.header(0.95, false),
                Files.readAllLines(folder.resolve("run/summary.csv")).get(0));

        // Spark itself reads the draws: one row per chain and draw.
        Dataset<Row> draws = spark.read().parquet(output + "/draws");
        assertEquals(600, draws.count());
        assertEquals(6, draws.select("`.chain`").distinct().count());

        // What the tasks computed as the draws streamed by agrees with the draws themselves.
        org.apache.hadoop.conf.Configuration conf = new org.apache.hadoop.conf.Configuration();
        StreamedSummary streamed = ShardedRun.streamedSummary(output, conf);
        assertEquals(600, streamed.draws());
        for (int c = 0; c < expected.columns().size(); c++) {
            String column = expected.columns().get(c);
            double[] all = java.util.Arrays.stream(expected.of(column)).flatMapToDouble(java.util.Arrays::stream)
                    .toArray();
            double mean = java.util.Arrays.stream(all).sum() / all.length;
            double squares = java.util.Arrays.stream(all).map(x -> (x - mean) * (x - mean)).sum();
            double sd = Math.sqrt(squares / (all.length - 1));
            assertEquals(mean, streamed.mean()[c], 1e-12 * Math.max(1.0, Math.abs(mean)), column + " mean");
            assertEquals(sd, streamed.sd()[c], 1e-12 * Math.max(1.0, sd), column + " sd");
            assertEquals(java.util.Arrays.stream(all).min().getAsDouble(), streamed.min()[c], column + " min");
            assertEquals(java.util.Arrays.stream(all).max().getAsDouble(), streamed.max()[c], column + " max");
        }
        manynuts.output.RunSummary gathered = ShardedRun.summary(output, conf);
        // The mean's MCSE from the chains' autocovariances, combined over shards, is posterior's, as the host's.
        for (manynuts.diagnostics.summary.ParameterSummary row : gathered.parameters()) {
            double mcse = streamed.mcseMean()[expected.columns().indexOf(row.name())];
            assertEquals(row.mcseMean(), mcse, 1e-9 * row.mcseMean(), row.name() + " mcse_mean");
        }
        assertEquals(gathered.sampler().divergences(), streamed.divergences());
        assertEquals(gathered.sampler().saturatedTreeDepth(), streamed.saturatedTreeDepth());
        double smallestBfmi = java.util.Arrays.stream(gathered.sampler().energyBfmi()).min().getAsDouble();
        assertEquals(smallestBfmi, streamed.minEnergyBfmi(), 1e-12);
        SparkTesting.Result fromShards = SparkTesting.run("summary", "--from-shards", output);
        assertEquals(0, fromShards.code(), fromShards.err());
        assertTrue(fromShards.out().contains("of 600 draws diverged"), fromShards.out());

        // A run missing a shard's file is refused in one line that names it.
        Files.delete(folder.resolve("run/draws/shard-00001.parquet"));
        SparkTesting.Result damaged = SparkTesting.run("summary", output);
        assertEquals(2, damaged.code(), damaged.err());
        assertEquals(1, damaged.err().strip().lines().count(), damaged.err());
        assertTrue(damaged.err().contains("shard-00001.parquet"), damaged.err());
    }

    @Test
    void aStanProgramsShardsCompileOnTheExecutorsFromItsText() throws Exception {
        Path program = Path.of("src/test/resources/sbc/normal.stan");
        Path data = Path.of("src/test/resources/sbc/normal_observed.json");
        String output = folder.resolve("stan").toString();
        SparkTesting.Result result = SparkTesting.run("sample", "-m", program.toString(), "--data", data.toString(),
                "--chains", "4", "--shards", "2", "--warmup", "100", "--draws", "50", "--seed", "4", "-o", output);
        assertEquals(0, result.code(), result.err());
        SparkTesting.assertSameDraws(SparkTesting.oneMachine(manynuts.api.PosteriorModel.stanProgram(program, data),
                4, 100, 50, 4), output);

        // Without the gathered table: the streamed statistics only, and no summary.csv.
        String streamedOnly = folder.resolve("stan-shards").toString();
        SparkTesting.Result shards = SparkTesting.run("sample", "-m", program.toString(), "--data", data.toString(),
                "--chains", "4", "--shards", "2", "--warmup", "100", "--draws", "50", "--seed", "4", "--summary",
                "shards", "-o", streamedOnly);
        assertEquals(0, shards.code(), shards.err());
        assertTrue(shards.out().contains("ess_mean") && shards.out().contains("of 200 draws diverged"), shards.out());
        assertFalse(Files.exists(folder.resolve("stan-shards/summary.csv")));
    }

    @Test
    void badInputIsOneLineAndExitCodeTwo() {
        SparkTesting.Result unknown = SparkTesting.run("sample", "-m", "no_such_model", "--chains", "2",
                "-o", folder.resolve("bad").toString());
        assertEquals(2, unknown.code(), unknown.err());
        assertEquals(1, unknown.err().strip().lines().count(), unknown.err());
        assertTrue(unknown.err().contains("no_such_model"), unknown.err());

        SparkTesting.Result tooMany = SparkTesting.run("sample", "-m", "eight_schools_noncentered", "--chains", "2",
                "--shards", "3", "-o", folder.resolve("bad").toString());
        assertEquals(2, tooMany.code(), tooMany.err());
        assertEquals("manynuts-spark: --shards 3 is more than the 2 chains to share out", tooMany.err().strip());

        SparkTesting.Result badSummary = SparkTesting.run("sample", "-m", "eight_schools_noncentered", "--chains",
                "2", "--summary", "all", "-o", folder.resolve("bad").toString());
        assertEquals(2, badSummary.code(), badSummary.err());
        assertEquals("manynuts-spark: --summary is gathered or shards, got 'all'", badSummary.err().strip());

        SparkTesting.Result noProgram = SparkTesting.run("sample", "-m", "missing.stan", "-o",
                folder.resolve("bad").toString());
        assertEquals(2, noProgram.code(), noProgram.err());
        assertEquals("manynuts-spark: no such file: missing.stan", noProgram.err().strip());

        SparkTesting.Result noRun = SparkTesting.run("summary", folder.resolve("nothing").toString());
        assertEquals(2, noRun.code(), noRun.err());
        assertEquals(1, noRun.err().strip().lines().count(), noRun.err());
    }
}
