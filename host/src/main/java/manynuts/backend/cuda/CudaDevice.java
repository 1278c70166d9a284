package manynuts.backend.cuda;

/**
 * What the driver says about one device.
 *
 * @param totalMemory bytes of device memory
 */
public record CudaDevice(int ordinal, String name, long totalMemory, int computeMajor, int computeMinor) {

    /** One line for listings, e.g. {@code cuda:0  NVIDIA A100  79.2 GiB  compute capability 8.0}. */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "cuda:%d  %s  %.1f GiB  compute capability %d.%d", ordinal, name,
                totalMemory / (1024.0 * 1024.0 * 1024.0), computeMajor, computeMinor);
    }
}
