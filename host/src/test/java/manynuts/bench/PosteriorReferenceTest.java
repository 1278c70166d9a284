package manynuts.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import manynuts.cli.Main;

/**
 * The bridge to posterior without R: the draws file's layout, and a stand-in for Rscript that answers as
 * posterior-summary.R does, so that what the bridge passes and reads back is checked.
 */
class PosteriorReferenceTest {
    @TempDir
    Path directory;

    /** [parameter][chain][draw], each value naming its position. */
    private static double[][][] draws(int parameters, int chains, int length) {
        double[][][] draws = new double[parameters][chains][length];
        for (int p = 0; p < parameters; p++) {
            for (int c = 0; c < chains; c++) {
                for (int t = 0; t < length; t++) {
                    draws[p][c][t] = 10000 * p + 100 * c + t + 0.5;
                }
            }
        }
        return draws;
    }

    @Test
    void drawsAreLaidOutAsAnRArrayOfIterationsChainsAndVariables() throws IOException {
        Path file = directory.resolve("draws.bin");
        double[][][] draws = draws(3, 4, 5);
        PosteriorReference.writeDraws(file, draws);
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(8 * 3 * 4 * 5, bytes.capacity());
        for (int p = 0; p < 3; p++) {
            for (int c = 0; c < 4; c++) {
                for (int t = 0; t < 5; t++) {
                    // R fills the first index (iteration) fastest, then chain, then variable.
                    assertEquals(draws[p][c][t], bytes.getDouble(8 * ((p * 4 + c) * 5 + t)));
                }
            }
        }
    }

