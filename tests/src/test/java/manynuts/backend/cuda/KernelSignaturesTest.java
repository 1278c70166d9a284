package manynuts.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import manynuts.backend.Precision;
import org.junit.jupiter.api.Test;

/**
 * The Java launch declarations ({@link Kernel}) against the shipped PTX: every kernel exists in every precision with
 * the same parameter types in the same order, no PTX entry is undeclared, and the PTX loads on CUDA 12 drivers.
 */
class KernelSignaturesTest {
    private static final Pattern ENTRY = Pattern.compile("\\.entry\\s+(\\w+)\\s*\\(([^)]*)\\)");
    private static final Pattern PARAM = Pattern.compile("\\.param\\s+(\\.\\w+)\\s+\\w+");
    private static final Pattern VERSION = Pattern.compile("(?m)^\\.version (\\d+)\\.(\\d+)$");

    private static List<String> modules() {
        List<String> modules = CudaModule.shippedModules();
        assumeTrue(!modules.isEmpty(), "no PTX was built (no nvcc)");
        assertTrue(modules.containsAll(CudaBackend.COMMON_MODULES), "shipped modules " + modules);
        return modules;
    }

    /** The model prefix of a module: its name, unless it holds the model-independent kernels. */
    private static String modelPrefix(String module) {
        return CudaBackend.COMMON_MODULES.contains(module) ? "" : module;
    }

    private static String ptx(String module) {
        assumeTrue(CudaModule.shipped(module), "no PTX was built (no nvcc)");
        return new String(CudaModule.ptx(module), StandardCharsets.US_ASCII);
    }

    /** Entry name to PTX parameter types, in order. */
    private static Map<String, List<String>> entries(String ptx) {
        Map<String, List<String>> entries = new LinkedHashMap<>();
        Matcher entry = ENTRY.matcher(ptx);
        while (entry.find()) {
            List<String> types = new ArrayList<>();
            Matcher param = PARAM.matcher(entry.group(2));
            while (param.find()) {
                types.add(param.group(1));
            }
            entries.put(entry.group(1), types);
        }
        return entries;
    }

    @Test
    void everyLaunchMatchesItsPtxEntry() {
        for (String module : modules()) {
            Map<String, List<String>> entries = entries(ptx(module));
            TreeSet<String> declared = new TreeSet<>();
            String prefix = modelPrefix(module);
            // A model module has the fused kernels (one thread per chain evaluates and steps) or the split ones.
            Kernel.Family modelFamily = entries.containsKey(Kernel.LEAPFROG.entry(prefix))
                    ? Kernel.Family.FUSED_MODEL : Kernel.Family.SPLIT_MODEL;
            for (Kernel kernel : Kernel.values()) {
                boolean belongs = kernel.family() == Kernel.Family.COMMON || kernel.family() == modelFamily;
                if (!belongs || !kernel.module(prefix).equals(module)) {
                    continue;
                }
                for (Precision precision : Precision.values()) {
                    String entry = kernel.entry(prefix) + precision.entrySuffix();
                    declared.add(entry);
                    assertTrue(entries.containsKey(entry), module + ".ptx has no .entry " + entry);
                    List<String> expected = kernel.parameters().stream().map(p -> p.type().ptx()).toList();
                    assertEquals(expected, entries.get(entry), "parameters of " + entry + " in " + module + ".ptx");
                }
            }
            assertEquals(new TreeSet<>(entries.keySet()), declared, "entries of " + module + ".ptx");
        }
    }

    @Test
    void ptxTargetsCompute75AtAnIsaThatCuda12DriversLoad() {
        for (String module : modules()) {
            String ptx = ptx(module);
            Matcher version = VERSION.matcher(ptx);
            assertTrue(version.find(), module + ".ptx has no .version line");
            int major = Integer.parseInt(version.group(1));
            assertTrue(major <= 8, module + ".ptx is PTX ISA " + version.group() + ": CUDA 12 drivers load up to 8.x");
            assertTrue(ptx.contains("\n.target sm_75\n"), module + ".ptx targets compute_75");
        }
    }
}
