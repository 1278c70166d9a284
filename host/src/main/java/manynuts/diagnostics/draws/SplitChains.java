package manynuts.diagnostics.draws;

import java.io.Serializable;

/**
 * How split R-hat and split ESS cut each chain in two halves: the first {@code floor(n/2)} draws and the last
 * {@code floor(n/2)}, so an odd chain loses its middle draw (Vehtari et al. 2021, section 4.1; posterior's
 * {@code .split_chains}). A chain of one draw is not split.
 */
public record SplitChains(int chains, int drawsPerChain) implements Serializable {

    public static SplitChains of(DrawsShape shape) {
        return new SplitChains(shape.chains(), shape.drawsPerChain());
    }

    /** Whether the chains are cut at all; posterior leaves one-draw chains whole. */
    public boolean isSplit() {
        return drawsPerChain > 1;
    }

    /** Number of chains after splitting. */
    public int splitChainCount() {
        return isSplit() ? 2 * chains : chains;
    }

    /** Draws in each split chain. */
    public int splitLength() {
        return isSplit() ? drawsPerChain / 2 : drawsPerChain;
    }

    /** Number of draws that take part after splitting. */
    public int splitTotal() {
        return splitChainCount() * splitLength();
    }

    /** The chain a split chain comes from; split chain {@code 2c} is the first half of chain c, {@code 2c+1} the second. */
    public int sourceChain(int splitChain) {
        return isSplit() ? splitChain / 2 : splitChain;
    }

    /** Index within the source chain of the first draw of a split chain. */
    public int sourceOffset(int splitChain) {
        if (!isSplit() || splitChain % 2 == 0) {
            return 0;
        }
        return drawsPerChain - splitLength();
    }

    /** The draw of each chain that an odd-length split leaves out (the middle one), or -1 if none is. */
    public int droppedDraw() {
        return isSplit() && drawsPerChain % 2 == 1 ? drawsPerChain / 2 : -1;
    }

    /** Whether a draw of a chain is the middle one an odd-length split leaves out. */
    public boolean isDropped(int draw) {
        return draw == droppedDraw();
    }
}
