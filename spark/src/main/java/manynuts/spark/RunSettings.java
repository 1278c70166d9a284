package manynuts.spark;

import java.io.Serializable;
import manynuts.api.NutsSampler;
import manynuts.api.PosteriorModel;

/**
 * The sampler settings of a whole run, the same for every shard: each shard runs a range of its chains.
 *
 * @param superchainSize chains per superchain (1: none); shards hold whole superchains
 */
public record RunSettings(int chains, int warmup, int draws, int thin, long seed, double targetAccept, int maxDepth,
        int superchainSize) implements Serializable {

    /**
     * The sampler of the whole run, on {@code threads} threads and {@code backend}.
     *
     * @throws IllegalArgumentException naming the setting that is out of range
     */
    public NutsSampler sampler(PosteriorModel model, int threads, String backend) {
        return NutsSampler.builder(model).chains(chains).warmup(warmup).draws(draws).thin(thin).seed(seed)
                .targetAccept(targetAccept).maxDepth(maxDepth).superchainSize(superchainSize).threads(threads)
                .backend(backend).build();
    }
}
