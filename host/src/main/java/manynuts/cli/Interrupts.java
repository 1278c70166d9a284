package manynuts.cli;

import java.util.ArrayList;
import java.util.List;
import manynuts.nuts.StopRequest;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGINT and SIGTERM, while a run samples, ask it to stop rather than end the process: the samplers stop at their
 * next step, every whole draw and a checkpoint reach the disk, run.json says the run was interrupted, and the
 * command exits 130 or 143 as a shell expects. A second signal ends the process at once, as it would have.
 */
final class Interrupts implements AutoCloseable {
    private static final String[] SIGNALS = {"INT", "TERM"};

    private final List<Signal> installed = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();
    private volatile int exitCode;

    private Interrupts() {
    }

    /** Installs the handlers; {@link #close} puts the previous ones back. */
    static Interrupts install(StopRequest stop) {
        Interrupts interrupts = new Interrupts();
        for (String name : SIGNALS) {
            Signal signal = new Signal(name);
            try {
                SignalHandler before = Signal.handle(signal, caught -> {
                    interrupts.exitCode = 128 + caught.getNumber();
                    stop.request("SIG" + caught.getName());
                    // The next one ends the process.
                    Signal.handle(caught, SignalHandler.SIG_DFL);
                });
                interrupts.installed.add(signal);
                interrupts.previous.add(before);
            } catch (IllegalArgumentException refused) {
                // The JVM keeps this signal (e.g. under -Xrs): it ends the process as before.
            }
        }
        return interrupts;
    }

    /** 128 plus the number of the signal that stopped the run (130 for SIGINT, 143 for SIGTERM), or 0. */
    int exitCode() {
        return exitCode;
    }

    @Override
    public void close() {
        for (int i = 0; i < installed.size(); i++) {
            Signal.handle(installed.get(i), previous.get(i));
        }
    }
}
