package manynuts.nuts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The device's step-size search (nuts_sampling.cuh) compares with the very constants of {@link WarmupAdaptation}:
 * its decisions are exact comparisons, so one bit apart would part the two paths' step sizes.
 */
class DeviceSearchConstantsTest {

    @Test
    void theDevicesSearchTargetIsTheHostsToTheBit() throws IOException {
        String source = kernelSource("nuts_sampling.cuh");
        Matcher target = Pattern.compile("#define NUTS_LOG_SEARCH_TARGET \\(([-0-9a-fx.p]+)\\)").matcher(source);
        assertTrue(target.find(), "NUTS_LOG_SEARCH_TARGET is not defined as a hexadecimal literal");
        assertEquals(Double.doubleToLongBits(WarmupAdaptation.LOG_SEARCH_TARGET),
                Double.doubleToLongBits(Double.parseDouble(target.group(1))), "log 0.8");
        // fdlibm's log, the same bits on every platform, not Math.log's.
        assertEquals(Double.doubleToLongBits(StrictMath.log(0.8)),
                Double.doubleToLongBits(WarmupAdaptation.LOG_SEARCH_TARGET), "StrictMath.log(0.8)");
        Matcher largest = Pattern.compile("#define NUTS_LARGEST_STEP_SIZE (\\S+)").matcher(source);
        assertTrue(largest.find(), "NUTS_LARGEST_STEP_SIZE is not defined");
        assertEquals(WarmupAdaptation.LARGEST_STEP_SIZE, Double.parseDouble(largest.group(1)), 0.0);
    }

    private static String kernelSource(String name) throws IOException {
        try (InputStream in = DeviceSearchConstantsTest.class.getResourceAsStream("/manynuts/kernels/" + name)) {
            assertNotNull(in, name + " is not on the classpath");
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
