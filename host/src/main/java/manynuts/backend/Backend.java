package manynuts.backend;

import java.util.Optional;
import manynuts.models.Model;

/** A place where blocks of chains live and run: the CPU's arrays or a GPU's memory. */
public interface Backend extends AutoCloseable {

    /** A short name for reports, e.g. {@code cpu} or {@code cuda:0 (NVIDIA A100)}. */
    String name();

    /**
     * Allocates a block of {@code chains} chains whose first global chain number is {@code firstChain}.
     *
     * @param maxDepth the largest tree depth; sizes the U-turn checkpoints
     */
    ChainBlock allocate(Model model, int firstChain, int chains, int maxDepth, long seed);

    /**
     * Heap bytes one chain of {@code model} takes in this backend's blocks while the chains run (its vectors where they
     * live in the heap, staging arrays where they live on a device), for the estimate a run is checked against before
     * it starts.
     *
     * @param maxDepth the largest tree depth; sizes the U-turn checkpoints
     */
    long heapBytesPerChain(Model model, int maxDepth);

    /**
     * Refuses, in one line saying what fits, a run of {@code chains} chains of {@code model} that this backend's own
     * memory (a device's) cannot hold; the heap and the disk are {@code RunBudget}'s. Nothing to check by default.
     *
     * @param maxDepth the largest tree depth; sizes the U-turn checkpoints
     * @throws IllegalArgumentException when the chains do not fit
     */
    default void checkCapacity(Model model, int chains, int maxDepth) {
    }

    /** How many chains one block should hold on this backend. */
    int preferredBlockSize(int totalChains);

    /**
     * How many blocks this backend runs side by side when each has a thread of its own (one per device for
     * several GPUs): the sampler keeps at least this many threads.
     */
    default int parallelism() {
        return 1;
    }

    /**
     * How this backend multiplies {@code model}'s design matrix, for the run record (e.g. {@code cuBLAS cublasDgemm
     * (...)}); empty when the model has none or the backend has no choice to make. May make the choice.
     */
    default Optional<String> matrixProducts(Model model) {
        return Optional.empty();
    }

    /**
     * Where the NUTS trees of the chains' iterations are built: on the device (a backend that can, for a model that
     * allows it: {@link ChainBlock#deviceSampling()}; warm-up there too unless the metric is pooled), or on the host
     * one leapfrog step per launch. Backends without a device always build on the host.
     */
    default void setTreeBuilding(TreeBuilding where) {
    }

    /** Where this backend builds {@code model}'s trees: as set, where the model allows it. */
    default TreeBuilding treeBuilding(Model model) {
        return TreeBuilding.HOST;
    }

    @Override
    void close();
}
