package manynuts.diagnostics.draws;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Splits one CSV line into fields (RFC 4180 quoting, as R's write.csv produces) and parses R's number spellings. */
public final class CsvFields {

    private CsvFields() {
    }

    /**
     * The fields of {@code line}; quotes around a field are removed and doubled quotes inside it become one.
     *
     * @throws DiagnosticsInputException naming {@code source} and {@code lineNumber} if a quote is left open
     */
    public static List<String> split(String line, String source, long lineNumber) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString().strip());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw DiagnosticsInputException.at(source, lineNumber, "unterminated quoted field");
        }
        fields.add(field.toString().strip());
        return fields;
    }

    /**
     * Refuses a header that names a column twice: which of the two holds the variable cannot be told.
     *
     * @throws DiagnosticsInputException naming {@code source}, {@code lineNumber} and the column
     */
    static void requireDistinct(List<String> header, String source, long lineNumber) {
        Map<String, Integer> seen = new HashMap<>();
        for (int column = 0; column < header.size(); column++) {
            Integer earlier = seen.putIfAbsent(header.get(column), column);
            if (earlier != null) {
                throw DiagnosticsInputException.at(source, lineNumber, "column " + header.get(column)
                        + " appears twice (columns " + (earlier + 1) + " and " + (column + 1) + ")");
            }
        }
    }

    /**
     * Parses a draw: decimal numbers, and R's NA, NaN, Inf and -Inf (NA becomes NaN).
     *
     * @throws DiagnosticsInputException naming the source, line and column if the text is not a number
     */
    public static double parseNumber(String text, String source, long lineNumber, String column) {
        switch (text) {
            case "NA":
            case "NaN":
            case "nan":
                return Double.NaN;
            case "Inf":
            case "inf":
            case "Infinity":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
            case "-inf":
            case "-Infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                break;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw DiagnosticsInputException.at(source, lineNumber,
                    "column " + column + ": '" + text + "' is not a number");
        }
    }

    /** Parses a positive whole number such as a chain or iteration index. */
    static int parseIndex(String text, String source, long lineNumber, String column) {
        try {
            int value = Integer.parseInt(text);
            if (value < 1) {
                throw DiagnosticsInputException.at(source, lineNumber,
                        "column " + column + ": " + value + " is not a positive index");
            }
            return value;
        } catch (NumberFormatException e) {
            throw DiagnosticsInputException.at(source, lineNumber,
                    "column " + column + ": '" + text + "' is not a whole number");
        }
    }
}
