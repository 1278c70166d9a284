package manynuts.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import manynuts.backend.Backend;
import manynuts.backend.Backends;
import manynuts.backend.cpu.CpuBackend;
import manynuts.cli.DevicesCommand;
import picocli.CommandLine;

/** What every machine without a usable GPU must show: auto falls back and says why, cuda refuses in one line. */
final class FallbackAssertions {

    private FallbackAssertions() {
    }

    /** Checks auto, cuda and the devices command; {@code reason} is a fragment each must mention. */
    static void assertFallsBackBecause(String reason) {
        StringWriter log = new StringWriter();
        try (Backend backend = Backends.choose("auto", new PrintWriter(log))) {
            assertInstanceOf(CpuBackend.class, backend);
        }
        String line = log.toString().strip();
        assertTrue(line.startsWith("backend: cpu (auto: CUDA is not available: "), line);
        assertTrue(line.contains(reason), line);
        assertFalse(line.contains("\n"), "one line: " + line);

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> Backends.choose("cuda", new PrintWriter(new StringWriter())));
        assertTrue(refused.getMessage().startsWith("--backend cuda: CUDA is not available: "), refused.getMessage());
        assertTrue(refused.getMessage().contains(reason), refused.getMessage());
        assertFalse(refused.getMessage().contains("\n"), "one line: " + refused.getMessage());

        StringWriter out = new StringWriter();
        int exit = new CommandLine(new DevicesCommand()).setOut(new PrintWriter(out)).execute();
        assertEquals(0, exit);
        assertTrue(out.toString().startsWith("no CUDA devices: "), out.toString());
        assertTrue(out.toString().contains(reason), out.toString());
    }
}
