package manynuts.backend.cuda;

import manynuts.models.DesignMatrix;
import manynuts.models.KernelBinding;
import manynuts.models.Model;

/**
 * A model as the kernels know it: the prefix of its kernels (and name of its PTX module), its dimension, the data its
 * launches pass, and for a density that is a matrix product the shape of its design matrix (null otherwise).
 *
 * <p>Models without a design matrix are fused: one thread per chain evaluates the density inside the model's own
 * leapfrog and initialize kernels. Models with one are split: the leapfrog is a drift kernel, the model's batched
 * evaluation as matrix products around a likelihood kernel ({@link SplitDensity}), and a kick kernel.
 */
record DeviceModel(int dimension, KernelBinding binding, DesignMatrix design) {

    /** The device form of a model, or an exception naming the model when it has no kernels. */
    static DeviceModel of(Model model) {
        KernelBinding binding = model.kernelBinding().orElseThrow(() -> new IllegalArgumentException(
                "model " + model.name() + " has no CUDA kernels; use --backend cpu"));
        if (!CudaModule.shipped(binding.kernelPrefix())) {
            throw new IllegalArgumentException("model " + model.name() + ": this build has no PTX module "
                    + binding.kernelPrefix() + "; use --backend cpu");
        }
        return new DeviceModel(model.dimension(), binding, model.designMatrix().orElse(null));
    }

    boolean split() {
        return design != null;
    }

    String kernelPrefix() {
        return binding.kernelPrefix();
    }
}
