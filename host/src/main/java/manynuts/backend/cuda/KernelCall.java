package manynuts.backend.cuda;

import static jcuda.driver.JCudaDriver.cuLaunchKernel;
import static manynuts.backend.cuda.CudaFailure.check;

import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import jcuda.NativePointerObject;
import jcuda.Pointer;
import jcuda.driver.CUfunction;

/**
 * A kernel with its arguments bound by parameter name, ready to launch again and again: scalar arguments live in
 * one-element arrays that JCuda reads at launch time, so changing a count allocates nothing.
 */
final class KernelCall {
    /** Threads per block: one thread per chain, no shared memory; at most 128 (after_leaf's launch bounds). */
    static final int THREADS_PER_BLOCK = 128;

    /** Launches of each kernel in this process, by {@link Kernel#ordinal()}: what the tests count schedules by. */
    private static final AtomicLongArray LAUNCHES = new AtomicLongArray(Kernel.values().length);

    private final Kernel kernel;
    private final CUfunction function;
    private final List<KernelParameter> parameters;
    private final Pointer[] arguments;
    private final int[][] ints;
    private final double[][] doubles;
    private Pointer packed;

    KernelCall(Kernel kernel, CUfunction function) {
        this.kernel = kernel;
        this.function = function;
        this.parameters = kernel.parameters();
        this.arguments = new Pointer[parameters.size()];
        this.ints = new int[parameters.size()][];
        this.doubles = new double[parameters.size()][];
    }

    /** Binds a device buffer to a pointer parameter. */
    KernelCall pointer(String name, DeviceBuffer buffer) {
        int index = index(name, ParameterType.POINTER);
        arguments[index] = Pointer.to(buffer.pointer());
        return this;
    }

    /**
     * Binds every parameter still unbound that the block's state names: {@code chains} and {@code dimension}, and
     * each pointer parameter to the state vector of the same name. Bind the other arguments first.
     */
    KernelCall state(ChainState state) {
        for (int i = 0; i < parameters.size(); i++) {
            if (arguments[i] != null) {
                continue;
            }
            KernelParameter parameter = parameters.get(i);
            if (parameter.type() == ParameterType.POINTER && state.vector(parameter.name()) != null) {
                pointer(parameter.name(), state.vector(parameter.name()));
            } else if (parameter.name().equals("chains")) {
                integer("chains", state.chains());
            } else if (parameter.name().equals("dimension")) {
                integer("dimension", state.dimension());
            }
        }
        return this;
    }

    /** Sets an {@code int} or {@code unsigned int} parameter (bit pattern kept). */
    KernelCall integer(String name, int value) {
        int index = indexOf(name);
        ParameterType type = parameters.get(index).type();
        if (type != ParameterType.INT && type != ParameterType.UINT) {
            throw mismatch(name, type);
        }
        if (ints[index] == null) {
            ints[index] = new int[1];
            arguments[index] = Pointer.to(ints[index]);
        }
        ints[index][0] = value;
        return this;
    }

    /** Sets a {@code double} parameter. */
    KernelCall real(String name, double value) {
        int index = index(name, ParameterType.DOUBLE);
        if (doubles[index] == null) {
            doubles[index] = new double[1];
            arguments[index] = Pointer.to(doubles[index]);
        }
        doubles[index][0] = value;
        return this;
    }

    /** Launches one thread per item ({@code items} may be 0: nothing runs) on {@code stream}. */
    void launch(CudaStream stream, int items) {
        if (items <= 0) {
            return;
        }
        if (packed == null) {
            for (int i = 0; i < arguments.length; i++) {
                if (arguments[i] == null) {
                    throw new IllegalStateException(kernel + ": parameter " + parameters.get(i).name() + " is not bound");
                }
            }
            packed = Pointer.to((NativePointerObject[]) arguments);
        }
        int blocks = (items + THREADS_PER_BLOCK - 1) / THREADS_PER_BLOCK;
        check(cuLaunchKernel(function, blocks, 1, 1, THREADS_PER_BLOCK, 1, 1, 0, stream.handle(), packed, null),
                "cuLaunchKernel(" + kernel + ")");
        LAUNCHES.incrementAndGet(kernel.ordinal());
    }

    /** Launches of {@code kernel} (any model, either precision) in this process so far. */
    static long launches(Kernel kernel) {
        return LAUNCHES.get(kernel.ordinal());
    }

    private int index(String name, ParameterType type) {
        int index = indexOf(name);
        if (parameters.get(index).type() != type) {
            throw mismatch(name, parameters.get(index).type());
        }
        return index;
    }

    private int indexOf(String name) {
        for (int i = 0; i < parameters.size(); i++) {
            if (parameters.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException(kernel + " has no parameter " + name);
    }

    private IllegalArgumentException mismatch(String name, ParameterType type) {
        return new IllegalArgumentException(kernel + ": parameter " + name + " is of type " + type);
    }
}
