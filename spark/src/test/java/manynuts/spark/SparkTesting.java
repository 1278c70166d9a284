package manynuts.spark;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import manynuts.api.Draws;
import manynuts.api.NutsSampler;
import manynuts.api.PosteriorModel;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the Spark tests share: running the application in this JVM and comparing draws bit for bit. */
final class SparkTesting {
    private SparkTesting() {
    }

    /** The application's exit code and what it printed to its two streams. */
    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SparkMain.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    /** The same run on this machine alone, every chain in one sampler. */
    static Draws oneMachine(String model, int chains, int warmup, int draws, long seed) {
        return oneMachine(PosteriorModel.builtIn(model), chains, warmup, draws, seed);
    }

    static Draws oneMachine(PosteriorModel model, int chains, int warmup, int draws, long seed) {
        return NutsSampler.builder(model).chains(chains).warmup(warmup).draws(draws).seed(seed).threads(2)
                .backend("cpu").build().collect();
    }

    /** Asserts that every column of the sharded run at {@code folder} holds exactly the bits of {@code expected}. */
    static void assertSameDraws(Draws expected, String folder) throws Exception {
        Configuration conf = new Configuration();
        RunManifest manifest = RunManifest.read(new Path(folder), conf);
        ShardedDraws sharded = new ShardedDraws(new Path(folder), manifest, conf);
        assertEquals(expected.columns(), sharded.columns());
        List<String> differing = new ArrayList<>();
        for (int i = 0; i < sharded.columns().size(); i++) {
            String column = sharded.columns().get(i);
            double[][] want = expected.of(column);
            double[][] got = sharded.column(i);
            assertEquals(want.length, got.length, column + ": chains");
            for (int chain = 0; chain < want.length; chain++) {
                for (int draw = 0; draw < want[chain].length; draw++) {
                    if (Double.doubleToRawLongBits(want[chain][draw]) != Double.doubleToRawLongBits(got[chain][draw])) {
                        differing.add(column + " chain " + chain + " draw " + draw + ": " + want[chain][draw]
                                + " != " + got[chain][draw]);
                    }
                }
            }
        }
        assertEquals(List.of(), differing.subList(0, Math.min(5, differing.size())), differing.size()
                + " draws differ from the one-machine run");
    }
}
