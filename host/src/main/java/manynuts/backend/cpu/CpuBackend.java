package manynuts.backend.cpu;

import manynuts.backend.Backend;
import manynuts.backend.ChainBlock;
import manynuts.models.Model;

/** The pure-Java backend: blocks of chains as arrays in the JVM heap, run by the sampler's threads. */
public final class CpuBackend implements Backend {
    /** Chains per block: small enough that a block's hot state stays in the L2 cache. */
    static final int BLOCK_SIZE = 64;

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public ChainBlock allocate(Model model, int firstChain, int chains, int maxDepth, long seed) {
        return new CpuChainBlock(model, firstChain, chains, maxDepth, seed);
    }

    @Override
    public long heapBytesPerChain(Model model, int maxDepth) {
        return CpuChainBlock.heapBytesPerChain(model, maxDepth);
    }

    @Override
    public int preferredBlockSize(int totalChains) {
        return BLOCK_SIZE;
    }

    @Override
    public void close() {
        // Nothing is held between blocks.
    }
}
