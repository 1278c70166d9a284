package manynuts.backend.cuda;

/**
 * The launches of {@link CudaChainBlock#initialize} and {@link CudaChainBlock#leapfrog} that depend on how the model
 * evaluates on the device: fused into one thread per chain, or split around matrix products.
 */
sealed interface ModelSteps extends AutoCloseable permits ModelSteps.Fused, SplitSteps {

    /**
     * With the listed chains in the argument integers and their positions ({@code [i * dimension + d]}) in the
     * argument doubles: sets their draws and evaluates them; results as {@code model_initialize} leaves them.
     */
    void initialize(CudaStream stream, int count);

    /** With the signed step sizes in the argument doubles: one leapfrog step; log densities then kinetic energies. */
    void leapfrog(CudaStream stream);

    @Override
    void close();

    /** The model's own initialize and leapfrog kernels, which evaluate the density in one thread per chain. */
    static ModelSteps of(DeviceKernels kernels, DeviceModel model, DeviceModelData data, ChainState state) {
        return model.split() ? new SplitSteps(kernels, model, data, state) : new Fused(kernels, model, data, state);
    }

    /** One launch each, of the model's {@code <prefix>_initialize} and {@code <prefix>_leapfrog}. */
    final class Fused implements ModelSteps {
        private final int chains;
        private final KernelCall initializeCall;
        private final KernelCall leapfrogCall;

        Fused(DeviceKernels kernels, DeviceModel model, DeviceModelData data, ChainState state) {
            String prefix = model.kernelPrefix();
            chains = state.chains();
            initializeCall = data.bind(kernels.call(model.initializeKernel(), prefix))
                    .pointer("list", state.argumentInts()).pointer("positions", state.argumentDoubles())
                    .pointer("results", state.resultDoubles()).state(state);
            leapfrogCall = data.bind(kernels.call(model.leapfrogKernel(), prefix))
                    .pointer("signedStepSize", state.argumentDoubles()).pointer("energies", state.resultDoubles())
                    .state(state);
        }

        @Override
        public void initialize(CudaStream stream, int count) {
            initializeCall.integer("count", count).launch(stream, count);
        }

        @Override
        public void leapfrog(CudaStream stream) {
            leapfrogCall.launch(stream, chains);
        }

        @Override
        public void close() {
            // Nothing of its own on the device.
        }
    }
}
