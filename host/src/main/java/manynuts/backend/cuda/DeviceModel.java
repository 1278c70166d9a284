package manynuts.backend.cuda;

import manynuts.models.DesignMatrix;
import manynuts.models.KernelBinding;
import manynuts.models.Model;
import manynuts.models.stan.StanModel;
import manynuts.models.stan.emit.DataLayout;
import manynuts.models.WithKernels;

/**
 * A model as the kernels know it: the prefix of its kernels (and name of its PTX module), its dimension, the data its
 * launches pass, for a density that is a matrix product the shape of its design matrix (null otherwise), and for a
 * Stan program its generated kernels (null for a hand-written model).
 *
 * <p>Models without a design matrix are fused: one thread per chain evaluates the density inside the model's own
 * leapfrog and initialize kernels. Models with one are split: the leapfrog is a drift kernel, the model's batched
 * evaluation as matrix products around a likelihood kernel ({@link SplitDensity}), and a kick kernel. A Stan
 * program's kernels are fused and take one more argument, each chain's scratch (workspace and tapes).
 */
record DeviceModel(int dimension, KernelBinding binding, DesignMatrix design, GeneratedKernels generated) {

    /** The device form of a model, or an exception naming the model when it has no kernels. */
    static DeviceModel of(Model model) {
        if (model instanceof StanModel stan) {
            GeneratedKernels generated = GeneratedKernels.of(stan);
            KernelBinding binding = new KernelBinding(generated.program().prefix(), stan.program().kernelIntegers(),
                    stan.program().kernelReals());
            return new DeviceModel(model.dimension(), binding, null, generated);
        }
        KernelBinding binding = WithKernels.of(model).orElseThrow(() -> new IllegalArgumentException(
                "model " + model.name() + " has no CUDA kernels; use --backend cpu"));
        if (!CudaModule.shipped(binding.kernelPrefix())) {
            throw new IllegalArgumentException("model " + model.name() + ": this build has no PTX module "
                    + binding.kernelPrefix() + "; use --backend cpu");
        }
        return new DeviceModel(model.dimension(), binding, model.designMatrix().orElse(null), null);
    }

    boolean split() {
        return design != null;
    }

    String kernelPrefix() {
        return binding.kernelPrefix();
    }

    /** The capacity of each chain's real and int tapes in a generated model's data (0 until the host sets it). */
    int tape() {
        return binding.integers()[DataLayout.REAL_TAPE];
    }

    /** A generated model with tapes of {@code capacity} slots per chain. */
    DeviceModel withTape(int capacity) {
        int[] integers = binding.integers();
        integers[DataLayout.REAL_TAPE] = capacity;
        integers[DataLayout.INT_TAPE] = capacity;
        return new DeviceModel(dimension, new KernelBinding(binding.kernelPrefix(), integers, binding.reals()), design,
                generated);
    }

    /** The bytes of scratch {@code chains} chains of a generated model need in {@code precision}; 0 otherwise. */
    long scratchBytes(long chains, boolean float32) {
        return generated == null ? 0 : generated.program().scratchBytes(binding.integers(), chains, float32);
    }

    /** Where the chains' statuses begin in the scratch, in bytes (the int section follows the real one). */
    long statusOffset(long chains, boolean float32) {
        return chains * generated.program().realSlots(binding.integers()) * (float32 ? Float.BYTES : Double.BYTES);
    }

    /** The kernel evaluating the model at a batch of points, by kind of model. */
    Kernel logDensityKernel() {
        return generated == null ? Kernel.LOG_DENSITY_GRADIENT : Kernel.GENERATED_LOG_DENSITY_GRADIENT;
    }

    Kernel initializeKernel() {
        return generated == null ? Kernel.INITIALIZE : Kernel.GENERATED_INITIALIZE;
    }

    Kernel leapfrogKernel() {
        return generated == null ? Kernel.LEAPFROG : Kernel.GENERATED_LEAPFROG;
    }

    /** The device state machine's kernel; split models have none (their evaluation needs matrix products). */
    Kernel sampleKernel() {
        return generated == null ? Kernel.SAMPLE : Kernel.GENERATED_SAMPLE;
    }
}
