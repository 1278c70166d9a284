package manynuts.cli;

import java.io.PrintWriter;
import manynuts.models.stan.syntax.StanException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code manynuts} command line: one subcommand per task, one clear line and exit code 2 on bad input. */
@Command(name = "manynuts", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Many-chain NUTS: thousands of chains of one model at once, on the CPU or a GPU.",
        subcommands = {SampleCommand.class, CheckCommand.class, PosteriorDbCommand.class, DiagnoseCommand.class, ExactCommand.class, BenchCommand.class,
                DevicesCommand.class, SummaryCommand.class, ModelsCommand.class, ReportCommand.class, DemoCommand.class,
                CompletionCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    /** Exit code for bad input: arguments, data files, settings. */
    public static final int BAD_INPUT = 2;
    /** Exit code for a run that failed after its input was accepted. */
    public static final int FAILED = 1;

    public static void main(String[] args) {
        // A thread of no pool that runs out of memory says so in one line, as the command's own thread does.
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
            if (error instanceof OutOfMemoryError) {
                System.err.println("error: " + Errors.oneLine(error));
            } else {
                // What the JVM prints without a handler: anything else is a defect, and its trace says where.
                System.err.print("Exception in thread \"" + thread.getName() + "\" ");
                error.printStackTrace(System.err);
            }
        });
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams and returns the exit code (for tests and main). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler((exception, arguments) -> {
            CommandLine command = exception.getCommandLine();
            command.getErr().println("error: " + exception.getMessage().strip().replace('\n', ' ')
                    + " (see '" + command.getCommandSpec().qualifiedName() + " --help')");
            return BAD_INPUT;
        });
        commandLine.setExecutionExceptionHandler((exception, command, parseResult) -> {
            if (exception instanceof StanException program) {
                // FILE:LINE:COLUMN: what is wrong, then the line and a caret under the column, as compilers print.
                command.getErr().println("error: " + program.getMessage());
                return BAD_INPUT;
            }
            command.getErr().println("error: " + Errors.oneLine(exception));
            return Errors.isBadInput(exception) ? BAD_INPUT : FAILED;
        });
        try {
            return commandLine.execute(args);
        } catch (OutOfMemoryError e) {
            // picocli hands only Exceptions to the handler above; the draws and stacks that filled the heap are gone.
            err.println("error: " + Errors.oneLine(e));
            return BAD_INPUT;
        }
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** The version Maven built in, as run.json records it. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"manynuts " + version()};
        }

        static String version() {
            return manynuts.output.ManynutsVersion.current();
        }
    }
}
