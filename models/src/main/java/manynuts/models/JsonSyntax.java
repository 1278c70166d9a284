package manynuts.models;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JSON in the words of a data file's author: where the parser stopped and what to write instead, never the parser
 * library's own settings; and the strings Stan's JSON reads as numbers that JSON cannot spell.
 */
public final class JsonSyntax {

    // The token a parser found where a number or value belongs, as Jackson quotes it.
    private static final Pattern TOKEN = Pattern.compile("^(?:Non-standard|Unrecognized) token '([^']*)'");

    // Jackson's advice to switch on one of its parser features, which a user of the command line cannot do.
    private static final Pattern FEATURE_ADVICE = Pattern.compile(
            ":?\\s*enable `[^`]*` to allow|\\s*\\(not recognized as one since Feature '[^']*' not enabled for parser\\)");

    // Jackson names where an unclosed object or array starts inside a "[Source: ...]" block meant for logs.
    private static final Pattern START_MARKER = Pattern.compile(
            "\\(start marker at \\[Source:.*?; line: (\\d+), column: (\\d+)\\]\\)");

    private JsonSyntax() {
    }

    /** "line L, column C: what is wrong", in one line, for a parse error; without the place when none is known. */
    public static String problem(JsonProcessingException error) {
        String where = where(error);
        return where.isEmpty() ? what(error) : where + ": " + what(error);
    }

    /** Where the parser stopped, as "line L, column C", or "" when it does not say. */
    public static String where(JsonProcessingException error) {
        JsonLocation at = error.getLocation();
        if (at == null || at.getLineNr() < 1) {
            return "";
        }
        // Jackson places a non-standard token's error after the token; the author looks for its start.
        String message = String.valueOf(error.getOriginalMessage());
        Matcher token = TOKEN.matcher(message);
        int column = message.startsWith("Non-standard") && token.find()
                ? Math.max(1, at.getColumnNr() - token.group(1).length()) : at.getColumnNr();
        return "line " + at.getLineNr() + ", column " + column;
    }

    /** What is wrong, in one line and in JSON's terms. */
    public static String what(JsonProcessingException error) {
        return describe(String.valueOf(error.getOriginalMessage()));
    }

    /** Jackson's description of a parse error made plain: non-finite numbers get Stan's spelling. */
    static String describe(String parserMessage) {
        String message = parserMessage.replaceAll("\\s*\\R\\s*", " ").strip();
        Matcher token = TOKEN.matcher(message);
        if (token.find()) {
            String advice = stanSpelling(token.group(1));
            if (advice != null) {
                return advice;
            }
        }
        if (message.contains("'+'") && message.contains("plus sign")) {
            return "a JSON number does not start with '+'";
        }
        if (message.contains("ALLOW_COMMENTS")) {
            return "JSON has no comments";
        }
        message = START_MARKER.matcher(message).replaceAll("(opened at line $1, column $2)");
        return FEATURE_ADVICE.matcher(message).replaceAll("").strip();
    }

    /** What to write for a bare non-finite token, or null when the token is not one. */
    private static String stanSpelling(String token) {
        String bare = token.startsWith("-") || token.startsWith("+") ? token.substring(1) : token;
        boolean negative = token.startsWith("-");
        String spelling;
        if (bare.equalsIgnoreCase("nan")) {
            spelling = "NaN";
        } else if (bare.equalsIgnoreCase("inf") || bare.equalsIgnoreCase("infinity")) {
            spelling = negative ? "-Inf" : "Inf";
        } else if (bare.equals("NA")) {
            return "NA is not a JSON number, and Stan data have no missing values";
        } else {
            return null;
        }
        return token + " is not a JSON number; write \"" + spelling + "\" (a string) as Stan's JSON does";
    }

    /**
     * The value of a string Stan's JSON reads as a number: "NaN", "Inf", "-Inf", "Infinity", "-Infinity" (and
     * lower-case inf); null for any other text.
     */
    public static Double nonFinite(String text) {
        switch (text) {
            case "NaN":
                return Double.NaN;
            case "Inf":
            case "Infinity":
            case "inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
            case "-Infinity":
            case "-inf":
                return Double.NEGATIVE_INFINITY;
            default:
                return null;
        }
    }
}
