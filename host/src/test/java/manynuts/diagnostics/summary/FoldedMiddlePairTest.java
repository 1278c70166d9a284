package manynuts.diagnostics.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import manynuts.diagnostics.draws.DrawsDataFrameReader;
import manynuts.diagnostics.draws.PosteriorDraws;

/**
 * Folded R-hat where it turns on the two middle draws of an even count: on these draws (folded-middle-pair/, made by
 * its generate.R and written to 17 digits, so the file holds the very draws posterior summarised) the two are
 * equidistant from the median in exact arithmetic but not as computed, and posterior ranks their computed distances
 * apart. Tying them, as exact arithmetic would, moves R-hat well beyond the tolerance.
 */
class FoldedMiddlePairTest {

    private static final double RELATIVE_TOLERANCE = 1e-12;

    @Test
    void rhatAgreesWithPosteriorWhereTheMiddlePairDoesNotTie() throws IOException, URISyntaxException {
        Path directory = Path.of(FoldedMiddlePairTest.class.getResource("folded-middle-pair/draws.csv").toURI())
                .getParent();
        PosteriorDraws draws = DrawsDataFrameReader.read(directory.resolve("draws.csv"));
        List<String> lines = Files.readAllLines(directory.resolve("expected.csv"));
        assertEquals("variable,rhat", lines.get(0));
        List<String> checked = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",");
            double expected = Double.parseDouble(fields[1]);
            double[][] values = draws.of(fields[0]);
            double exact = ConvergenceDiagnostics.rhat(values);
            double binned = Summaries.summarise(fields[0], values, SummaryOptions.defaults()
                    .withRanks(SummaryOptions.Ranks.BINNED)).rhat();
            assertEquals(expected, exact, RELATIVE_TOLERANCE * expected, fields[0] + " with exact ranks");
            assertEquals(expected, binned, RELATIVE_TOLERANCE * expected, fields[0] + " with binned ranks");
            // The fixture can tell: with the pair tied, R-hat moves beyond what the golden tests allow.
            double[][] tied = MiddlePair.tied(values);
            assertNotNull(tied, fields[0] + ": the middle pair should not tie, and a tie a few ulps away exist");
            double moved = ConvergenceDiagnostics.rhat(tied);
            assertTrue(Math.abs(moved - expected) > 1e-6 * expected,
                    fields[0] + ": tying the middle pair gives " + moved + ", posterior " + expected);
            checked.add(fields[0]);
        }
        assertEquals(12, checked.size(), "variables in expected.csv");
    }
}
