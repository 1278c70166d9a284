package manynuts.rng;

/**
 * The sampler's random numbers: every value is Philox-4x32-10 of a counter that names what it is for, so
 * results do not depend on thread count, backend or the order in which chains are processed.
 *
 * <p>Key: the 64-bit seed. Counter words: {@code x0} the index within an event (a coordinate pair or a
 * choice inside a tree), {@code x1} the chain, {@code x2:x3} a 64-bit event id built by the methods below.
 * The CUDA momentum kernel builds the same counters.
 */
public final class RandomStreams {
    /** Event kinds, in the low four bits of the event id. */
    static final int KIND_INIT = 0;
    static final int KIND_MOMENTUM = 1;
    static final int KIND_STEP_SIZE_SEARCH = 2;
    static final int KIND_TREE = 3;
    static final int KIND_GENERATED = 4;

    private static final double TWO_POW_53 = 9007199254740992.0;

    private final int key0;
    private final int key1;
    private final int[] words = new int[4];

    /** A generator for one thread; not thread-safe (it owns a scratch block). */
    public RandomStreams(long seed) {
        this.key0 = (int) seed;
        this.key1 = (int) (seed >>> 32);
    }

    public long seed() {
        return (key0 & 0xFFFFFFFFL) | ((long) key1 << 32);
    }

    /** Event id of the momentum drawn at the start of iteration {@code iteration}'s trajectory. */
    public static long momentumEvent(long iteration) {
        return (iteration << 24) | KIND_MOMENTUM;
    }

    /** Event id of trial {@code trial} of the step-size search that starts at iteration {@code iteration}. */
    public static long stepSizeSearchEvent(long iteration, int trial) {
        return (iteration << 24) | ((long) trial << 4) | KIND_STEP_SIZE_SEARCH;
    }

    /** Event id of attempt {@code attempt} to find a finite initial point. */
    public static long initEvent(int attempt) {
        return ((long) attempt << 4) | KIND_INIT;
    }

    /** Event id of the uniform choices made while building iteration {@code iteration}'s tree. */
    public static long treeEvent(long iteration) {
        return (iteration << 24) | KIND_TREE;
    }

    /** Event id of the random numbers the generated quantities of draw {@code draw} use. */
    public static long generatedEvent(long draw) {
        return (draw << 24) | KIND_GENERATED;
    }

    /** The "leaf" of {@link #leafUniform} that picks the direction of a doubling. */
    public static final int LEAF_DIRECTION = -1;
    /** The "leaf" of {@link #leafUniform} that decides whether a doubling's proposal replaces the draw. */
    public static final int LEAF_TOP = -2;
    /** The largest maximum tree depth: leaf indices of a doubling fit in 30 bits. */
    public static final int MAX_TREE_DEPTH = 30;

    /**
     * The 64-bit key of one chain's tree at one iteration, from which {@link #leafUniform} derives every choice
     * made while building that tree without another Philox block.
     */
    public long treeKey(long iteration, int chain) {
        long event = treeEvent(iteration);
        Philox.block(0, chain, (int) event, (int) (event >>> 32), key0, key1, words);
        return (words[0] & 0xFFFFFFFFL) | ((long) words[1] << 32);
    }

    /**
     * The uniform that decides whether leaf {@code leaf} of doubling {@code depth} replaces the subtree's
     * proposal (or, for the negative leaves {@link #LEAF_DIRECTION} and {@link #LEAF_TOP}, the doubling's
     * direction and its merge into the tree): the SplitMix64 finaliser of the tree key and the position, a
     * counter-based hash, cheap enough for every leaf.
     */
    public static double leafUniform(long treeKey, int depth, int leaf) {
        long z = treeKey + (((long) depth << 32) | (leaf & 0xFFFFFFFFL)) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (z >>> 11) * 0x1.0p-53;
    }

    /** A uniform in [0, 1) with 53 random bits. */
    public double uniform(long event, int chain, int index) {
        Philox.block(index, chain, (int) event, (int) (event >>> 32), key0, key1, words);
        return toUnit(words[0], words[1]);
    }

    /**
     * Two independent standard normals by the Box-Muller transform of one Philox block.
     *
     * @param out modified: {@code out[offset]} and {@code out[offset + 1]}
     */
    public void normalPair(long event, int chain, int index, double[] out, int offset) {
        Philox.block(index, chain, (int) event, (int) (event >>> 32), key0, key1, words);
        double u1 = 1.0 - toUnit(words[0], words[1]);
        double u2 = toUnit(words[2], words[3]);
        double radius = Math.sqrt(-2.0 * Math.log(u1));
        double angle = 2.0 * Math.PI * u2;
        out[offset] = radius * Math.cos(angle);
        out[offset + 1] = radius * Math.sin(angle);
    }

    /** 27 high bits of {@code a} and 26 of {@code b}, as in the reference 53-bit conversion. */
    static double toUnit(int a, int b) {
        long high = (a & 0xFFFFFFFFL) >>> 5;
        long low = (b & 0xFFFFFFFFL) >>> 6;
        return (high * 67108864.0 + low) / TWO_POW_53;
    }
}
