package manynuts.models.stan.syntax;

/**
 * One token of a Stan program: an identifier (keywords included), a number, a string, an operator or punctuation
 * mark, or the end of the text.
 *
 * @param kind what sort of token it is
 * @param text the characters as written; for a string, its contents without the quotes; empty at the end
 * @param pos  where its first character is
 * @param end  the place just after its last character, where an error about something missing after it points
 */
public record Token(Kind kind, String text, SourcePos pos, SourcePos end) {

    /** The sorts of token. Keywords are identifiers: the parser decides by their text where they are keywords. */
    public enum Kind {
        IDENTIFIER, INT, REAL, STRING, SYMBOL, END
    }

    /** Whether this is the operator or punctuation mark {@code symbol}. */
    public boolean is(String symbol) {
        return kind == Kind.SYMBOL && text.equals(symbol);
    }

    /** Whether this is the identifier or keyword {@code word}. */
    public boolean isWord(String word) {
        return kind == Kind.IDENTIFIER && text.equals(word);
    }

    /** How the token is named in an error message: quoted text, or "the end of the program". */
    public String describe() {
        return switch (kind) {
            case END -> "the end of the program";
            case STRING -> "a string";
            default -> "'" + text + "'";
        };
    }
}
