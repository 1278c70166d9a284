package manynuts.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import manynuts.models.ModelException;
import manynuts.models.stan.StanModel;
import manynuts.models.stan.StanModels;
import manynuts.models.stan.ir.IrText;
import manynuts.models.stan.ir.IrVar;
import manynuts.models.stan.ir.LoweredProgram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code check FILE.stan [--data FILE]}: parses and type-checks a Stan program and prints its parameters, their
 * constraints and its outputs; with data, compiles it, reports the unconstrained dimension and evaluates the log
 * density and gradient at one random point.
 */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Parse and type-check a Stan program; print its parameters, constraints and outputs. With "
                + "--data, compile it and evaluate the log density and gradient at one point.")
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE.stan", description = "The Stan program.")
    Path program;

    @Option(names = "--data", paramLabel = "FILE", description = "Data in CmdStan's JSON layout.")
    Path data;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the random point (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (!StanModels.isProgram(program.toString())) {
            throw new UsageException(program + ": a Stan program's file name ends in .stan");
        }
        String text = StanModels.read(program);
        long start = System.nanoTime();
        LoweredProgram lowered = StanModels.lower(program.toString(), text);
        out.printf(Locale.ROOT, "%s: parsed and type-checked in %.0f ms%n", program, (System.nanoTime() - start) / 1e6);
        out.println("parameters:");
        List<String[]> rows = new ArrayList<>();
        for (LoweredProgram.Parameter p : lowered.parameters()) {
            rows.add(new String[] {p.variable().stanName(), IrText.type(p.variable()), p.constraint(),
                    IrText.of(p.size())});
        }
        table(out, new String[] {"name", "type", "constraint", "unconstrained"}, rows);
        List<String> outputs = new ArrayList<>();
        for (IrVar v : lowered.outputs()) {
            outputs.add(v.stanName() + " (" + IrText.type(v) + ")");
        }
        out.println("outputs: " + String.join(", ", outputs));
        out.println("unconstrained dimension: " + IrText.of(lowered.dimension()));
        if (data == null) {
            out.println("(pass --data FILE to compile the program and evaluate it at a point)");
            out.flush();
            return 0;
        }
        start = System.nanoTime();
        StanModel model = StanModels.compile(program, data);
        double compileSeconds = (System.nanoTime() - start) / 1e9;
        out.printf(Locale.ROOT, "compiled with %s in %.2f s: dimension %d, %d outputs%n", data, compileSeconds,
                model.dimension(), model.outputNames().size());
        evaluate(out, model);
        out.flush();
        return 0;
    }

    /** The log density and gradient at a point uniform in (-2, 2), as a sampler's first point is drawn. */
    private void evaluate(PrintWriter out, StanModel model) {
        Random random = new Random(seed);
        double[] u = new double[model.dimension()];
        double[] g = new double[model.dimension()];
        for (int attempt = 0; attempt < 100; attempt++) {
            for (int i = 0; i < u.length; i++) {
                u[i] = 4.0 * random.nextDouble() - 2.0;
            }
            double lp = model.logDensityGradientAt(u, 0, g, new double[1]);
            if (Double.isFinite(lp)) {
                double norm = 0.0;
                for (double x : g) {
                    norm += x * x;
                }
                out.printf(Locale.ROOT, "log density at a random point in (-2, 2): %.6g; gradient norm %.6g%n", lp,
                        Math.sqrt(norm));
                return;
            }
        }
        String why = model.rejection(u);
        throw new ModelException(program + ": no finite log density at 100 random points in (-2, 2)"
                + (why == null ? "" : "; the last was rejected: " + why));
    }

    private static void table(PrintWriter out, String[] header, List<String[]> rows) {
        int[] widths = new int[header.length];
        for (int k = 0; k < header.length; k++) {
            widths[k] = header[k].length();
            for (String[] row : rows) {
                widths[k] = Math.max(widths[k], row[k].length());
            }
        }
        List<String[]> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        for (String[] row : all) {
            StringBuilder line = new StringBuilder("  ");
            for (int k = 0; k < row.length; k++) {
                line.append(String.format(Locale.ROOT, "%-" + widths[k] + "s", row[k]));
                if (k < row.length - 1) {
                    line.append("  ");
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
