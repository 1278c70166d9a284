package manynuts.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import manynuts.reference.ProgramTable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code posteriordb --programs --markdown}: the table written into a page's block, and its bad input. */
class PosteriorDbCommandTest {
    @TempDir
    Path directory;

    private Path root;

    @BeforeEach
    void oneProgram() throws IOException {
        root = directory.resolve("posteriordb");
        Path folder = root.resolve("programs").resolve("normal-normal");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("model.stan"), "parameters { real mu; } model { mu ~ normal(1, 2); }");
        Files.writeString(folder.resolve("data.json"), "{}");
    }

    private record Result(int code, String out, String err) {
    }

    private Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void theTableGoesBetweenThePagesMarkersWithTheCommandThatMadeIt() throws IOException {
        Path page = directory.resolve("stan.md");
        Files.writeString(page, "# Programs\n\n" + ProgramTable.BEGIN + "\nold\n" + ProgramTable.END + "\n\nrest\n");
        Result result = run("posteriordb", "--programs", "--root", root.toString(), "--only", "^normal|x",
                "--chains", "2", "--warmup", "30", "--draws", "30", "--threads", "1", "--markdown", page.toString());
        assertEquals(0, result.code(), result.err());
        String text = Files.readString(page);
        assertTrue(text.startsWith("# Programs\n\n" + ProgramTable.BEGIN + "\nWritten by `./manynuts posteriordb "
                + "--programs --root " + root + " --only '^normal|x' --chains 2"), text);
        assertTrue(text.contains("| normal-normal | yes | yes (30+30) | 2 x 30 | 0 | "), text);
        assertTrue(text.endsWith(ProgramTable.END + "\n\nrest\n"), text);
        assertTrue(!text.contains("old"), text);
    }

    @Test
    void aPageWithoutTheMarkersIsRefusedBeforeTheSweep() throws IOException {
        Path page = directory.resolve("notes.md");
        Files.writeString(page, "# Notes\n");
        Result result = run("posteriordb", "--programs", "--root", root.toString(), "--markdown", page.toString());
        assertEquals(2, result.code());
        assertEquals(1, result.err().strip().lines().count(), result.err());
        assertTrue(result.err().contains("--markdown: " + page + " has no "), result.err());
        assertEquals("", result.out());
        assertEquals("# Notes\n", Files.readString(page));
    }

    @Test
    void markdownIsForTheProgramsTable() {
        Result result = run("posteriordb", "--root", root.toString(), "--markdown", "x.md");
        assertEquals(2, result.code());
        assertEquals("error: --markdown is for the --programs table; the reference table has --csv",
                result.err().strip());
    }
}
