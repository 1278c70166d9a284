package manynuts.output;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The version of manynuts that is running, as Maven wrote it into {@code manynuts/version.properties} at build
 * time: the same from the jar and from {@code target/classes}, where a manifest's Implementation-Version is absent.
 */
public final class ManynutsVersion {
    private static final String RESOURCE = "/manynuts/version.properties";
    private static final String UNKNOWN = "development";
    private static final String VERSION = read();

    private ManynutsVersion() {
    }

    /** The project's version, e.g. {@code 0.1.0-SNAPSHOT}; "development" if the resource was not built. */
    public static String current() {
        return VERSION;
    }

    private static String read() {
        try (InputStream in = ManynutsVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return UNKNOWN;
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "").strip();
            // An unfiltered copy (an IDE that skips Maven's resource filtering) still says ${project.version}.
            return version.isEmpty() || version.startsWith("${") ? UNKNOWN : version;
        } catch (IOException e) {
            return UNKNOWN;
        }
    }
}
