package manynuts.backend.cuda;

import manynuts.models.KernelBinding;
import manynuts.models.Model;

/**
 * A model as the kernels know it: the prefix of its kernels (and name of its PTX module), its dimension and the
 * data its launches pass.
 */
record DeviceModel(int dimension, KernelBinding binding) {

    /** The device form of a model, or an exception naming the model when it has no kernels. */
    static DeviceModel of(Model model) {
        KernelBinding binding = model.kernelBinding().orElseThrow(() -> new IllegalArgumentException(
                "model " + model.name() + " has no CUDA kernels; use --backend cpu"));
        if (!CudaModule.shipped(binding.kernelPrefix())) {
            throw new IllegalArgumentException("model " + model.name() + ": this build has no PTX module "
                    + binding.kernelPrefix() + "; use --backend cpu");
        }
        return new DeviceModel(model.dimension(), binding);
    }

    String kernelPrefix() {
        return binding.kernelPrefix();
    }
}
