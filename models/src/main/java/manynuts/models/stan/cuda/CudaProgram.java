package manynuts.models.stan.cuda;

import java.util.List;

/**
 * A Stan program's generated CUDA source and what its host needs to launch it: the entries
 * {@code <prefix>_log_density_gradient}, {@code <prefix>_initialize}, {@code <prefix>_leapfrog} and their
 * {@code _f32} twins take the arguments of the hand-written models' entries and one more, the chains' scratch, whose
 * size follows from the kernel ints (with the tape capacities the host has set in them).
 *
 * @param prefix     the entries' prefix
 * @param structName the model struct's name (a class template over Real)
 * @param source     the CUDA C++ source; it includes stan_math.cuh and model_kernels.cuh from the kernels' sources
 * @param realArrays for each real array of a chain's scratch, where its sizes are in the kernel ints
 * @param intArrays  the same for the int arrays
 */
public record CudaProgram(String prefix, String structName, String source, List<int[]> realArrays,
        List<int[]> intArrays) {

    public CudaProgram {
        realArrays = List.copyOf(realArrays);
        intArrays = List.copyOf(intArrays);
    }

    /** The bytes of scratch that {@code chains} chains need, in float64 or in float32. */
    public long scratchBytes(int[] integers, long chains, boolean float32) {
        long reals = slots(realArrays, integers) + integers[manynuts.models.stan.emit.DataLayout.REAL_TAPE];
        // Slot 0 of the ints is each chain's status.
        long ints = 1 + slots(intArrays, integers) + integers[manynuts.models.stan.emit.DataLayout.INT_TAPE];
        return chains * (reals * (float32 ? Float.BYTES : Double.BYTES) + ints * Integer.BYTES);
    }

    /** The real slots of one chain's scratch (its arrays and its tape); the int slots follow them all. */
    public long realSlots(int[] integers) {
        return slots(realArrays, integers) + integers[manynuts.models.stan.emit.DataLayout.REAL_TAPE];
    }

    private static long slots(List<int[]> arrays, int[] integers) {
        long slots = 0;
        for (int[] sizeAt : arrays) {
            long size = 1;
            for (int at : sizeAt) {
                size *= integers[at];
            }
            slots += size;
        }
        return slots;
    }
}
