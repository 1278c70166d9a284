package manynuts.backend.cuda;

import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDeviceGetAttribute;
import static jcuda.driver.JCudaDriver.cuDeviceGetCount;
import static jcuda.driver.JCudaDriver.cuDeviceGetName;
import static jcuda.driver.JCudaDriver.cuDeviceTotalMem;
import static jcuda.driver.JCudaDriver.cuDriverGetVersion;
import static jcuda.driver.JCudaDriver.cuInit;
import static manynuts.backend.cuda.CudaFailure.check;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUresult;

/** Asks the CUDA driver, if there is one, which devices answer; never throws, it says why instead. */
public final class CudaProbe {
    /** cuInit's answer when libcuda.so.1 is the toolkit's stub rather than a driver (CUDA_ERROR_STUB_LIBRARY). */
    static final int STUB_LIBRARY = 34;

    private CudaProbe() {
    }

    /** The outcome of a probe. */
    public sealed interface Result permits Available, Unavailable {
    }

    /** @param driverVersion e.g. 12040 for CUDA 12.4 */
    public record Available(int driverVersion, List<CudaDevice> devices) implements Result {
        /** The driver version as {@code major.minor}. */
        public String driver() {
            return (driverVersion / 1000) + "." + (driverVersion % 1000) / 10;
        }
    }

    /**
     * @param reason a short phrase saying why CUDA cannot be used, for the one line {@code --backend auto} prints
     * @param detail what the driver or the loader said, for {@code devices} and {@code --backend cuda}; may be empty
     */
    public record Unavailable(String reason, String detail) implements Result {
        public Unavailable(String reason) {
            this(reason, "");
        }

        /** The reason with the detail in parentheses: one line that says everything known. */
        public String full() {
            return detail.isEmpty() ? reason : reason + " (" + detail + ")";
        }
    }

    /** Loads the driver bindings, initialises the driver and lists the devices. */
    public static Result probe() {
        try {
            int result = cuInit(0);
            if (result == STUB_LIBRARY) {
                return new Unavailable("no NVIDIA driver: libcuda.so.1 is the CUDA toolkit's stub",
                        "cuInit: CUDA_ERROR_STUB_LIBRARY");
            }
            if (result == CUresult.CUDA_ERROR_NO_DEVICE) {
                return new Unavailable("the CUDA driver found no device", "cuInit: CUDA_ERROR_NO_DEVICE");
            }
            if (result != CUresult.CUDA_SUCCESS) {
                return new Unavailable("the CUDA driver did not initialise",
                        "cuInit: " + CUresult.stringFor(result));
            }
            int[] value = new int[1];
            check(cuDriverGetVersion(value), "cuDriverGetVersion");
            int driverVersion = value[0];
            check(cuDeviceGetCount(value), "cuDeviceGetCount");
            int count = value[0];
            if (count == 0) {
                return new Unavailable("the CUDA driver reports no device");
            }
            List<CudaDevice> devices = new ArrayList<>();
            for (int ordinal = 0; ordinal < count; ordinal++) {
                devices.add(describe(ordinal));
            }
            return new Available(driverVersion, List.copyOf(devices));
        } catch (LinkageError e) {
            // JCuda's natives need libcuda.so.1: without a driver the first touch of JCudaDriver fails to link.
            return new Unavailable("no CUDA driver: libcuda.so.1 not found", firstLine(e));
        } catch (CudaFailure e) {
            return new Unavailable("the CUDA driver failed", e.getMessage());
        }
    }

    private static CudaDevice describe(int ordinal) {
        CUdevice device = new CUdevice();
        check(cuDeviceGet(device, ordinal), "cuDeviceGet");
        byte[] name = new byte[256];
        check(cuDeviceGetName(name, name.length, device), "cuDeviceGetName");
        int length = 0;
        while (length < name.length && name[length] != 0) {
            length++;
        }
        long[] memory = new long[1];
        check(cuDeviceTotalMem(memory, device), "cuDeviceTotalMem");
        int[] major = new int[1];
        int[] minor = new int[1];
        check(cuDeviceGetAttribute(major, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, device),
                "cuDeviceGetAttribute");
        check(cuDeviceGetAttribute(minor, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, device),
                "cuDeviceGetAttribute");
        return new CudaDevice(ordinal, new String(name, 0, length, StandardCharsets.UTF_8), memory[0], major[0],
                minor[0]);
    }

    private static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).trim();
    }
}
