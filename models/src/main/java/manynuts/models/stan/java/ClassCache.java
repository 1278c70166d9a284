package manynuts.models.stan.java;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Compiled programs kept on disk between runs, one folder of class files per program text and compiler build, so
 * that a program compiled once starts sampling without javac next time. The folder is
 * {@code $MANYNUTS_CACHE/stan}, else {@code $XDG_CACHE_HOME/manynuts/stan}, else {@code ~/.cache/manynuts/stan};
 * a cache that cannot be read or written is skipped silently (it only saves time).
 */
public final class ClassCache {
    private ClassCache() {
    }

    /** The cache folder. */
    public static Path folder() {
        String own = System.getenv("MANYNUTS_CACHE");
        if (own != null && !own.isBlank()) {
            return Path.of(own, "stan");
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("manynuts").resolve("stan");
    }

    /** The class files stored under {@code key}, or null when there are none (or they cannot be read). */
    public static Map<String, byte[]> load(String key) {
        Path dir = folder().resolve(key);
        if (!Files.isDirectory(dir)) {
            return null;
        }
        Map<String, byte[]> files = new HashMap<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path file : (Iterable<Path>) entries::iterator) {
                String name = file.getFileName().toString();
                if (name.endsWith(".class")) {
                    files.put(name.substring(0, name.length() - ".class".length()), Files.readAllBytes(file));
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return files.isEmpty() ? null : files;
    }

    /** Stores class files under {@code key}: written to a temporary folder, then moved into place whole. */
    public static void store(String key, Map<String, byte[]> files) {
        Path dir = folder();
        Path temporary = null;
        try {
            Files.createDirectories(dir);
            temporary = Files.createTempDirectory(dir, key + ".tmp");
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                Files.write(temporary.resolve(file.getKey() + ".class"), file.getValue());
            }
            try {
                Files.move(temporary, dir.resolve(key), StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, dir.resolve(key));
            }
            temporary = null;
        } catch (IOException | RuntimeException e) {
            // Another process stored the same key first, or the cache is not writable: compiling again is correct.
        } finally {
            if (temporary != null) {
                try (Stream<Path> entries = Files.list(temporary)) {
                    for (Path file : (Iterable<Path>) entries::iterator) {
                        Files.deleteIfExists(file);
                    }
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // Nothing more to do: a stray temporary folder is harmless.
                }
            }
        }
    }
}
