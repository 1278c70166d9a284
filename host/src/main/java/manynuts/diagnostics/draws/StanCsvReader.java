package manynuts.diagnostics.draws;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Stan CSV output, one file per chain: comment lines start with #, then a header row, then one row per
 * draw. Columns ending in {@code __} are sampler statistics; the rest are variables, named {@code theta[1]} whether
 * the file wrote {@code theta.1} (CmdStan) or {@code theta[1]}. If warm-up draws were saved ({@code save_warmup}),
 * they are dropped using {@code num_warmup} (rstan: {@code warmup}) and {@code thin} from the comments.
 */
public final class StanCsvReader {

    private static final Pattern SETTING = Pattern.compile("^#\\s*(\\w+)\\s*=\\s*(\\S+)");

    private StanCsvReader() {
    }

    /**
     * Draws and sampler statistics read from Stan CSV files.
     *
     * @param draws   the variables
     * @param sampler the sampler's columns ({@code lp__}, {@code accept_stat__}, ...) in file order
     */
    public record StanRun(PosteriorDraws draws, PosteriorDraws sampler, int maxTreeDepth) {

        /** The statistics the sampler's warnings read. */
        public SamplerColumns stats() {
            return SamplerColumns.of(sampler);
        }
    }

    /** One chain's file: header, draws after warm-up as rows, settings found in the comments. */
    private record ChainFile(String source, List<String> header, long headerLine, List<double[]> rows,
            int maxTreeDepth) {
    }

    // Files equal byte for byte are one chain given twice: counting it twice would halve R-hat's doubts.
    private static final String CONTENT_DIGEST = "SHA-256";

    /** Reads one chain per file; every problem is a {@link DiagnosticsInputException} naming file and line. */
    public static StanRun read(List<Path> files) {
        if (files.isEmpty()) {
            throw new DiagnosticsInputException("no Stan CSV files given");
        }
        requireDistinctFiles(files);
        List<ChainFile> chains = new ArrayList<>();
        Map<String, Path> byContent = new HashMap<>();
        for (Path file : files) {
            MessageDigest digest = contentDigest();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                    new DigestInputStream(Files.newInputStream(file), digest), StandardCharsets.UTF_8.newDecoder()))) {
                chains.add(readChain(reader, file.toString()));
                // The rest of the file (text after the last row) counts too.
                reader.transferTo(Writer.nullWriter());
            } catch (IOException e) {
                throw new DiagnosticsInputException(file + ": cannot read: " + e.getMessage());
            }
            Path same = byContent.putIfAbsent(HexFormat.of().formatHex(digest.digest()), file);
            if (same != null) {
                throw new DiagnosticsInputException(file + " has the same content as " + same
                        + ": one chain given twice");
            }
        }
        ChainFile first = chains.get(0);
        for (ChainFile chain : chains) {
            if (!chain.header().equals(first.header())) {
                throw DiagnosticsInputException.at(chain.source(), chain.headerLine(),
                        "columns differ from those of " + first.source());
            }
            if (chain.rows().size() != first.rows().size()) {
                throw new DiagnosticsInputException(chain.source() + ": " + chain.rows().size()
                        + " draws but " + first.source() + " has " + first.rows().size()
                        + "; chains must have equal length");
            }
        }
        return assemble(chains);
    }

    /** Refuses a file named twice, however it is spelled (a relative path, a link): one line naming it. */
    private static void requireDistinctFiles(List<Path> files) {
        Map<Path, Path> byLocation = new HashMap<>();
        for (Path file : files) {
            Path location;
            try {
                location = file.toRealPath();
            } catch (IOException e) {
                location = file.toAbsolutePath().normalize(); // reading it says what is wrong
            }
            Path same = byLocation.putIfAbsent(location, file);
            if (same != null) {
                throw new DiagnosticsInputException(file + (same.equals(file) ? "" : " is the file " + same + ",")
                        + " given twice; give each chain's file once");
            }
        }
    }

    private static MessageDigest contentDigest() {
        try {
            return MessageDigest.getInstance(CONTENT_DIGEST);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(CONTENT_DIGEST + " is part of every Java runtime", e);
        }
    }

    private static ChainFile readChain(BufferedReader reader, String source) throws IOException {
        List<String> header = null;
        long headerLine = 0;
        List<double[]> rows = new ArrayList<>();
        boolean saveWarmup = false;
        int warmup = 0;
        int rstanWarmup = -1;
        int thin = 1;
        int maxTreeDepth = 10;
        long lineNumber = 0;
        String line;
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("#")) {
                Matcher setting = SETTING.matcher(line);
                if (header == null && setting.find()) {
                    String value = setting.group(2);
                    switch (setting.group(1)) {
                        case "save_warmup" -> saveWarmup = value.equals("1") || value.equals("true");
                        case "num_warmup" -> warmup = parseSetting(value, source, lineNumber);
                        // rstan's sample_file spells CmdStan's num_warmup and max_depth its own way.
                        case "warmup" -> rstanWarmup = parseSetting(value, source, lineNumber);
                        case "thin" -> thin = Math.max(1, parseSetting(value, source, lineNumber));
                        case "max_depth", "max_treedepth" -> maxTreeDepth = parseSetting(value, source, lineNumber);
                        default -> { }
                    }
                }
                continue;
            }
            if (header == null) {
                // theta.1 as CmdStan writes it and theta[1] are one name: the one diagnose prints.
                header = VariableNames.bracketed(CsvFields.split(line, source, lineNumber));
                CsvFields.requireDistinct(header, source, lineNumber);
                headerLine = lineNumber;
                continue;
            }
            List<String> fields = CsvFields.split(line, source, lineNumber);
            if (fields.size() != header.size()) {
                throw DiagnosticsInputException.at(source, lineNumber,
                        "expected " + header.size() + " fields as in the header, found " + fields.size());
            }
            double[] row = new double[fields.size()];
            for (int column = 0; column < row.length; column++) {
                row[column] = CsvFields.parseNumber(fields.get(column), source, lineNumber, header.get(column));
            }
            rows.add(row);
        }
        if (header == null) {
            throw DiagnosticsInputException.at(source, Math.max(lineNumber, 1), "no header row in Stan CSV file");
        }
        if (rstanWarmup >= 0 && warmup == 0) {
            warmup = rstanWarmup;
        }
        if (saveWarmup) {
            int warmupRows = Math.min(rows.size(), (warmup + thin - 1) / thin);
            rows = new ArrayList<>(rows.subList(warmupRows, rows.size()));
        }
        if (rows.isEmpty()) {
            throw DiagnosticsInputException.at(source, lineNumber, "no draws after the header");
        }
        return new ChainFile(source, header, headerLine, rows, maxTreeDepth);
    }

    private static int parseSetting(String value, String source, long lineNumber) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw DiagnosticsInputException.at(source, lineNumber, "setting value '" + value + "' is not a number");
        }
    }

    private static StanRun assemble(List<ChainFile> chains) {
        List<String> header = chains.get(0).header();
        int length = chains.get(0).rows().size();
        List<double[][]> values = new ArrayList<>();
        for (int column = 0; column < header.size(); column++) {
            double[][] byChain = new double[chains.size()][length];
            for (int chain = 0; chain < chains.size(); chain++) {
                List<double[]> rows = chains.get(chain).rows();
                for (int t = 0; t < length; t++) {
                    byChain[chain][t] = rows.get(t)[column];
                }
            }
            values.add(byChain);
        }
        PosteriorDraws all = new PosteriorDraws(header, values);
        return new StanRun(all.variablesOnly(), all.samplerOnly(), chains.get(0).maxTreeDepth());
    }
}
