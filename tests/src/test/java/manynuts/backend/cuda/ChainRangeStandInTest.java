package manynuts.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import manynuts.api.NutsSampler;
import manynuts.api.PosteriorModel;
import manynuts.api.RunInfo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * On the CUDA backend (the stand-in driver) as on the CPU, a range of a run's chains run alone makes the draws those
 * chains make in the whole run: the kernels key their random streams by the global chain number, as the shards of a
 * run on a Spark cluster need.
 */
@Tag("standin")
class ChainRangeStandInTest {

    @BeforeEach
    void standIn() {
        StandIn.assumeBuilt();
    }

    @Test
    void aRangeOfChainsOnTheDeviceMakesTheWholeRunsDraws() {
        NutsSampler.Builder run = NutsSampler.builder(PosteriorModel.builtIn("eight_schools_noncentered")).chains(5)
                .warmup(100).draws(30).seed(17).threads(1).backend("cuda");
        Map<String, double[]> whole = new ConcurrentHashMap<>();
        run.build().stream((chain, draw, values) -> whole.put(chain + ":" + draw, values.clone()));
        Map<String, double[]> part = new ConcurrentHashMap<>();
        RunInfo info = run.build().streamChains(3, 2, (chain, draw, values) -> part.put(chain + ":" + draw,
                values.clone()));

        assertTrue(info.backend().startsWith("cuda"), info.backend());
        assertEquals(2 * 30, part.size());
        for (Map.Entry<String, double[]> draw : part.entrySet()) {
            assertArrayEquals(whole.get(draw.getKey()), draw.getValue(), draw.getKey());
        }
    }
}
