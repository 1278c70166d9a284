package manynuts.diagnostics.draws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import manynuts.diagnostics.stats.SamplerDiagnostics;

/** The draws_df and Stan CSV readers: good files read right, bad ones fail with one line naming file and line. */
class ReadersTest {

    @TempDir
    Path directory;

    private Path file(String name, String text) throws IOException {
        return Files.writeString(directory.resolve(name), text);
    }

    @Test
    void readsDrawsDataFrameInAnyRowOrder() throws IOException {
        Path csv = file("d.csv", "\".chain\",\".iteration\",\".draw\",\"mu\",\"theta[1,2]\"\n"
                + "2,2,4,22,-2\n1,1,1,11,-1\n2,1,3,21,NA\n1,2,2,12,Inf\n");
        PosteriorDraws draws = DrawsDataFrameReader.read(csv);
        assertEquals(List.of("mu", "theta[1,2]"), draws.variables());
        assertArrayEquals(new double[] {11, 12}, draws.of("mu")[0]);
        assertArrayEquals(new double[] {21, 22}, draws.of("mu")[1]);
        assertTrue(Double.isNaN(draws.of("theta[1,2]")[1][0]));
        assertEquals(Double.POSITIVE_INFINITY, draws.of("theta[1,2]")[0][1]);
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', value = {
        "''|1|empty file",
        "'.chain,.iteration,x,x\n1,1,2,3\n'|1|column x appears twice (columns 3 and 4)",
        "'.iteration,x\n1,2\n2,3\n1,4\n'|4|.iteration 1 appears twice (also at line 2) and there is no .chain column",
        "'.chain,.iteration,x\n1,1,2\n1,2\n'|3|expected 3 fields",
        "'.chain,.iteration,x\n1,1,abc\n'|2|'abc' is not a number",
        "'.chain,.iteration,x\n1,1,\"2\n'|2|unterminated quoted field",
        "'.chain,.iteration,x\n1,1,1\n1,1,2\n'|3|appears twice",
        "'.chain,.iteration,x\n'|1|no draws",
        "'.chain,.iteration,x\n0,1,1\n'|2|not a positive index",
    })
    void badDrawsDataFrameGivesOneLineNamingFileAndLine(String text, int line, String problem) throws IOException {
        Path csv = file("bad.csv", text);
        DiagnosticsInputException error = assertThrows(DiagnosticsInputException.class,
                () -> DrawsDataFrameReader.read(csv));
        assertFalse(error.getMessage().contains("\n"), error.getMessage());
        assertTrue(error.getMessage().startsWith(csv + ":" + line + ": "), error.getMessage());
        assertTrue(error.getMessage().contains(problem), error.getMessage());
    }

    @Test
    void chainsOfUnequalLengthAreRefusedWhereEqualOnesAreNeeded() throws IOException {
        Path csv = file("ragged.csv", ".chain,.iteration,x\n1,1,1\n1,2,1\n2,1,1\n");
        DiagnosticsInputException error = assertThrows(DiagnosticsInputException.class,
                () -> DrawsDataFrameReader.read(csv));
        assertEquals(csv + ": chain 2 has 1 draws but chain 1 has 2; chains must have equal length",
                error.getMessage());
    }

    /** Rows of two chains as a run stopped part way leaves them: chain 2 is one draw behind, the last row cut. */
    private static final String STOPPED = ".chain,.iteration,.draw,mu\n1,1,1,11\n2,1,4,21\n1,2,2,12\n2,2,5,22\n"
            + "1,3,3,13\n2,3,6,2";

    @Test
    void aLastRowCutShortIsDroppedAndSaidSo() throws IOException {
        Path csv = file("stopped.csv", STOPPED);
        ChainDraws chains = DrawsDataFrameReader.readChains(csv);
        assertArrayEquals(new int[] {1, 2}, chains.chainNumbers());
        assertArrayEquals(new int[] {3, 2}, chains.lengths(), "the cut row of chain 2 is not read as 2");
        assertEquals(7, chains.cutRowLine());
        assertEquals(csv + ":7: the last row is cut short (the file ends inside it); dropped", chains.cutRowNote());
        assertArrayEquals(new double[] {11, 12}, chains.firstDraws(2).of("mu")[0]);
        assertArrayEquals(new double[] {21, 22}, chains.firstDraws(2).of("mu")[1]);
        // The same rows whole, the file ending in a line break (LF or CRLF): nothing is dropped.
        ChainDraws whole = DrawsDataFrameReader.readChains(file("whole.csv", STOPPED + "3\n"));
        assertEquals(0, whole.cutRowLine());
        assertArrayEquals(new int[] {3, 3}, whole.lengths());
        assertArrayEquals(new double[] {21, 22, 23}, whole.firstDraws(3).of("mu")[1]);
        assertEquals(0, DrawsDataFrameReader.readChains(file("crlf.csv", (STOPPED + "3\n").replace("\n", "\r\n")))
                .cutRowLine());
    }

    @Test
    void diagnoseReadsADrawsDataFrameOfUnequalChainsUpToTheShortest() throws IOException {
        Path csv = file("stopped.csv", STOPPED + "3\n1,4,4,14\n");
        DrawsFiles.Loaded loaded = DrawsFiles.read(List.of(csv));
        assertEquals(3, loaded.draws().drawsPerChain());
        assertArrayEquals(new double[] {11, 12, 13}, loaded.draws().of("mu")[0]);
        assertEquals(List.of(csv + ": chains differ in length (3 to 4 draws, as a run stopped part way leaves them); "
                + "summarising the first 3 draws of each of the 2 chains"), loaded.notes());
        DrawsFiles.Loaded cut = DrawsFiles.read(List.of(file("cut.csv", STOPPED)));
        assertEquals(2, cut.draws().drawsPerChain());
        assertEquals(2, cut.notes().size(), cut.notes()::toString);
        assertTrue(cut.notes().get(0).endsWith(":7: the last row is cut short (the file ends inside it); dropped"));
        // A header and one cut row hold no draws: still refused.
        Path nothing = file("nothing.csv", ".chain,.iteration,mu\n1,1,0.");
        DiagnosticsInputException error = assertThrows(DiagnosticsInputException.class,
                () -> DrawsFiles.read(List.of(nothing)));
        assertEquals(nothing + ":2: no draws after the header (the only row is cut short)", error.getMessage());
    }

    private static String stanChain(int draws, boolean saveWarmup, int warmup, double offset) {
        StringBuilder text = new StringBuilder("# model = test_model\n# method = sample (Default)\n");
        text.append("#   num_warmup = ").append(warmup).append("\n#   save_warmup = ").append(saveWarmup ? 1 : 0)
                .append("\n#   thin = 1 (Default)\n#       max_depth = 8\n");
        text.append("lp__,accept_stat__,stepsize__,treedepth__,n_leapfrog__,divergent__,energy__,mu,sigma\n");
        int rows = saveWarmup ? warmup + draws : draws;
        for (int t = 0; t < rows; t++) {
            if (t == (saveWarmup ? warmup : 0)) {
                text.append("# Adaptation terminated\n# Step size = 0.5\n");
            }
            text.append(-t).append(",0.9,0.5,").append(t % 5 == 4 ? 8 : 3).append(",7,").append(t == 1 ? 1 : 0).append(',')
                    .append(t % 2).append(',').append(offset + t).append(",1.5\n");
        }
        return text + "# Elapsed Time: 0.1 seconds\n";
    }

    @Test
    void readsStanCsvChainsAndSamplerStats() throws IOException {
        Path first = file("c1.csv", stanChain(5, false, 100, 0));
        Path second = file("c2.csv", stanChain(5, true, 3, 100));
        DrawsFiles.Loaded loaded = DrawsFiles.read(List.of(first, second));
        assertEquals(List.of("mu", "sigma"), loaded.draws().variables());
        assertArrayEquals(new double[] {0, 1, 2, 3, 4}, loaded.draws().of("mu")[0]);
        // The second chain saved 3 warm-up rows, which are dropped.
        assertArrayEquals(new double[] {103, 104, 105, 106, 107}, loaded.draws().of("mu")[1]);
        assertEquals(8, loaded.maxTreeDepth());
        SamplerDiagnostics sampler = SamplerDiagnostics.of(loaded.stats(), loaded.maxTreeDepth());
        assertEquals(1, sampler.divergencesPerChain()[0]);
        assertEquals(0, sampler.divergencesPerChain()[1]);
        // Depth 8 at row 4 of each file; the second file's row 4 is its second draw after warm-up.
        assertEquals(2, sampler.saturatedTreeDepth());
    }

    @Test
    void detectsLayoutByContent() throws IOException {
        assertEquals(DrawsFiles.Layout.STAN_CSV, DrawsFiles.detect(file("s.csv", stanChain(3, false, 0, 0))));
        assertEquals(DrawsFiles.Layout.DRAWS_DF, DrawsFiles.detect(file("d.csv", ".chain,.iteration,x\n1,1,1\n")));
        // Any reserved column makes a draws_df, even beside sampler statistics: Stan names cannot start with a dot.
        assertEquals(DrawsFiles.Layout.DRAWS_DF, DrawsFiles.detect(file("i.csv", "lp__,x,.iteration\n1,1,1\n")));
        assertEquals(DrawsFiles.Layout.DRAWS_DF, DrawsFiles.detect(file("w.csv", "x,.draw\n1,1\n")));
        assertThrows(DiagnosticsInputException.class, () -> DrawsFiles.detect(file("n.csv", "a,b\n1,2\n")));
    }

    /** A run's own draws.csv carries the sampler's columns: they feed its warnings and are not variables. */
    @Test
    void drawsDataFrameSamplerColumnsFeedTheSamplersDiagnostics() throws IOException {
        Path run = file("run.csv", ".chain,.iteration,.draw,mu,lp__,treedepth__,divergent__,energy__\n"
                + "1,1,1,0.5,-1,3,0,2\n1,2,2,0.7,-2,10,1,3\n2,1,3,0.1,-1,4,0,1\n2,2,4,0.2,-3,2,0,4\n");
        DrawsFiles.Loaded loaded = DrawsFiles.read(List.of(run));
        assertEquals(List.of("mu"), loaded.draws().variables());
        assertEquals(List.of("lp__", "treedepth__", "divergent__", "energy__"), loaded.sampler().variables());
        SamplerDiagnostics sampler = SamplerDiagnostics.of(loaded.stats(), loaded.maxTreeDepth());
        assertEquals(1, sampler.divergences());
        assertEquals(1, sampler.saturatedTreeDepth());
        assertEquals(List.of(run + ": the file does not record the maximum tree depth; draws at depth 10 or more are "
                + "counted as saturated (Stan's default maximum)"), loaded.notes());
    }

    /** As posterior's as_draws_df: no .chain is one chain, no .iteration is file order; neither is a variable. */
    @Test
    void drawsDataFrameWithoutIndexColumnsIsOneChainAndSaysSo() throws IOException {
        Path noChain = file("one.csv", "lp__,mu,.iteration,.draw\n-1,10,2,2\n-2,20,1,1\n-3,30,3,3\n");
        DrawsFiles.Loaded loaded = DrawsFiles.read(List.of(noChain));
        assertEquals(List.of("mu"), loaded.draws().variables(), "reserved columns are never variables");
        assertEquals(List.of("lp__"), loaded.sampler().variables(), "columns ending in __ are the sampler's");
        assertEquals(1, loaded.draws().chains());
        assertArrayEquals(new double[] {20, 10, 30}, loaded.draws().of("mu")[0], "ordered by .iteration");
        assertEquals(List.of(noChain + " has no .chain column: read as one chain"), loaded.notes());

        Path neither = file("bare.csv", "mu,.draw\n3,1\n1,2\n2,3\n");
        DrawsFiles.Loaded bare = DrawsFiles.read(List.of(neither));
        assertEquals(List.of("mu"), bare.draws().variables());
        assertArrayEquals(new double[] {3, 1, 2}, bare.draws().of("mu")[0], "file order");
        assertEquals(List.of(neither + " has no .chain or .iteration column: read as one chain, its draws in file "
                + "order"), bare.notes());

        Path noIteration = file("chains.csv", ".chain,mu\n2,5\n1,1\n2,6\n1,2\n");
        DrawsFiles.Loaded chains = DrawsFiles.read(List.of(noIteration));
        assertArrayEquals(new double[] {1, 2}, chains.draws().of("mu")[0]);
        assertArrayEquals(new double[] {5, 6}, chains.draws().of("mu")[1]);
        assertEquals(List.of(noIteration + " has no .iteration column: each chain's draws read in file order"),
                chains.notes());

        assertEquals(List.of(), DrawsFiles.read(List.of(file("full.csv", ".chain,.iteration,mu\n1,1,1\n"))).notes());
    }

    @Test
    void stanColumnNamedTwiceIsRefused() throws IOException {
        Path chain = file("c1.csv", "# comment\nlp__,mu,sigma,mu\n1,2,3,4\n");
        DiagnosticsInputException error = assertThrows(DiagnosticsInputException.class,
                () -> StanCsvReader.read(List.of(chain)));
        assertEquals(chain + ":2: column mu appears twice (columns 2 and 4)", error.getMessage());
    }

    /** The same chain counted twice would look like two chains that agree perfectly. */
    @Test
    void oneStanChainGivenTwiceIsRefused() throws IOException {
        Path first = file("c1.csv", stanChain(5, false, 0, 0));
        Path second = file("c2.csv", stanChain(5, false, 0, 100));
        Path copy = file("copy.csv", stanChain(5, false, 0, 100));
        Path respelled = directory.resolve("sub").resolve("..").resolve("c1.csv");
        Files.createDirectories(directory.resolve("sub"));
        assertEquals(first + " given twice; give each chain's file once", assertThrows(DiagnosticsInputException.class,
                () -> StanCsvReader.read(List.of(first, second, first))).getMessage());
        assertEquals(respelled + " is the file " + first + ", given twice; give each chain's file once",
                assertThrows(DiagnosticsInputException.class,
                        () -> StanCsvReader.read(List.of(first, respelled))).getMessage());
        assertEquals(copy + " has the same content as " + second + ": one chain given twice",
                assertThrows(DiagnosticsInputException.class,
                        () -> StanCsvReader.read(List.of(first, second, copy))).getMessage());
        assertEquals(2, StanCsvReader.read(List.of(first, second)).draws().chains());
    }

    @Test
    void stanChainsOfUnequalLengthAreRejected() throws IOException {
        Path first = file("c1.csv", stanChain(5, false, 0, 0));
        Path second = file("c2.csv", stanChain(4, false, 0, 0));
        DiagnosticsInputException error = assertThrows(DiagnosticsInputException.class,
                () -> StanCsvReader.read(List.of(first, second)));
        assertTrue(error.getMessage().startsWith(second.toString()), error.getMessage());
        assertFalse(error.getMessage().contains("\n"));
    }

    @Test
    void stanRowWithTooFewFieldsNamesItsLine() throws IOException {
        Path chain = file("c1.csv", "# comment\nlp__,mu\n1,2\n3\n");
        DiagnosticsInputException error = assertThrows(DiagnosticsInputException.class,
                () -> StanCsvReader.read(List.of(chain)));
        assertEquals(chain + ":4: expected 2 fields as in the header, found 1", error.getMessage());
    }
}
