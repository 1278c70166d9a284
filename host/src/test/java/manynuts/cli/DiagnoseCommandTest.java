package manynuts.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs {@code diagnose} through picocli on temporary files and checks exit codes and output. */
class DiagnoseCommandTest {

    @TempDir
    Path directory;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine command = new CommandLine(new DiagnoseCommand());
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        return command.execute(args);
    }

    private Path drawsDataFrame(int chains, int length, double shiftOfLastChain) throws IOException {
        SplittableRandom random = new SplittableRandom(42);
        StringBuilder text = new StringBuilder(".chain,.iteration,.draw,mu,tau\n");
        int draw = 1;
        for (int chain = 1; chain <= chains; chain++) {
            for (int t = 1; t <= length; t++) {
                double shift = chain == chains ? shiftOfLastChain : 0.0;
                text.append(chain).append(',').append(t).append(',').append(draw++).append(',')
                        .append(random.nextDouble() + shift).append(',').append(random.nextDouble()).append('\n');
            }
        }
        return Files.writeString(directory.resolve("draws.csv"), text);
    }

    @Test
    void printsTableAndWritesCsv() throws IOException {
        Path input = drawsDataFrame(4, 100, 0.0);
        Path csv = directory.resolve("summary.csv");
        int exit = run(input.toString(), "--csv", csv.toString(), "--superchain-size", "2", "--hdi-prob", "0.9");
        assertEquals(0, exit, err.toString());
        List<String> lines = out.toString().lines().toList();
        assertTrue(lines.get(0).startsWith("variable"), lines.get(0));
        assertTrue(lines.get(0).contains("hdi_5%") && lines.get(0).contains("hdi_95%"), lines.get(0));
        assertTrue(lines.get(1).startsWith("mu "), lines.get(1));
        assertEquals(lines.get(0).length(), lines.get(1).length(), "columns are aligned");
        List<String> written = Files.readAllLines(csv);
        assertEquals("variable,mean,sd,median,mcse_mean,mcse_sd,hdi_5%,hdi_95%,ess_bulk,ess_tail,rhat,rhat_nested",
                written.get(0));
        assertEquals(3, written.size());
    }

    @Test
    void quietWritesTheCsvAndPrintsNothing() throws IOException {
        Path input = drawsDataFrame(4, 100, 3.0);
        Path csv = directory.resolve("quiet.csv");
        assertEquals(0, run(input.toString(), "--csv", csv.toString(), "--quiet"), err.toString());
        assertEquals("", out.toString());
        assertEquals(3, Files.readAllLines(csv).size());
    }

    @Test
    void warnsAboutUnmixedChains() throws IOException {
        Path input = drawsDataFrame(4, 100, 3.0);
        assertEquals(0, run(input.toString()));
        assertTrue(out.toString().contains("warning: R-hat above 1.01 for mu"), out.toString());
    }

    @Test
    void badInputGivesOneErrorLineAndExitCodeTwo() throws IOException {
        Path input = Files.writeString(directory.resolve("bad.csv"), ".chain,.iteration,x\n1,1,oops\n");
        assertEquals(2, run(input.toString()));
        String message = err.toString().strip();
        assertTrue(message.startsWith("error: " + input + ":2: "), message);
        assertFalse(message.contains("\n"), message);
        assertFalse(message.contains("Exception"), message);
    }

    @Test
    void binnedRanksGiveTheSameTableUpToTheRankedColumns() throws IOException {
        Path input = drawsDataFrame(4, 100, 0.0);
        assertEquals(0, run(input.toString(), "--ranks", "exact"));
        String exact = out.toString();
        out.getBuffer().setLength(0);
        assertEquals(0, run(input.toString(), "--ranks", "BINNED"), err.toString());
        // 400 draws: every draw is an edge, so even the binned ranks are exact.
        assertEquals(exact, out.toString());
    }

    @Test
    void unknownRanksGiveOneErrorLine() throws IOException {
        Path input = drawsDataFrame(4, 100, 0.0);
        assertEquals(2, run(input.toString(), "--ranks", "approximate"));
        assertEquals("error: --ranks must be exact, binned or auto, got 'approximate'", err.toString().strip());
        assertEquals("", out.toString());
    }

    @Test
    void missingFileGivesExitCodeTwo() {
        assertEquals(2, run(directory.resolve("absent.csv").toString()));
        assertTrue(err.toString().startsWith("error: "), err.toString());
    }
}
