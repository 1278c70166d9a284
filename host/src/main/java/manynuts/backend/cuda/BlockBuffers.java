package manynuts.backend.cuda;

/**
 * The device buffers of a chain block that the model-dependent launches of a leapfrog step and an initialization
 * touch: the staged per-chain arguments and results, and the chain state vectors ({@code [d * chains + c]}).
 */
record BlockBuffers(int chains, int dimension, DeviceBuffer argumentInts, DeviceBuffer argumentDoubles,
                    DeviceBuffer resultDoubles, DeviceBuffer inverseMetric, DeviceBuffer drawPosition,
                    DeviceBuffer drawGradient, DeviceBuffer frontierPosition, DeviceBuffer frontierMomentum,
                    DeviceBuffer frontierGradient, DeviceBuffer previousMomentum, DeviceBuffer subtreeMomentumSum) {
}
