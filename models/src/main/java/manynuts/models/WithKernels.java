package manynuts.models;

import java.util.Optional;

/** A model with hand-written CUDA kernels (in the kernels module), which can run on a CUDA device. */
public interface WithKernels {

    /** The model's CUDA kernels and the data their launches pass. */
    KernelBinding kernelBinding();

    /** The kernel binding of {@code model}, or empty when it has no kernels (it then runs on the CPU backend only). */
    static Optional<KernelBinding> of(Model model) {
        return model instanceof WithKernels bound ? Optional.of(bound.kernelBinding()) : Optional.empty();
    }
}
