package manynuts.nuts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import manynuts.adapt.WindowSchedule;
import manynuts.backend.ChainBlock;
import manynuts.backend.cpu.CpuBackend;
import manynuts.models.Model;
import org.junit.jupiter.api.Test;

/**
 * The nested design of nested R-hat: the chains of one superchain start from one initial point, chains of different
 * superchains from different ones, whichever block of chains each lies in.
 */
class SuperchainInitialisationTest {

    private static final int BLOCK_CHAINS = 8;
    private static final long SEED = 42;
    private static final Model MODEL = TestModels.gaussian(1.0, 2.0, 0.5);

    /**
     * The initial point of each chain of the block of {@link #BLOCK_CHAINS} chains from {@code firstChain}: the
     * positions its sampler hands the block when it starts.
     */
    private static double[][] initialPoints(SamplerSettings settings, int firstChain) throws Exception {
        int dimension = MODEL.dimension();
        double[][] points = new double[BLOCK_CHAINS][];
        try (ChainBlock block = new CpuBackend().allocate(MODEL, firstChain, BLOCK_CHAINS, settings.maxDepth(), SEED)) {
            ChainBlock recording = (ChainBlock) Proxy.newProxyInstance(ChainBlock.class.getClassLoader(),
                    new Class<?>[] {ChainBlock.class}, (proxy, method, args) -> {
                        if (method.getName().equals("initialize")) {
                            int[] list = (int[]) args[0];
                            int count = (int) args[1];
                            double[] positions = (double[]) args[2];
                            for (int i = 0; i < count; i++) {
                                points[list[i]] = Arrays.copyOfRange(positions, i * dimension, (i + 1) * dimension);
                            }
                        }
                        try {
                            return method.invoke(block, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
            DrawSink ignored = (chain, draw, position, stats) -> { };
            new BlockSampler(recording, firstChain, settings, WindowSchedule.stan(0), ignored, new AtomicLong())
                    .initialize();
        }
        return points;
    }

    private static SamplerSettings settings(int superchainSize) {
        return SamplerSettings.defaults(2 * BLOCK_CHAINS, SEED).withWarmup(0).withDraws(1).withThreads(1)
                .withSuperchainSize(superchainSize);
    }

    @Test
    void chainsOfASuperchainStartTogetherAndSuperchainsApart() throws Exception {
        double[][] points = initialPoints(settings(4), 0);
        for (int chain = 0; chain < BLOCK_CHAINS; chain++) {
            assertArrayEquals(points[chain - chain % 4], points[chain], "chain " + chain);
        }
        assertFalse(Arrays.equals(points[0], points[4]), "two superchains, two initial points");
    }

    @Test
    void everyChainStartsApartWithoutSuperchains() throws Exception {
        double[][] points = initialPoints(settings(1), 0);
        for (int chain = 1; chain < BLOCK_CHAINS; chain++) {
            assertFalse(Arrays.equals(points[0], points[chain]), "chain " + chain);
        }
        // A superchain's first chain keeps the point it has on its own.
        assertArrayEquals(points[4], initialPoints(settings(4), 0)[4]);
    }

    @Test
    void aSuperchainSpanningBlocksStartsTogether() throws Exception {
        double[][] first = initialPoints(settings(2 * BLOCK_CHAINS), 0);
        double[][] second = initialPoints(settings(2 * BLOCK_CHAINS), BLOCK_CHAINS);
        for (int chain = 0; chain < BLOCK_CHAINS; chain++) {
            assertArrayEquals(first[0], first[chain]);
            assertArrayEquals(first[0], second[chain]);
        }
    }

    @Test
    void superchainsMustDivideTheChains() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> settings(3));
        assertEquals("superchain size must be at least 1 and divide the 16 chains, got 3", error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> settings(0));
    }
}
