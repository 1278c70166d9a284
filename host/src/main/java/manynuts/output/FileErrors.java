package manynuts.output;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Failed file operations told in words: which file, and what the system said ("permission denied", "no space left
 * on device"), where the exceptions carry only a path ({@link AccessDeniedException}) or only the reason (a full
 * disk's "No space left on device").
 */
public final class FileErrors {
    /** java.io's form, "PATH (Permission denied)". */
    private static final Pattern IO_REASON = Pattern.compile(".*\\(([^()]+)\\)\\s*$");

    private FileErrors() {
    }

    /**
     * {@code error} as one line saying what could not be done to which file and why, "cannot write F: why", with the
     * path the system names where it is another one (a directory made inside a file: "not a directory (at P)").
     */
    public static IOException cannot(String action, Path file, IOException error) {
        String message = "cannot " + action + " " + file + ": " + reason(error);
        if (error instanceof FileSystemException system && system.getFile() != null
                && !Path.of(system.getFile()).toAbsolutePath().normalize().equals(file.toAbsolutePath().normalize())) {
            message += " (at " + system.getFile() + ")";
        }
        return new IOException(message, error);
    }

    /** What went wrong, in lower-case words, without the path. */
    public static String reason(IOException error) {
        if (error instanceof FileSystemException system) {
            return words(system);
        }
        if (error instanceof FileNotFoundException missing && missing.getMessage() != null) {
            Matcher matcher = IO_REASON.matcher(missing.getMessage());
            if (matcher.matches()) {
                return lowerFirst(matcher.group(1));
            }
        }
        // Wrappers such as ImageIO's "I/O error writing PNG file!" keep the system's reason in their cause.
        if (error.getCause() instanceof IOException cause) {
            return reason(cause);
        }
        String message = error.getMessage();
        return message == null || message.isBlank() ? error.getClass().getSimpleName() : lowerFirst(message.strip());
    }

    private static String words(FileSystemException error) {
        if (error.getReason() != null) {
            return lowerFirst(error.getReason());
        }
        if (error instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (error instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (error instanceof FileAlreadyExistsException) {
            return "already exists";
        }
        if (error instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (error instanceof DirectoryNotEmptyException) {
            return "directory not empty";
        }
        return error.getClass().getSimpleName();
    }

    /**
     * Whether {@code error}'s message names no file: a failed write ("No space left on device", "Disk quota
     * exceeded", "Input/output error") reported by a stream that no longer knows its path.
     */
    public static boolean namesNoFile(Throwable error) {
        // The system's errors on an open stream come as plain IOExceptions, of no cause, with its words for the error.
        return error != null && error.getClass() == IOException.class && error.getCause() == null
                && error.getMessage() != null
                && !error.getMessage().contains("/") && !error.getMessage().contains("\\");
    }

    private static String lowerFirst(String text) {
        if (text.length() > 1 && Character.isUpperCase(text.charAt(0)) && Character.isLowerCase(text.charAt(1))) {
            return text.substring(0, 1).toLowerCase(Locale.ROOT) + text.substring(1);
        }
        return text;
    }
}
