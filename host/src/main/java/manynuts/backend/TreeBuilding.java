package manynuts.backend;

import java.util.Locale;

/** Where the NUTS trees of the sampling iterations are built ({@link Backend#setTreeBuilding}). */
public enum TreeBuilding {
    /** The device state machine: many leapfrog steps per launch, draws copied back in blocks. */
    DEVICE,
    /** The host's tree state machine: one leapfrog step of every chain per launch. */
    HOST;

    /** The command line's name, {@code device} or {@code host}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
