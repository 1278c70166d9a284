package manynuts.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import manynuts.models.ModelException;
import manynuts.nuts.SamplerSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reference check's rows as an aligned text table and as CSV, and a failure that becomes a row. */
class ReferenceTableTest {
    @TempDir
    Path directory;

    private static List<ReferenceRow> rows() {
        ReferenceComparison passed = ReferenceComparison.of("eight_schools-eight_schools_noncentered", List.of(
                new OutputComparison("mu", 4.4, 4.39, 0.3, 3.3, 3.31, -1.2, true),
                new OutputComparison("theta[1]", 6.2, 6.25, -2.31, 5.6, 5.62, 0.4, true)), List.of());
        ReferenceComparison failed = ReferenceComparison.of("kidiq-kidscore_momhs", List.of(
                new OutputComparison("beta[1]", 80, 78, 7.5, 2, 2, 0, false)), List.of("sigma"));
        return List.of(new ReferenceRow.Compared(passed, 64, 1000, 1.25, 2.5e6),
                new ReferenceRow.Compared(failed, 64, 1000, 0.5, 1.0e6),
                new ReferenceRow.Failed("arK-arK", "model.stan:3:5: unsupported, for now"));
    }

    @Test
    void textLinesUpItsColumns() {
        String text = ReferenceTable.text(rows());
        List<String> lines = text.lines().toList();
        assertEquals(5, lines.size(), text);
        assertTrue(lines.get(0).startsWith("posterior"), text);
        int result = lines.get(0).indexOf("result");
        int worst = lines.get(0).indexOf("worst output");
        for (String line : lines.subList(1, 4)) {
            assertTrue(line.substring(result).matches("(passed|FAILED|error) .*"), line);
            assertTrue(Character.isWhitespace(line.charAt(worst - 1)) && !Character.isWhitespace(line.charAt(worst)),
                    line);
        }
        assertTrue(lines.get(1).contains("2.31"), "the worst score is theta[1]'s: " + lines.get(1));
        assertTrue(lines.get(2).contains("sigma") && lines.get(2).contains("inf"), lines.get(2));
        assertTrue(lines.get(2).contains("beta[1]: mean 80"), lines.get(2));
        assertTrue(lines.get(3).endsWith("unsupported, for now"), lines.get(3));
        assertTrue(lines.get(4).startsWith("1 of 3 posteriors passed"), lines.get(4));
    }

    @Test
    void csvQuotesWhatNeedsIt() {
        List<String> lines = ReferenceTable.csv(rows()).lines().toList();
        assertEquals("posterior,result,worst_output,worst_mcse,seconds,gradients_per_second,chains,draws,note",
                lines.get(0));
        assertEquals("eight_schools-eight_schools_noncentered,passed,theta[1],2.31,1.25,2500000,64,1000,",
                lines.get(1));
        assertTrue(lines.get(2).startsWith("kidiq-kidscore_momhs,failed,sigma,Inf,0.5,1000000,64,1000,\"sigma: "),
                lines.get(2));
        assertEquals("arK-arK,error,,NA,NA,NA,NA,NA,\"model.stan:3:5: unsupported, for now\"", lines.get(3));
    }

    @Test
    void aModelThatCannotBeBuiltBecomesARow() {
        ReferenceRow row = ReferenceRun.attempt(directory.resolve("nes1972-nes"), folder -> {
            throw new ModelException("model.stan:12:3: the function foo is not supported\n(yet)");
        }, SamplerSettings.defaults(4, 1));
        assertEquals(new ReferenceRow.Failed("nes1972-nes", "model.stan:12:3: the function foo is not supported "
                + "(yet)"), row);
    }
}
