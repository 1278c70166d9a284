package manynuts.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * The exclusive lock of a run directory, held by the run that writes it: an operating-system lock on
 * {@code DIR/.lock}, which holds that run's process id. The lock goes when the run closes it or its process ends
 * (even by kill -9); the file stays, and without the lock it means nothing.
 */
final class RunLock implements AutoCloseable {
    /** The lock file's name in a run directory; never part of a run. */
    static final String FILE_NAME = ".lock";

    /**
     * Directories this JVM holds, by real path. A second channel on a locked file must never be opened here: closing
     * it would drop the process's operating-system lock on the file (POSIX locks belong to the process).
     */
    private static final Set<Path> HELD = new HashSet<>();

    private final Path directory;
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(Path directory, FileChannel channel, FileLock lock) {
        this.directory = directory;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of {@code directory}, which must exist, and writes this process's id into the lock file.
     *
     * @throws IllegalArgumentException naming the process that holds it, when another run holds it
     */
    static RunLock take(Path directory) throws IOException {
        Path key = directory.toRealPath();
        synchronized (HELD) {
            if (HELD.contains(key)) {
                throw beingWritten(directory, ProcessHandle.current().pid());
            }
            Path file = directory.resolve(FILE_NAME);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = tryLock(channel);
                if (lock == null) {
                    throw beingWritten(directory, ownerOf(file));
                }
                channel.truncate(0);
                String owner = ProcessHandle.current().pid() + "\n";
                channel.write(ByteBuffer.wrap(owner.getBytes(StandardCharsets.US_ASCII)));
                channel.force(false);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            HELD.add(key);
            return new RunLock(key, channel, lock);
        }
    }

    /**
     * Refuses, naming the process, when a run holds the lock of {@code directory}; a directory without a lock file, or
     * one nobody holds, passes. Creates nothing.
     */
    static void refuseIfHeld(Path directory) throws IOException {
        Path file = directory.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return;
        }
        synchronized (HELD) {
            if (HELD.contains(directory.toRealPath())) {
                throw beingWritten(directory, ProcessHandle.current().pid());
            }
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                FileLock probe = tryLock(channel);
                if (probe == null) {
                    throw beingWritten(directory, ownerOf(file));
                }
                probe.release();
            } catch (NoSuchFileException gone) {
                // The run that held it removed its directory meanwhile: nobody holds it.
            }
        }
    }

    /** The lock, or null when another process holds it. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldInThisProcess) {
            return null;
        }
    }

    /** The process id in the lock file, or -1 when it cannot be read (its run is just starting). */
    private static long ownerOf(Path file) {
        try {
            return Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (IOException | NumberFormatException unreadable) {
            return -1;
        }
    }

    private static IllegalArgumentException beingWritten(Path directory, long pid) {
        return new IllegalArgumentException("output directory " + directory + " is being written by another run"
                + (pid > 0 ? " (pid " + pid + ")" : "") + "; wait for it to finish or choose another --output");
    }

    /** Releases the lock; the lock file stays. */
    @Override
    public void close() throws IOException {
        synchronized (HELD) {
            try {
                if (lock.isValid()) {
                    lock.release();
                }
            } finally {
                channel.close();
                HELD.remove(directory);
            }
        }
    }
}
