package manynuts.backend.cuda;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import manynuts.backend.Precision;

/**
 * A device's context and what is loaded into it: the kernel modules, loaded on first use, and the matrix products
 * chosen on first use. Blocks of chains, density evaluators and the GEMM kernel launch through it, so none of them
 * needs the backend that opened the device.
 */
final class DeviceKernels implements AutoCloseable {
    private final CudaContext context;
    private final Precision precision;
    private final Map<String, CudaModule> modules = new HashMap<>();
    private MatrixProducts matrixProducts;
    private boolean closed;

    /** @param context the device's context, closed with these kernels */
    DeviceKernels(CudaContext context, Precision precision) {
        this.context = context;
        this.precision = precision;
    }

    /** The floating-point type of the chain state the kernels are launched on. */
    Precision precision() {
        return precision;
    }

    void makeCurrent() {
        context.makeCurrent();
    }

    /** A launchable call of {@code kernel}; for a model kernel, the model's. */
    KernelCall call(Kernel kernel, String modelPrefix) {
        CudaModule module = module(kernel.module(modelPrefix), null);
        return new KernelCall(kernel, module.function(kernel.entry(modelPrefix) + precision.entrySuffix()));
    }

    /** The module {@code name}, loaded on first use from the kernels jar or, where given, from {@code ptx}. */
    synchronized CudaModule module(String name, byte[] ptx) {
        if (closed) {
            throw new IllegalStateException("the CUDA backend is closed");
        }
        CudaModule module = modules.get(name);
        if (module == null) {
            makeCurrent();
            module = ptx == null ? CudaModule.load(name) : CudaModule.load(name, ptx);
            modules.put(name, module);
        }
        return module;
    }

    /**
     * The matrix products of models whose density is one: cuBLAS when libcublas.so.12 loads and a handle can be
     * created in this context, otherwise the own GEMM kernel. Chosen on first use.
     */
    synchronized MatrixProducts matrixProducts() {
        if (matrixProducts == null) {
            makeCurrent();
            matrixProducts = MatrixProductsChoice.choose(this);
        }
        return matrixProducts;
    }

    /** Releases the matrix products, the modules and the context, in that order, even when one of them fails. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        // Every resource is released even when one fails; the first failure is thrown, later ones suppressed.
        Deque<AutoCloseable> resources = new ArrayDeque<>();
        resources.push(context);
        modules.values().forEach(resources::push);
        modules.clear();
        if (matrixProducts != null) {
            resources.push(matrixProducts);
        }
        RuntimeException failure = null;
        try {
            makeCurrent();
        } catch (RuntimeException e) {
            failure = e;
        }
        Resources.closeAll(resources, failure);
    }
}