    private Path fakeRscript(String body) throws IOException {
        Path script = directory.resolve("Rscript");
        Files.writeString(script, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    @Test
    void passesTheShapeAndReadsBackTheSecondsAndEveryRow() throws IOException {
        // Arguments as posterior-summary.R gets them: script, draws, names, chains, iterations, cores, out.
        Path rscript = fakeRscript("""
                [ "$1" = -e ] && { echo '{"posterior_version":"1.4.0"}'; exit 0; }
                [ "$(wc -c < "$2")" -eq $((8 * $4 * $5 * 2)) ] || { echo "draws file of the wrong size"; exit 1; }
                printf 'variable,mean,rhat\\n' > "$7"
                while read name; do printf '"%s",%s.5,NA\\n' "$name" "${#name}" >> "$7"; done < "$3"
                echo 'posterior says hello'
                echo '{"posterior_version":"1.4.0","r_version":"4.2.2","cores":'"$6"',"seconds":2.5}'
                """);
        assertEquals("1.4.0", PosteriorReference.version(rscript.toString()));
        PosteriorReference reference = PosteriorReference.run(rscript.toString(), List.of("mu", "theta[1]"),
                draws(2, 3, 7), 2);
        assertEquals("1.4.0", reference.version());
        assertEquals("4.2.2", reference.rVersion());
        assertEquals(2, reference.cores());
        assertEquals(2.5, reference.seconds());
        assertEquals(List.of("mu", "theta[1]"), reference.summary().variables());
        assertEquals(List.of("mean", "rhat"), reference.summary().columns());
        assertArrayEquals(new double[] {2.5, Double.NaN}, reference.summary().rows().get(0));
        assertArrayEquals(new double[] {8.5, Double.NaN}, reference.summary().rows().get(1));
    }

    private record Bench(int code, String out, String err) {
    }

    /** A short bench of eight schools at the given chain counts, compared with posterior through {@code rscript}. */
    private static Bench bench(Path rscript, String chains, Path csv) {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        int code = Main.execute(new String[] {"bench", "--backend", "cpu", "--chains", chains, "--warmup", "30",
            "--draws", "40", "--threads", "2", "--compare-posterior", "--rscript", rscript.toString(), "--csv",
            csv.toString()}, new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true));
        return new Bench(code, out.toString(), err.toString());
    }

    @Test
    void benchPrintsPosteriorsSecondsBesideOursAndWritesThemToCsv() throws IOException {
        // posterior "computes" a mean of 0.5 and NA R-hat for every output.
        Path rscript = fakeRscript("""
                [ "$1" = -e ] && { echo '{"posterior_version":"1.4.0"}'; exit 0; }
                printf 'variable,mean,rhat\\n' > "$7"
                while read name; do printf '%s,0.5,NA\\n' "$name" >> "$7"; done < "$3"
                echo '{"posterior_version":"1.4.0","r_version":"4.2.2","cores":'"$6"',"seconds":12.5}'
                """);
        Path csv = directory.resolve("bench.csv");
        Bench bench = bench(rscript, "4", csv);
        assertEquals(0, bench.code(), bench.err());
        String text = bench.out();
        assertTrue(text.contains("# posterior 1.4.0 (R 4.2.2, 2 cores) on the same draws"), text);
        // Every output's mean differs from 0.5 and its R-hat is not NA: 2 of 2 values per output disagree.
        String row = text.lines().filter(line -> line.matches("\\s+4\\s+30\\s+.*")).reduce((a, b) -> b)
                .orElseThrow();
        assertTrue(row.contains(" 12.50 ") && row.contains(" Inf ") && row.contains(" 38/38 "), row);
        List<String> lines = Files.readAllLines(csv);
        List<String> header = List.of(lines.get(0).split(","));
        String[] fields = lines.get(1).split(",");
        assertEquals("compared", fields[header.indexOf("posterior")]);
        assertEquals("12.5000", fields[header.indexOf("posterior_seconds")]);
        assertEquals("Inf", fields[header.indexOf("posterior_max_relative_difference")]);
        assertEquals("38", fields[header.indexOf("posterior_disagreeing")]);
        // A disagreement is a finding of the measurement, reported, not a failed run.
        assertEquals("warning: our summary and posterior's disagree in 1 of 1 rows (see the posterior table)",
                bench.err().strip());
    }

    @Test
    void anRThatDiesMidwayCostsNoneOfTheBenchsOwnFigures() throws IOException {
        // R answers the version, then dies as the out-of-memory killer would end it.
        Path rscript = fakeRscript("""
                [ "$1" = -e ] && { echo '{"posterior_version":"1.4.0"}'; exit 0; }
                kill -9 $$
                """);
        Path csv = directory.resolve("bench.csv");
        Bench bench = bench(rscript, "4,8", csv);
        assertEquals(Main.FAILED, bench.code(), bench.err());
        String[] errors = bench.err().strip().split("\\R");
        assertEquals(1, errors.length, bench.err());
        assertTrue(errors[0].startsWith("error: --compare-posterior failed for 2 of 2 rows"), errors[0]);
        String text = bench.out();
        assertTrue(text.lines().anyMatch(line -> line.matches("\\s+8\\s+30\\s+.*failed: --compare-posterior: the R "
                + "script printed no result \\(exit status 137\\)")), text);
        List<String> lines = Files.readAllLines(csv);
        assertEquals(3, lines.size(), "both rows are written");
        List<String> header = List.of(lines.get(0).split(","));
        assertEquals("failed", lines.get(2).split(",")[header.indexOf("posterior")]);
        assertEquals("NA", lines.get(2).split(",")[header.indexOf("posterior_seconds")]);
        // With no summary from posterior, the table's heading claims nothing about one.
        assertTrue(text.contains("# posterior 1.4.0 on the same draws: summarise_draws; disagree counts"), text);
    }

    @Test
    void aScriptThatPrintsNoResultGivesItsOutputInOneLine() throws IOException {
        Path rscript = fakeRscript("echo 'Error in library(posterior) :'; echo '  there is no package'; exit 1\n");
        BenchInputException missing = assertThrows(BenchInputException.class,
                () -> PosteriorReference.version(rscript.toString()));
        assertTrue(missing.getMessage().contains("R's posterior package is not available")
                && missing.getMessage().contains("there is no package"), missing.getMessage());
        IOException failed = assertThrows(IOException.class,
                () -> PosteriorReference.run(rscript.toString(), List.of("mu"), draws(1, 2, 3), 1));
        assertTrue(failed.getMessage().startsWith(
                "--compare-posterior: the R script printed no result (exit status 1): Error in "), failed.getMessage());
        assertTrue(!failed.getMessage().contains("\n"), failed.getMessage());
    }

    @Test
    void aMissingRscriptIsBadInput() {
        BenchInputException missing = assertThrows(BenchInputException.class,
                () -> PosteriorReference.version(directory.resolve("none").toString()));
        assertTrue(missing.getMessage().startsWith("cannot run " + directory.resolve("none")
                + " for --compare-posterior (install R and posterior"), missing.getMessage());
    }
}
