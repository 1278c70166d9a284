package manynuts.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A text file written in whole rows only. Rows gather in memory and reach the file in writes that end where a row
 * ends, at the latest when {@link #flush} is called (a run flushes every second) or when a megabyte has gathered.
 * A write that fails part way (a full disk) is cut back to the last whole row it wrote before the error is thrown, so
 * whatever stops the program, kill -9 included, leaves a file of whole rows. Safe for concurrent {@link #add}s.
 */
public final class RowFile implements AutoCloseable {
    private static final int FLUSH_BYTES = 1 << 20;

    private final Path file;
    private final FileChannel channel;
    private final StringBuilder pending = new StringBuilder();
    /** Bytes of whole rows on disk. */
    private long written;
    /** The write that failed, after which nothing more is written. */
    private IOException failure;

    private RowFile(Path file, FileChannel channel, long written) {
        this.file = file;
        this.channel = channel;
        this.written = written;
    }

    /** A new file (an existing one is emptied) that holds {@code header}, a whole line, from this moment on. */
    static RowFile create(Path file, String header) throws IOException {
        RowFile rows = new RowFile(file, FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING), 0);
        rows.add(header);
        rows.flush();
        return rows;
    }

    /** An existing file of whole rows, to which rows are appended. */
    static RowFile append(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE);
        return new RowFile(file, channel, channel.size());
    }

    Path file() {
        return file;
    }

    /** Adds one row, a line ending in {@code '\n'}. */
    synchronized void add(CharSequence row) {
        if (failure != null) {
            throw new UncheckedIOException(failure);
        }
        pending.append(row);
        if (pending.length() >= FLUSH_BYTES) {
            try {
                flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Writes every gathered row. */
    public synchronized void flush() throws IOException {
        if (failure != null) {
            throw failure;
        }
        if (pending.length() == 0) {
            return;
        }
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(pending));
        try {
            while (bytes.hasRemaining()) {
                channel.write(bytes, written + bytes.position());
            }
        } catch (IOException e) {
            try {
                // Keep the whole rows that did reach the file, and cut the rest.
                int end = bytes.position();
                while (end > 0 && bytes.get(end - 1) != '\n') {
                    end--;
                }
                written += end;
                channel.truncate(written);
            } catch (IOException ignored) {
                // The file keeps a cut row; readers drop a cut last row.
            }
            failure = new IOException("cannot write " + file + ": " + reason(e), e);
            throw failure;
        }
        written += bytes.limit();
        pending.setLength(0);
    }

    /** Writes every gathered row and forces the file to the disk. */
    public synchronized void force() throws IOException {
        flush();
        channel.force(false);
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            if (failure == null) {
                flush();
            }
        } finally {
            channel.close();
        }
    }

    private static String reason(IOException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName()
                : message.substring(0, 1).toLowerCase(java.util.Locale.ROOT) + message.substring(1);
    }
}
