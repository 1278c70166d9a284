package manynuts.models.stan.syntax;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the text of a Stan program into tokens with their 1-based line and column, skipping white space and the
 * three kinds of comment ({@code //}, {@code /* ... *}{@code /} and the old {@code #}).
 */
public final class StanLexer {

    /**
     * The operators and punctuation, longest first so that the first that matches is the longest (maximal munch:
     * {@code .*=} before {@code .*}, {@code <=} before {@code <}).
     */
    private static final String[] SYMBOLS = {
        "%/%", ".*=", "./=",
        "<-", "&&", "||", "==", "!=", "<=", ">=", "+=", "-=", "*=", "/=", ".*", "./", ".^",
        "+", "-", "*", "/", "%", "\\", "^", "'", "!", "<", ">", "=", "~", "?", ":", "|", ",", ";",
        "(", ")", "[", "]", "{", "}",
    };

    private final SourceText source;
    private final String text;
    private int offset;
    private int line = 1;
    private int column = 1;

    private StanLexer(SourceText source) {
        this.source = source;
        this.text = source.text();
    }

    /** The tokens of the program, ending with one {@link Token.Kind#END} token. */
    public static List<Token> tokenize(SourceText source) {
        return new StanLexer(source).run();
    }

    private List<Token> run() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            skipSpaceAndComments();
            SourcePos start = here();
            if (offset >= text.length()) {
                tokens.add(new Token(Token.Kind.END, "", start, start));
                return tokens;
            }
            char c = text.charAt(offset);
            Token token;
            if (Character.isLetter(c) || c == '_') {
                token = identifier(start);
            } else if (isDigit(c) || (c == '.' && isDigit(charAt(offset + 1)))) {
                token = number(start);
            } else if (c == '"') {
                token = string(start);
            } else {
                token = symbol(start);
            }
            tokens.add(token);
        }
    }

    private void skipSpaceAndComments() {
        while (offset < text.length()) {
            char c = text.charAt(offset);
            if (c == '\n' || c == '\r' || c == ' ' || c == '\t' || c == '\f') {
                advance();
            } else if (c == '/' && charAt(offset + 1) == '/') {
                skipToEndOfLine();
            } else if (c == '#') {
                // "#include" splices in another file; taking it for a comment would silently drop code.
                if (text.startsWith("#include", offset)) {
                    throw new StanException(source, here(), "#include is not supported: paste the included file in");
                }
                skipToEndOfLine();
            } else if (c == '/' && charAt(offset + 1) == '*') {
                SourcePos start = here();
                advance();
                advance();
                while (!(charAt(offset) == '*' && charAt(offset + 1) == '/')) {
                    if (offset >= text.length()) {
                        throw new StanException(source, start, "unclosed comment: '/*' without a matching '*/'");
                    }
                    advance();
                }
                advance();
                advance();
            } else {
                return;
            }
        }
    }

    private void skipToEndOfLine() {
        while (offset < text.length() && text.charAt(offset) != '\n' && text.charAt(offset) != '\r') {
            advance();
        }
    }

    private Token identifier(SourcePos start) {
        int from = offset;
        while (offset < text.length() && isWordChar(text.charAt(offset))) {
            advance();
        }
        return new Token(Token.Kind.IDENTIFIER, text.substring(from, offset), start, here());
    }

    /** An int ({@code 42}) or real ({@code 1.}, {@code .5}, {@code 1e-3}, {@code 2.5E+3}) literal. */
    private Token number(SourcePos start) {
        int from = offset;
        boolean real = false;
        skipDigits();
        if (charAt(offset) == '.') {
            real = true;
            advance();
            skipDigits();
        }
        char e = charAt(offset);
        if (e == 'e' || e == 'E') {
            int sign = (charAt(offset + 1) == '+' || charAt(offset + 1) == '-') ? 1 : 0;
            if (!isDigit(charAt(offset + 1 + sign))) {
                throw new StanException(source, here(), "expected the digits of an exponent after '" + e + "'");
            }
            real = true;
            advance();
            if (sign == 1) {
                advance();
            }
            skipDigits();
        }
        if (isWordChar(charAt(offset))) {
            if (charAt(offset) == 'i' && !isWordChar(charAt(offset + 1))) {
                throw new StanException(source, start, "complex numbers are not supported (imaginary literal "
                        + text.substring(from, offset + 1) + ")");
            }
            throw new StanException(source, here(), "a number cannot be followed directly by a letter: put an"
                    + " operator or a space between them");
        }
        return new Token(real ? Token.Kind.REAL : Token.Kind.INT, text.substring(from, offset), start, here());
    }

    private Token string(SourcePos start) {
        advance();
        int from = offset;
        while (charAt(offset) != '"') {
            if (offset >= text.length() || charAt(offset) == '\n' || charAt(offset) == '\r') {
                throw new StanException(source, start, "unclosed string: expected '\"' before the end of the line");
            }
            advance();
        }
        String contents = text.substring(from, offset);
        advance();
        return new Token(Token.Kind.STRING, contents, start, here());
    }

    private Token symbol(SourcePos start) {
        for (String symbol : SYMBOLS) {
            if (text.startsWith(symbol, offset)) {
                for (int i = 0; i < symbol.length(); i++) {
                    advance();
                }
                return new Token(Token.Kind.SYMBOL, symbol, start, here());
            }
        }
        char c = text.charAt(offset);
        String hint = switch (c) {
            case '&' -> ": did you mean '&&'?";
            case '`' -> ": strings are written in double quotes";
            default -> "";
        };
        throw new StanException(source, start, "unexpected character '" + c + "'" + hint);
    }

    private void skipDigits() {
        while (isDigit(charAt(offset))) {
            advance();
        }
    }

    /** Moves one character on, keeping line and column; "\r\n", "\n" and a lone "\r" each end a line. */
    private void advance() {
        char c = text.charAt(offset++);
        if (c == '\n' || (c == '\r' && charAt(offset) != '\n')) {
            line++;
            column = 1;
        } else if (c != '\r') {
            column++;
        }
    }

    private SourcePos here() {
        return new SourcePos(line, column);
    }

    /** The character at {@code i}, or 0 past the end, so that look-ahead needs no bounds checks. */
    private char charAt(int i) {
        return i < text.length() ? text.charAt(i) : 0;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
