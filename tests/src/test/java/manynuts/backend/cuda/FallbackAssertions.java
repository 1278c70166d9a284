package manynuts.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import manynuts.backend.Backend;
import manynuts.backend.choice.Backends;
import manynuts.backend.cpu.CpuBackend;
import manynuts.cli.DevicesCommand;
import picocli.CommandLine;

/** What every machine without a usable GPU must show: auto falls back and says why, cuda refuses in one line. */
final class FallbackAssertions {

    private FallbackAssertions() {
    }

    /**
     * Checks auto, cuda and the devices command: auto says {@code reason} in one short line, while cuda's refusal and
     * devices also give {@code detail}, what the driver or loader said.
     */
    static void assertFallsBackBecause(String reason, String detail) {
        StringWriter log = new StringWriter();
        try (Backend backend = Backends.choose("auto", new PrintWriter(log))) {
            assertInstanceOf(CpuBackend.class, backend);
        }
        String line = log.toString().strip();
        assertEquals("backend: cpu (auto: " + reason + ")", line);
        assertFalse(line.contains(detail), "the detail is left to devices: " + line);
        assertTrue(line.length() <= 80, "short: " + line);

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> Backends.choose("cuda", new PrintWriter(new StringWriter())));
        assertTrue(refused.getMessage().startsWith("--backend cuda: CUDA is not available: "), refused.getMessage());
        assertTrue(refused.getMessage().contains(reason), refused.getMessage());
        assertTrue(refused.getMessage().contains(detail), refused.getMessage());
        assertFalse(refused.getMessage().contains("\n"), "one line: " + refused.getMessage());

        StringWriter out = new StringWriter();
        int exit = new CommandLine(new DevicesCommand()).setOut(new PrintWriter(out)).execute();
        assertEquals(0, exit);
        assertTrue(out.toString().startsWith("no CUDA devices: "), out.toString());
        assertTrue(out.toString().contains(reason), out.toString());
        assertTrue(out.toString().contains(detail), out.toString());
    }
}
