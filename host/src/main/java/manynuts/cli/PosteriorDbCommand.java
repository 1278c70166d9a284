package manynuts.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import manynuts.models.stan.StanModels;
import manynuts.nuts.SamplerSettings;
import manynuts.reference.ProgramSweep;
import manynuts.reference.ProgramTable;
import manynuts.reference.ReferencePosterior;
import manynuts.reference.ReferenceRow;
import manynuts.reference.ReferenceRun;
import manynuts.reference.ReferenceTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code posteriordb}: compiles every posteriordb reference posterior's Stan program with its data, samples it and
 * compares the draws with the reference draws by posteriordb's rule; prints one row per posterior.
 */
@Command(name = "posteriordb", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Compile, sample and check every posteriordb reference posterior (model.stan, data.json, "
                + "reference_draws.json.zip in each folder) against its reference draws: |mean difference| within "
                + "5 MCSE, sd within 5 MCSE + 2 %%. Prints one row per posterior; exit status 1 if any fails.")
final class PosteriorDbCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--root", paramLabel = "DIR", description = "posteriordb folder holding reference/ (default: "
            + "shared/posteriordb beside or above the working directory).")
    Path root;

    @Option(names = "--only", paramLabel = "REGEX", description = "Only posteriors whose name matches.")
    String only;

    @Option(names = {"-c", "--chains"}, defaultValue = "64", description = "Chains (default: ${DEFAULT-VALUE}).")
    int chains;

    @Option(names = "--warmup", defaultValue = "1000", description = "Warm-up iterations (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--draws", defaultValue = "1000", description = "Draws per chain (default: ${DEFAULT-VALUE}).")
    int draws;

    @Option(names = "--seed", defaultValue = "20261205", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--target-accept", defaultValue = "0.95", description = "Target acceptance statistic; the "
            + "reference draws were made with 0.95 (default: ${DEFAULT-VALUE}).")
    double targetAccept;

    @Option(names = "--threads", description = "CPU threads (default: every core).")
    Integer threads;

    @Option(names = "--csv", paramLabel = "FILE", description = "Also write the table as CSV.")
    Path csv;

    @Option(names = "--programs", description = "Instead, compile every program of programs/ (the posteriors without "
            + "reference draws) and sample each briefly (default here: 4 chains, 200 warm-up, 200 draws); print which "
            + "compile and sample, and why each other one is refused.")
    boolean programs;

    @Option(names = "--budget-s", defaultValue = "10", paramLabel = "SECONDS", description = "With --programs: a "
            + "program whose run would take longer is sampled with fewer warm-up iterations and draws, at least 10 "
            + "each (default: ${DEFAULT-VALUE}).")
    double budgetSeconds;

    @Option(names = "--markdown", paramLabel = "FILE", description = "With --programs: also write the table in "
            + "Markdown, with the command and the date, between the table's marker lines of FILE (docs/stan.md "
            + "has them), or as a new FILE.")
    Path markdown;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (markdown != null && !programs) {
            throw new UsageException("--markdown is for the --programs table; the reference table has --csv");
        }
        Path folder = root != null ? root : findRoot();
        if (programs) {
            return sweepPrograms(out, folder);
        }
        Path references = folder.resolve("reference");
        if (!Files.isDirectory(references)) {
            throw new UsageException(folder + ": no reference/ folder of posteriordb posteriors");
        }
        Pattern filter;
        try {
            filter = only == null ? null : Pattern.compile(only);
        } catch (PatternSyntaxException e) {
            throw new UsageException("--only: not a regular expression: " + e.getDescription());
        }
        if (chains < 1 || warmup < 0 || draws < 1) {
            throw new UsageException("--chains and --draws must be at least 1, --warmup at least 0");
        }
        SamplerSettings settings = SamplerSettings.defaults(chains, seed).withWarmup(warmup).withDraws(draws)
                .withThreads(threads != null ? threads : Runtime.getRuntime().availableProcessors())
                .withTargetAccept(targetAccept);
        List<ReferenceRow> rows = new ArrayList<>();
        for (Path posterior : ReferencePosterior.folders(references)) {
            if (filter != null && !filter.matcher(posterior.getFileName().toString()).find()) {
                continue;
            }
            ReferenceRow row = ReferenceRun.attempt(posterior,
                    p -> StanModels.compile(p.resolve("model.stan"), p.resolve("data.json")), settings);
            rows.add(row);
            out.print(ReferenceTable.text(List.of(row)).lines().skip(1).findFirst().orElse("") + "\n");
            out.flush();
        }
        if (rows.isEmpty()) {
            throw new UsageException("no posterior in " + references + (only == null ? "" : " matches " + only));
        }
        out.println();
        out.print(ReferenceTable.text(rows));
        if (csv != null) {
            Files.writeString(csv, ReferenceTable.csv(rows));
            out.println("wrote " + csv);
        }
        out.flush();
        return rows.stream().allMatch(ReferenceRow::passed) ? 0 : Main.FAILED;
    }

    private int sweepPrograms(PrintWriter out, Path folder) {
        Path programFolder = folder.resolve("programs");
        if (!Files.isDirectory(programFolder)) {
            throw new UsageException(folder + ": no programs/ folder of posteriordb posteriors");
        }
        List<Path> folders = new ArrayList<>();
        for (Path p : ProgramSweep.programFolders(programFolder)) {
            if (only == null || Pattern.compile(only).matcher(p.getFileName().toString()).find()) {
                folders.add(p);
            }
        }
        if (!(budgetSeconds >= 0)) {
            throw new UsageException("--budget-s must be at least 0, not " + budgetSeconds);
        }
        String page = markdown == null ? null : markdownPage();
        boolean defaults = spec.commandLine().getParseResult().matchedOption("--chains") == null;
        SamplerSettings settings = SamplerSettings.defaults(defaults ? 4 : chains, seed)
                .withWarmup(spec.commandLine().getParseResult().matchedOption("--warmup") == null ? 200 : warmup)
                .withDraws(spec.commandLine().getParseResult().matchedOption("--draws") == null ? 200 : draws)
                .withThreads(threads != null ? threads : Runtime.getRuntime().availableProcessors())
                .withTargetAccept(targetAccept);
        List<ProgramSweep.Outcome> outcomes = ProgramSweep.runAll(folders, settings, budgetSeconds, o -> {
            out.println(o instanceof ProgramSweep.Sampled ? o.posterior() + ": sampled"
                    : o.posterior() + ": " + ((ProgramSweep.Refused) o).reason());
            out.flush();
        });
        out.println();
        out.print(ProgramSweep.table(outcomes));
        if (markdown != null) {
            String command = shellWords(spec.commandLine().getParseResult().originalArgs());
            String block = String.format(java.util.Locale.ROOT, "Written by `./manynuts posteriordb %s` on %s "
                    + "(manynuts %s, %d threads).%n%n%s", command, java.time.LocalDate.now(java.time.ZoneOffset.UTC),
                    manynuts.output.ManynutsVersion.current(), settings.threads(), ProgramTable.markdown(outcomes));
            String text = page == null ? ProgramTable.BEGIN + "\n" + block + ProgramTable.END + "\n"
                    : ProgramTable.replaceBlock(page, block);
            try {
                Files.writeString(markdown, text);
            } catch (IOException e) {
                throw new UsageException(markdown + ": cannot write the table (" + e.getMessage() + ")");
            }
            out.println("wrote " + markdown);
        }
        out.flush();
        return 0;
    }

    /** The arguments as a shell would need them typed: those with other than plain characters in single quotes. */
    private static String shellWords(List<String> arguments) {
        List<String> words = new ArrayList<>();
        for (String a : arguments) {
            words.add(a.matches("[A-Za-z0-9_./:=,+-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return String.join(" ", words).replaceFirst("^posteriordb ", "");
    }

    /** The page the table goes into, checked before the sweep: null for a new file. */
    private String markdownPage() {
        if (!Files.exists(markdown)) {
            Path parent = markdown.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                throw new UsageException("--markdown: " + parent + " is not a folder");
            }
            return null;
        }
        String page;
        try {
            page = Files.readString(markdown);
        } catch (IOException e) {
            throw new UsageException("--markdown: cannot read " + markdown + " (" + e.getMessage() + ")");
        }
        try {
            ProgramTable.replaceBlock(page, "");
        } catch (IllegalArgumentException e) {
            throw new UsageException("--markdown: " + markdown + " " + e.getMessage()
                    + "; name a new file, or add those two lines where the table goes");
        }
        return page;
    }

    private static Path findRoot() {
        return ReferencePosterior.findPosteriorDb().orElseThrow(() -> new UsageException(
                "no shared/posteriordb folder found above the working directory; pass --root DIR"));
    }
}
