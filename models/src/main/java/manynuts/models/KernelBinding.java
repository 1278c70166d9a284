package manynuts.models;

import java.util.Arrays;

/**
 * How a model's CUDA kernels find it: the prefix of its kernel entries and PTX module, and its data as the integer
 * and floating-point arrays that every launch of its kernels passes (the device struct reads them back in its
 * constructor).
 *
 * @param kernelPrefix the module name and entry prefix, e.g. {@code eight_schools_centered}
 * @param integers     integer data, e.g. the number of groups; may be empty
 * @param reals        floating-point data, e.g. y then sigma; may be empty
 */
public record KernelBinding(String kernelPrefix, int[] integers, double[] reals) {

    public KernelBinding {
        if (kernelPrefix == null || !kernelPrefix.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("a kernel prefix must be a C identifier, not " + kernelPrefix);
        }
        integers = integers.clone();
        reals = reals.clone();
    }

    @Override
    public int[] integers() {
        return integers.clone();
    }

    @Override
    public double[] reals() {
        return reals.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KernelBinding that && kernelPrefix.equals(that.kernelPrefix)
                && Arrays.equals(integers, that.integers) && Arrays.equals(reals, that.reals);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * kernelPrefix.hashCode() + Arrays.hashCode(integers)) + Arrays.hashCode(reals);
    }

    @Override
    public String toString() {
        return "KernelBinding[" + kernelPrefix + ", " + integers.length + " integers, " + reals.length + " reals]";
    }
}
