package manynuts.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The contract tests plus what every hierarchical normal model shares: mu, tau_log first, tau reported. */
abstract class HierarchicalContractTests extends ModelContractTests {

    /** A non-centered point: mu on its prior's scale, the given tau_log, nu standard normal. */
    static double[] nonCenteredPoint(Random random, double tauLog, int J) {
        double[] point = new double[J + 2];
        point[0] = 5 * random.nextGaussian();
        point[1] = tauLog;
        for (int j = 0; j < J; j++) {
            point[j + 2] = random.nextGaussian();
        }
        return point;
    }

    @Test
    void hierarchyComesFirst() {
        Model model = model();
        List<String> parameters = model.parameterNames();
        List<String> outputs = model.outputNames();
        assertEquals("mu", parameters.get(0));
        assertEquals("tau_log", parameters.get(1));
        assertEquals(List.of("mu", "tau"), outputs.subList(0, 2));
        assertEquals("tau_log", outputs.get(outputs.size() - 1));
    }

    @Test
    void outputsReportTauOnItsConstrainedScale() {
        Model model = model();
        double[] point = randomPoint(new Random(3L), 1.25);
        double[] out = new double[model.outputNames().size()];
        model.outputs(point, out);
        assertEquals(point[0], out[0], 0.0);
        assertEquals(Math.exp(1.25), out[1], 1e-12);
        assertEquals(1.25, out[out.length - 1], 0.0);
    }
}
