package manynuts.reference;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import manynuts.models.stan.StanModels;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Stan programs from posteriordb compiled, sampled and compared with their reference draws by posteriordb's rule:
 * a fast subset of what {@code manynuts posteriordb} runs over every reference posterior.
 */
class StanReferenceTest {

    @ParameterizedTest
    @ValueSource(strings = {"eight_schools-eight_schools_noncentered", "kidiq-kidscore_momiq", "arK-arK",
            "mesquite-logmesquite"})
    void compiledProgramSamplesItsReferencePosterior(String posterior) {
        Path folder = PosteriorDb.referenceFolder(posterior);
        ReferenceRow.Compared row = ReferenceRun.run(folder,
                StanModels.compile(folder.resolve("model.stan"), folder.resolve("data.json")), 32, 400, 400,
                20261205L, 2);
        System.out.print(ReferenceTable.text(List.of(row)));
        assertTrue(row.passed(), row.comparison().describe());
    }
}
