package manynuts.nuts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import manynuts.models.EightSchoolsNonCentered;
import manynuts.models.HierarchicalNormalData;
import manynuts.models.Model;
import manynuts.models.ModelException;
import org.junit.jupiter.api.Test;

/** The check before a run that some starting point has a finite log density and gradient. */
class FiniteStartTest {

    private static final SamplerSettings SETTINGS = SamplerSettings.defaults(4, 7);

    @Test
    void aProperModelHasAFiniteStart() {
        assertTrue(FiniteStart.exists(TestModels.gaussian(1.0, 2.0), 2.0, 1, 7));
        FiniteStart.require(new EightSchoolsNonCentered(HierarchicalNormalData.eightSchools()), null, SETTINGS);
    }

    /** Standard deviations so small that every point of the box has a log density of minus infinity. */
    @Test
    void aDensityThatOverflowsEverywhereHasNone() {
        Model overflowing = TestModels.gaussian(1e-200, 1.0);
        assertFalse(FiniteStart.exists(overflowing, 2.0, SamplerSettings.INIT_ATTEMPTS, 7));
        ModelException error = assertThrows(ModelException.class,
                () -> FiniteStart.require(overflowing, Path.of("data.json"), SETTINGS));
        assertEquals("model gaussian: the log density is not finite at any of 100 initial points in (-2.0, 2.0): "
                + "check the data file data.json (values too large or too small?)", error.getMessage());
        ModelException withoutData = assertThrows(ModelException.class,
                () -> FiniteStart.require(overflowing, null, SETTINGS));
        assertEquals("model gaussian: the log density is not finite at any of 100 initial points in (-2.0, 2.0)",
                withoutData.getMessage());
    }

    /** At a radius of zero every chain starts at the origin: a density finite only away from it has no start. */
    @Test
    void searchesTheBoxItIsGiven() {
        Model onlyAwayFromTheOrigin = TestModels.gaussian(1.0);
        assertTrue(FiniteStart.exists(onlyAwayFromTheOrigin, 0.0, 1, 7));
        assertFalse(FiniteStart.exists(TestModels.gaussian(0.0), 0.0, 3, 7), "0/0 at the origin is NaN");
    }
}
