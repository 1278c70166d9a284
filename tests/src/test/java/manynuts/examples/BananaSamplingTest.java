package manynuts.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import manynuts.cli.Main;
import manynuts.diagnostics.draws.DrawsDataFrameReader;
import manynuts.diagnostics.draws.PosteriorDraws;
import manynuts.diagnostics.summary.ConvergenceDiagnostics;
import manynuts.models.ExactPosterior;
import manynuts.models.PosteriorMoments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import manynuts.models.WithExactPosterior;

/**
 * The worked example end to end, as docs/models.md walks through it: registered, sampled by the command line with
 * an option, its draws within Monte Carlo error of its exact moments; and the documentation quotes its source.
 */
class BananaSamplingTest {

    @TempDir
    Path temporary;

    @Test
    void samplesToItsExactMoments() throws IOException {
        Path run = temporary.resolve("banana");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new String[] {"sample", "-m", "banana", "--set", "curvature=0.8", "--chains", "64",
                "--warmup", "500", "--draws", "500", "--seed", "7", "--threads", "2", "-o", run.toString()},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, code, err.toString());
        assertTrue(out.toString().contains("exact posterior (closed form): 2 outputs; 0 means beyond"), out.toString());

        PosteriorDraws draws = DrawsDataFrameReader.read(run.resolve("draws.csv"));
        ExactPosterior exact = WithExactPosterior.of(new Banana(0.8)).orElseThrow();
        for (PosteriorMoments moments : exact.moments()) {
            double[][] column = draws.of(moments.name());
            double mean = ConvergenceDiagnostics.mean(column);
            double mcse = ConvergenceDiagnostics.mcseMean(column);
            assertTrue(Math.abs(mean - moments.mean()) < 4 * mcse, moments.name() + ": mean " + mean + " vs "
                    + moments.mean() + " with MCSE " + mcse);
            assertEquals(moments.sd(), ConvergenceDiagnostics.sd(column), 0.05 * moments.sd(), moments.name());
        }
    }

    /** The Java and C++ blocks of docs/models.md are Banana.java and banana.cuh, verbatim. */
    @Test
    void theDocumentationQuotesTheSource() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        String doc = Files.readString(root.resolve("docs/models.md"));
        String source = Files.readString(root.resolve("tests/src/test/java/manynuts/examples/Banana.java"));
        Matcher blocks = Pattern.compile("```java\n(package manynuts.examples;\n.*?)```", Pattern.DOTALL).matcher(doc);
        List<String> quoted = blocks.results().map(m -> m.group(1)).toList();
        assertEquals(1, quoted.size(), "docs/models.md quotes Banana.java once");
        assertEquals(source, quoted.get(0));
        String device = Files.readString(root.resolve("tests/src/test/cuda/banana.cuh"));
        Matcher cpp = Pattern.compile("```cpp\n(.*?)```", Pattern.DOTALL).matcher(doc);
        assertEquals(List.of(device), cpp.results().map(m -> m.group(1)).toList(),
                "docs/models.md quotes banana.cuh once");
    }
}
