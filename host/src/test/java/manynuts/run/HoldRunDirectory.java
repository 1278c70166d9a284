package manynuts.run;

import java.nio.file.Path;

/**
 * Another process writing a run directory, for tests: takes the directory's lock as a run does, says "held" on
 * standard output, and keeps it until its standard input closes.
 */
public final class HoldRunDirectory {
    private HoldRunDirectory() {
    }

    public static void main(String[] args) throws Exception {
        try (RunDirectory run = RunDirectory.create(Path.of(args[0]), true)) {
            System.out.println("held");
            System.out.flush();
            while (System.in.read() >= 0) {
                // Hold until the test closes our input.
            }
        }
    }

    /** Starts the holder of {@code directory} and waits until it holds the lock. */
    static Process start(Path directory) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                HoldRunDirectory.class.getName(), directory.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String first = new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream())).readLine();
        if (!"held".equals(first)) {
            holder.destroyForcibly();
            throw new AssertionError("the holder did not take the lock; it said " + first);
        }
        return holder;
    }
}
