package manynuts.backend;

import java.util.Locale;

/** Where the NUTS trees are built, warm-up's included ({@link Backend#setTreeBuilding}). */
public enum TreeBuilding {
    /** The device state machine: many leapfrog steps per launch, draws copied back in blocks. */
    DEVICE,
    /** The host's tree state machine: one leapfrog step of every chain per launch. */
    HOST;

    /** The value of the command line's name ({@link #label}); anything else is refused in one line. */
    public static TreeBuilding parse(String name) {
        String key = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        for (TreeBuilding value : values()) {
            if (value.label().equals(key)) {
                return value;
            }
        }
        throw new IllegalArgumentException("--trees: expected device or host, got '" + name + "'");
    }

    /** The command line's name, {@code device} or {@code host}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
