package manynuts.spark;

import java.io.Serializable;

/**
 * One simulated dataset's result: for each ranked parameter, how many of the posterior's draws (all chains, after
 * thinning) fall below the true value, from 0 to the number of draws (Talts et al. 2018).
 *
 * @param divergences divergent transitions after warm-up, over the dataset's chains
 */
public record SbcRanks(int dataset, int[] ranks, long divergences) implements Serializable {
}
