package manynuts.models.stan.emit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import manynuts.models.stan.ir.IrVar;
import manynuts.models.stan.ir.LoweredProgram;

/**
 * How a program's data travel to a device: one int array and one double array, as every model kernel's launch passes
 * them ({@code KernelBinding}). The Java model writes them once its constructor has read the data and computed the
 * transformed data; the generated CUDA reads them back. The ints are a header ({@link #DIMENSION}, the two tape
 * capacities), every data variable's and every workspace variable's sizes, then the int data (scalars, and arrays
 * flat, row-major); the doubles are the real data in the same order.
 */
public final class DataLayout {
    /** Where the ints hold the number of unconstrained coordinates. */
    public static final int DIMENSION = 0;
    /** Where the ints hold the capacity of one chain's real tape (set by the host; the Java model writes 0). */
    public static final int REAL_TAPE = 1;
    /** Where the ints hold the capacity of one chain's int tape. */
    public static final int INT_TAPE = 2;
    private static final int HEADER = 3;

    private final List<IrVar> integers = new ArrayList<>();
    private final List<IrVar> reals = new ArrayList<>();
    private final List<IrVar> sized = new ArrayList<>();
    private final Map<IrVar, Integer> firstDim = new HashMap<>();
    private final int sizesEnd;

    public DataLayout(LoweredProgram program) {
        int at = HEADER;
        for (List<IrVar> group : List.of(program.fields(), program.workspace())) {
            for (IrVar v : group) {
                if (!v.isScalar() && !firstDim.containsKey(v)) {
                    firstDim.put(v, at);
                    sized.add(v);
                    at += v.dims().size();
                }
            }
        }
        sizesEnd = at;
        for (IrVar v : program.fields()) {
            (v.isInt() ? integers : reals).add(v);
        }
    }

    /** Where the ints hold size {@code k} of variable {@code v} (a data or workspace array). */
    public int sizeAt(IrVar v, int k) {
        Integer first = firstDim.get(v);
        if (first == null) {
            throw new IllegalArgumentException(v + " has no sizes among the kernel data");
        }
        return first + k;
    }

    /** The arrays whose sizes the ints hold, in order. */
    public List<IrVar> sized() {
        return List.copyOf(sized);
    }

    /** Where the int data begin. */
    public int sizesEnd() {
        return sizesEnd;
    }

    /** The int data variables, in order. */
    public List<IrVar> integers() {
        return List.copyOf(integers);
    }

    /** The real data variables, in order. */
    public List<IrVar> reals() {
        return List.copyOf(reals);
    }
}
