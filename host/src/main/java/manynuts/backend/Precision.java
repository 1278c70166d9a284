package manynuts.backend;

import java.util.Locale;

/**
 * The floating-point type of the chain state on a device: float64 everywhere by default, float32 for GPUs whose
 * double-precision rate is a small fraction of their single-precision rate. Per-chain scalars (log densities,
 * energies, step sizes) cross to the host as doubles in both.
 */
public enum Precision {
    FLOAT64("float64", Double.BYTES, ""),
    FLOAT32("float32", Float.BYTES, "_f32");

    private final String label;
    private final int bytes;
    private final String entrySuffix;

    Precision(String label, int bytes, String entrySuffix) {
        this.label = label;
        this.bytes = bytes;
        this.entrySuffix = entrySuffix;
    }

    /** The name users type, e.g. {@code float32}. */
    public String label() {
        return label;
    }

    /** Bytes per element of the state. */
    public int bytes() {
        return bytes;
    }

    /** What the kernels' entry names carry for this precision: nothing for float64, {@code _f32} for float32. */
    public String entrySuffix() {
        return entrySuffix;
    }

    /**
     * The precision named {@code name} ({@code float64}/{@code double} or {@code float32}/{@code float}).
     *
     * @throws IllegalArgumentException with one line naming the allowed values
     */
    public static Precision parse(String name) {
        String key = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        return switch (key) {
            case "float64", "double", "f64" -> FLOAT64;
            case "float32", "float", "f32" -> FLOAT32;
            default -> throw new IllegalArgumentException("unknown precision '" + name + "': expected float64 or float32");
        };
    }
}
