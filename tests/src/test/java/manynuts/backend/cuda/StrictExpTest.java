package manynuts.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The device's exp (strict_exp.cuh, which the acceptance statistic sums) is StrictMath.exp bit for bit: the header
 * built for the host as the stand-in's kernels are (g++, -ffp-contract=off) through strict_exp_values.cpp, at every
 * branch edge of fdlibm's method and on random doubles.
 */
class StrictExpTest {
    private static final Path NATIVE = Path.of("src", "test", "native").toAbsolutePath();
    private static final Path KERNELS = Path.of("..", "kernels", "src", "main", "cuda").toAbsolutePath().normalize();
    private static final double LN2 = 0x1.62e42fefa39efp-1;

    @Test
    void equalsStrictMathExpBitForBit() throws Exception {
        List<Double> inputs = edges();
        SplittableRandom random = new SplittableRandom(20261206L);
        for (int i = 0; i < 300_000; i++) {
            inputs.add(-750.0 + 1460.0 * random.nextDouble());
        }
        // Magnitudes from 2^-60 to 2^10, where the reduction's branches (|x| < 2^-28, k = 0, k = +-1) lie.
        for (int i = 0; i < 100_000; i++) {
            double x = Math.scalb(1.0 + random.nextDouble(), random.nextInt(-60, 10));
            inputs.add(random.nextBoolean() ? x : -x);
        }
        List<Double> device = strictExp(inputs);
        int mismatches = 0;
        StringBuilder first = new StringBuilder();
        for (int i = 0; i < inputs.size(); i++) {
            double x = inputs.get(i);
            long expected = Double.doubleToLongBits(StrictMath.exp(x));
            long actual = Double.doubleToLongBits(device.get(i));
            if (expected != actual) {
                if (mismatches++ < 10) {
                    first.append(String.format("%nexp(%s = %a): StrictMath %s, strict_exp %s", x, x,
                            Double.longBitsToDouble(expected), Double.longBitsToDouble(actual)));
                }
            }
        }
        assertEquals(0, mismatches, mismatches + " of " + inputs.size() + " differ, the first:" + first);
    }

    /** Both sides of every test fdlibm's exp makes on x. */
    private static List<Double> edges() {
        List<Double> edges = new ArrayList<>();
        double overflow = 0x1.62e42fefa39efp9;
        double underflow = -0x1.74910d52d3051p9;
        double[] points = {0.0, Double.MIN_VALUE, 0x1.0p-28, Double.longBitsToDouble(0x3fd62e42ffffffffL),
                Double.longBitsToDouble(0x3fd62e4300000000L), Double.longBitsToDouble(0x3ff0a2b1ffffffffL),
                Double.longBitsToDouble(0x3ff0a2b200000000L), 0x1.62e42p9, 709.44, 709.5, overflow, -underflow,
                Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NaN,
                // x = k ln 2 at k = -1021 and -1022, and the halfway points where the rounded k changes.
                1021 * LN2, 1021.5 * LN2, 1022 * LN2, 1022.5 * LN2, 1020.5 * LN2, 1024 * LN2, 1023.5 * LN2};
        for (double point : points) {
            for (double x : new double[] {point, Math.nextUp(point), Math.nextDown(point)}) {
                edges.add(x);
                edges.add(-x);
            }
        }
        edges.add(overflow);
        edges.add(Math.nextUp(overflow));
        edges.add(Math.nextDown(overflow));
        edges.add(underflow);
        edges.add(Math.nextUp(underflow));
        edges.add(Math.nextDown(underflow));
        return edges;
    }

    /** Runs strict_exp_values on the inputs, built into target/strict-exp when its sources are newer. */
    private static List<Double> strictExp(List<Double> inputs) throws IOException, InterruptedException {
        Path work = Path.of("target", "strict-exp").toAbsolutePath();
        Files.createDirectories(work);
        Path program = work.resolve("strict_exp_values");
        Path source = NATIVE.resolve("strict_exp_values.cpp");
        Path header = KERNELS.resolve("strict_exp.cuh");
        if (!Files.exists(program)
                || Files.getLastModifiedTime(program).compareTo(Files.getLastModifiedTime(source)) < 0
                || Files.getLastModifiedTime(program).compareTo(Files.getLastModifiedTime(header)) < 0) {
            assumeTrue(onPath("g++"), "no g++ to build strict_exp.cuh for the host");
            Process build = new ProcessBuilder("g++", "-std=c++17", "-O2", "-ffp-contract=off", "-Wall", "-Werror",
                    "-I" + NATIVE, "-I" + KERNELS, "-o", program.toString(), source.toString())
                    .redirectErrorStream(true).start();
            String output = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, build.waitFor(), "the host build of strict_exp.cuh failed:\n" + output);
        }
        Path in = work.resolve("inputs.txt");
        StringBuilder lines = new StringBuilder(inputs.size() * 17);
        for (double x : inputs) {
            lines.append(String.format("%016x%n", Double.doubleToRawLongBits(x)));
        }
        Files.writeString(in, lines);
        Path out = work.resolve("outputs.txt");
        Process run = new ProcessBuilder(program.toString()).redirectInput(in.toFile()).redirectOutput(out.toFile())
                .redirectErrorStream(false).start();
        assertEquals(0, run.waitFor(), "strict_exp_values failed");
        List<Double> results = new ArrayList<>(inputs.size());
        for (String line : Files.readAllLines(out)) {
            results.add(Double.longBitsToDouble(Long.parseUnsignedLong(line.trim(), 16)));
        }
        assertEquals(inputs.size(), results.size(), "one result per input");
        return results;
    }

    private static boolean onPath(String command) {
        try {
            return new ProcessBuilder(command, "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
