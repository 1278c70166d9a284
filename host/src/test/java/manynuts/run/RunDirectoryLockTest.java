package manynuts.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One run writes a run directory at a time: a second writer, forced or not, in this process or another, is refused. */
class RunDirectoryLockTest {
    @TempDir
    Path directory;

    @Test
    void aSecondWriterInTheSameProcessIsRefusedEvenWithForce() throws IOException {
        Path run = directory.resolve("run");
        try (RunDirectory first = RunDirectory.create(run, false)) {
            Files.writeString(first.draws(), "rows of the first run\n");
            List<String> before = listing(run);
            for (boolean force : new boolean[] {false, true}) {
                IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                        () -> RunDirectory.create(run, force));
                assertEquals("output directory " + run + " is being written by another run (pid "
                        + ProcessHandle.current().pid() + "); wait for it to finish or choose another --output",
                        refused.getMessage());
            }
            assertEquals(before, listing(run), "a refused writer writes nothing");
            assertEquals("rows of the first run\n", Files.readString(first.draws()));
        }
        try (RunDirectory second = RunDirectory.create(run, true)) {
            assertEquals(run, second.directory(), "once the first closes, a forced run may take over");
        }
    }

    @Test
    void aSecondWriterInAnotherProcessIsRefusedNamingIt() throws Exception {
        Path run = directory.resolve("run");
        Process holder = HoldRunDirectory.start(run);
        try {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> RunDirectory.create(run, true));
            assertTrue(refused.getMessage().contains("is being written by another run (pid " + holder.pid() + ")"),
                    refused.getMessage());
        } finally {
            holder.getOutputStream().close();
            assertEquals(0, holder.waitFor(), "the holder lets go when its input closes");
        }
        // The operating system dropped the lock with the holder's channel; the file it left is no run.
        try (RunDirectory after = RunDirectory.create(run, false)) {
            assertTrue(Files.exists(run.resolve(".lock")));
        }
    }

    @Test
    void aResumeWaitsForTheRunThatWritesTheDirectory() throws IOException {
        Path run = directory.resolve("run");
        try (RunDirectory first = RunDirectory.create(run, false)) {
            Files.writeString(run.resolve("run.json"), "{\"status\": \"interrupted\"}");
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> RunDirectory.reopenToWrite(run));
            assertTrue(refused.getMessage().contains("is being written by another run"), refused.getMessage());
            RunDirectory.reopen(run).close(); // reading it needs no lock
        }
        try (RunDirectory resumed = RunDirectory.reopenToWrite(run)) {
            assertThrows(IllegalArgumentException.class, () -> RunDirectory.create(run, true),
                    "a resumed run holds the lock as a new one does");
        }
    }

    @Test
    void aLockLeftByAFinishedRunIsNotARun() throws IOException {
        Path run = directory.resolve("run");
        RunDirectory.create(run, false).close();
        assertEquals(List.of(".lock"), listing(run));
        RunDirectory.create(run, false).close();
    }

    private static List<String> listing(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }
}
