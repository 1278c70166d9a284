package manynuts.nuts;

/**
 * A divergent transition after warm-up: where the integrator failed (the unconstrained position of the step
 * whose energy error passed the threshold or was not finite) and by how much.
 */
public record Divergence(int chain, int draw, double[] position, double energyError) {
}
