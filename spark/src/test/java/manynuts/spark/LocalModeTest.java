package manynuts.spark;

import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import manynuts.api.Draws;
import manynuts.api.PosteriorModel;
import manynuts.diagnostics.draws.ChainParts;
import manynuts.diagnostics.draws.DrawsShape;
import manynuts.diagnostics.summary.DiagnosticsWorkspace;
import manynuts.diagnostics.summary.ParameterSummary;
import manynuts.diagnostics.summary.Summaries;
import manynuts.diagnostics.summary.SummaryOptions;
import manynuts.output.RunSummary;
import manynuts.output.SummaryCsvWriter;
import org.apache.hadoop.conf.Configuration;
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
        RunManifest manifest = RunManifest.read(new org.apache.hadoop.fs.Path(output), new Configuration());
        assertEquals(List.of(0, 1, 0), manifest.shards().stream().map(ShardResult::attempt).toList());
        assertEquals(List.of(0, 2, 4), manifest.shards().stream().map(ShardResult::firstChain).toList());
        assertFalse(Files.exists(folder.resolve("run/_temporary")), "the attempts' partial files are cleaned up");

        // The summary from the shards is the one-machine summary, to the last printed digit.
        assertEquals(expected.summary().table(), ShardedRun.summary(output, new Configuration()).table());
        assertTrue(result.out().contains(expected.summary().table()), result.out());
        SparkTesting.Result summary = SparkTesting.run("summary", output);
        assertEquals(0, summary.code(), summary.err());
        assertTrue(summary.out().startsWith(expected.summary().table()), summary.out());
        assertEquals(SummaryCsvWriter.header(0.95, false),
                Files.readAllLines(folder.resolve("run/summary.csv")).get(0));

        // Spark itself reads the draws: one row per chain and draw.
        Dataset<Row> draws = spark.read().parquet(output + "/draws");
        assertEquals(600, draws.count());
        assertEquals(6, draws.select("`.chain`").distinct().count());

        // What the tasks computed as the draws streamed by agrees with the draws themselves.
        Configuration conf = new Configuration();
        StreamedSummary streamed = ShardedRun.streamedSummary(output, conf);
        assertEquals(600, streamed.draws());
        for (int c = 0; c < expected.columns().size(); c++) {
            String column = expected.columns().get(c);
            double[] all = Arrays.stream(expected.of(column)).flatMapToDouble(Arrays::stream).toArray();
            double mean = Arrays.stream(all).sum() / all.length;
            double squares = Arrays.stream(all).map(x -> (x - mean) * (x - mean)).sum();
            double sd = Math.sqrt(squares / (all.length - 1));
            assertEquals(mean, streamed.mean()[c], 1e-12 * Math.max(1.0, Math.abs(mean)), column + " mean");
            assertEquals(sd, streamed.sd()[c], 1e-12 * Math.max(1.0, sd), column + " sd");
            assertEquals(Arrays.stream(all).min().getAsDouble(), streamed.min()[c], column + " min");
            assertEquals(Arrays.stream(all).max().getAsDouble(), streamed.max()[c], column + " max");
        }
        RunSummary gathered = ShardedRun.summary(output, conf);
        // The mean's MCSE from the chains' autocovariances, combined over shards, is posterior's, as the host's.
        for (ParameterSummary row : gathered.parameters()) {
            double mcse = streamed.mcseMean()[expected.columns().indexOf(row.name())];
            assertEquals(row.mcseMean(), mcse, 1e-9 * row.mcseMean(), row.name() + " mcse_mean");
        }
        assertEquals(gathered.sampler().divergences(), streamed.divergences());
        assertEquals(gathered.sampler().saturatedTreeDepth(), streamed.saturatedTreeDepth());
        double smallestBfmi = Arrays.stream(gathered.sampler().energyBfmi()).min().getAsDouble();
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

    /** Statistics read off gathered draws, the same wherever the passes ran. */
    private static final Set<String> ORDER_STATISTICS = Set.of("median", "q5", "q95", "hdiLower",
            "hdiUpper", "mad");

    /**
     * Compares every statistic of two rows: order statistics exactly, the ranked ones (bulk R-hat and ESS) to
     * {@code rankedTolerance} and the rest to {@code tolerance}, relative.
     */
    private static void assertRowsAgree(ParameterSummary expected, ParameterSummary actual, double rankedTolerance,
            double tolerance) throws ReflectiveOperationException {
        for (RecordComponent component : ParameterSummary.class.getRecordComponents()) {
            if (component.getType() != double.class) {
                continue;
            }
            double want = (double) component.getAccessor().invoke(expected);
            double got = (double) component.getAccessor().invoke(actual);
            String what = expected.name() + " " + component.getName();
            if (ORDER_STATISTICS.contains(component.getName()) || !Double.isFinite(want) || want == 0.0) {
                assertEquals(want, got, what);
            } else {
                double relative = List.of("rhat", "essBulk").contains(component.getName()) ? rankedTolerance
                        : tolerance;
                assertEquals(want, got, relative * Math.abs(want), what);
            }
        }
    }

    @Test
    void theDistributedSummaryIsTheHostsBinnedSummaryOfTheGatheredDraws() throws Exception {
        // 40 chains of 301 draws: more draws than bin edges, so ranks are interpolated, and odd chains drop a draw.
        String output = folder.resolve("distributed").toString();
        // (sample --summary distributed, which the Stan program's test runs, would compute it once more.)
        SparkTesting.Result result = SparkTesting.run("sample", "-m", "eight_schools_noncentered", "--chains", "40",
                "--shards", "4", "--warmup", "100", "--draws", "301", "--seed", "5", "--summary", "shards",
                "-o", output);
        assertEquals(0, result.code(), result.err());
        Configuration conf = new Configuration();
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        RunSummary distributed = ShardedRun.summary(output, conf, "distributed", () -> context);

        RunManifest manifest = RunManifest.read(new org.apache.hadoop.fs.Path(output), conf);
        ShardedDraws draws = new ShardedDraws(new org.apache.hadoop.fs.Path(output), manifest, conf);
        SummaryOptions binned = SummaryOptions.defaults().withRanks(SummaryOptions.Ranks.BINNED);
        List<ParameterSummary> rows = distributed.rows();
        assertEquals(draws.outputCount() + RunSummary.SAMPLER_ROWS.size(), rows.size());
        RunSummary exact = ShardedRun.summary(output, conf);
        for (int r = 0; r < rows.size(); r++) {
            ParameterSummary row = rows.get(r);
            // The host's binned summary of the column gathered: the same passes over one part, not four.
            ParameterSummary host = Summaries.asStansummary(List.of(Summaries.summarise(row.name(),
                    draws.column(row.name()), binned))).get(0);
            assertRowsAgree(host, row, 1e-12, 1e-12);
            // And the exact summary, within what binned ranks change: the interpolated ranks only.
            assertRowsAgree(exact.rows().get(r), row, 1e-3, 1e-9);
        }
        assertEquals(exact.sampler().divergences(), distributed.sampler().divergences());
        assertEquals(exact.sampler().saturatedTreeDepth(), distributed.sampler().saturatedTreeDepth());
        assertTrue(Arrays.equals(exact.sampler().divergencesPerChain(),
                distributed.sampler().divergencesPerChain()));
        assertTrue(Arrays.equals(exact.sampler().energyBfmi(), distributed.sampler().energyBfmi()));
        assertTrue(Arrays.equals(exact.sampler().stepSizePerChain(),
                distributed.sampler().stepSizePerChain()));
        assertEquals(exact.warnings(), distributed.warnings());
    }

    @Test
    void aSlowlyMixingColumnTakesTheFftAndTheIndicatorLagsOverTheShards() throws Exception {
        // Trees of one doubling along a narrow ridge: autocorrelations long enough that Geyer's sequence runs past
        // the direct lag sums into the FFT, and the quantile indicators past their first lags.
        Path program = Path.of("src/test/resources/slow_mixing.stan");
        String output = folder.resolve("slow").toString();
        SparkTesting.Result result = SparkTesting.run("sample", "-m", program.toString(), "--chains", "40",
                "--shards", "4", "--warmup", "100", "--draws", "301", "--max-depth", "1", "--seed", "3",
                "--summary", "shards", "-o", output);
        assertEquals(0, result.code(), result.err());
        Configuration conf = new Configuration();
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        RunManifest manifest = RunManifest.read(new org.apache.hadoop.fs.Path(output), conf);
        ShardedDraws draws = new ShardedDraws(new org.apache.hadoop.fs.Path(output), manifest, conf);
        SummaryOptions binned = SummaryOptions.defaults().withRanks(SummaryOptions.Ranks.BINNED);
        for (String column : List.of("a", "b")) {
            List<String> passes = new ArrayList<>();
            ParameterSummary overShards;
            try (ShardColumnParts shards = new ShardColumnParts(context, output, manifest,
                    ShardedRun.hadoopSettings(context.getConf()), column)) {
                overShards = new DiagnosticsWorkspace().summariseBinned(column, recording(shards, passes),
                        binned.hdiProbability());
            }
            assertTrue(passes.contains("powerSpectrum"), column + ": " + passes);
            assertTrue(passes.contains("indicatorLags"), column + ": " + passes);
            ParameterSummary host = Summaries.summarise(column, draws.column(column), binned);
            assertTrue(host.essBulk() < 0.01 * 40 * 301, column + " ess_bulk " + host.essBulk());
            assertRowsAgree(host, overShards, 1e-12, 1e-12);
        }
    }

    /** The parts, adding to {@code passes} the method that made each pass run over them. */
    private static ChainParts recording(ChainParts parts, List<String> passes) {
        return new ChainParts() {
            @Override
            public DrawsShape shape() {
                return parts.shape();
            }

            @Override
            public <P> List<P> run(Pass<P> pass) {
                passes.add(madeBy(pass));
                return parts.run(pass);
            }

            @Override
            public <P> P reduce(Pass<P> pass, Merge<P> merge) {
                passes.add(madeBy(pass));
                return parts.reduce(pass, merge);
            }
        };
    }

    /** The method whose lambda a pass is, from the form it is serialized in ({@code lambda$NAME$N}). */
    private static String madeBy(Object pass) {
        try {
            Method writeReplace = pass.getClass().getDeclaredMethod("writeReplace");
            writeReplace.setAccessible(true);
            String name = ((SerializedLambda) writeReplace.invoke(pass)).getImplMethodName();
            return name.startsWith("lambda$") ? name.split("\\$")[1] : name;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("a pass that is no serializable lambda: " + pass.getClass(), e);
        }
    }

    @Test
    void aStanProgramsShardsCompileOnTheExecutorsFromItsText() throws Exception {
        Path program = Path.of("src/test/resources/sbc/normal.stan");
        Path data = Path.of("src/test/resources/sbc/normal_observed.json");
        String output = folder.resolve("stan").toString();
        SparkTesting.Result result = SparkTesting.run("sample", "-m", program.toString(), "--data", data.toString(),
                "--chains", "4", "--shards", "2", "--warmup", "100", "--draws", "50", "--seed", "4", "-o", output);
        assertEquals(0, result.code(), result.err());
        SparkTesting.assertSameDraws(SparkTesting.oneMachine(PosteriorModel.stanProgram(program, data),
                4, 100, 50, 4), output);

        // The summary distributed over the shards, with superchains of two: its table, summary.csv, and nested
        // R-hat from the shards' superchains as from the gathered columns.
        String distributed = folder.resolve("stan-distributed").toString();
        SparkTesting.Result overShards = SparkTesting.run("sample", "-m", program.toString(), "--data",
                data.toString(), "--chains", "4", "--shards", "2", "--superchain-size", "2", "--warmup", "100",
                "--draws", "50", "--seed", "4", "--summary", "distributed", "-o", distributed);
        assertEquals(0, overShards.code(), overShards.err());
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration conf = new Configuration();
        RunSummary summary = ShardedRun.summary(distributed, conf, "distributed", () -> context);
        assertTrue(overShards.out().contains(summary.table()), overShards.out());
        assertTrue(Files.exists(folder.resolve("stan-distributed/summary.csv")));
        RunSummary gathered = ShardedRun.summary(distributed, conf);
        assertTrue(summary.nested());
        for (int r = 0; r < summary.rows().size(); r++) {
            assertEquals(gathered.rows().get(r).nestedRhat(), summary.rows().get(r).nestedRhat(),
                    summary.rows().get(r).name());
        }

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
        assertEquals("manynuts-spark: --summary is auto, gathered, distributed or shards, got 'all'",
                badSummary.err().strip());

        SparkTesting.Result noProgram = SparkTesting.run("sample", "-m", "missing.stan", "-o",
                folder.resolve("bad").toString());
        assertEquals(2, noProgram.code(), noProgram.err());
        assertEquals("manynuts-spark: no such file: missing.stan", noProgram.err().strip());

        SparkTesting.Result badMode = SparkTesting.run("summary", "--summary", "sorted",
                folder.resolve("nothing").toString());
        assertEquals(2, badMode.code(), badMode.err());
        assertEquals("manynuts-spark: --summary is auto, gathered or distributed, got 'sorted'",
                badMode.err().strip());

        SparkTesting.Result noRun = SparkTesting.run("summary", folder.resolve("nothing").toString());
        assertEquals(2, noRun.code(), noRun.err());
        assertEquals(1, noRun.err().strip().lines().count(), noRun.err());
    }
}
