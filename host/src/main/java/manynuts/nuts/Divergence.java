package manynuts.nuts;

/**
 * A divergent transition after warm-up: where the integrator failed (the unconstrained position of the step
 * whose energy error passed the threshold or was not finite) and by how much.
 */
public record Divergence(int chain, int draw, double[] position, double energyError) {

    /** The order of a run's files: by chain, then by draw. */
    public static final java.util.Comparator<Divergence> BY_CHAIN_AND_DRAW =
            java.util.Comparator.comparingInt(Divergence::chain).thenComparingInt(Divergence::draw);
}
