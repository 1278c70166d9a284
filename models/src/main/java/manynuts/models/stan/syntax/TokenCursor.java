package manynuts.models.stan.syntax;

import java.util.ArrayList;
import java.util.List;

/**
 * The parser's place in the token list, with the look-ahead, matching and error helpers that the expression and
 * statement parsers share.
 */
abstract class TokenCursor {
    protected final SourceText source;
    /** Mutable because an old {@code <-} inside a comparison is split into {@code <} and {@code -} in place. */
    private final List<Token> tokens;
    private int index;

    protected TokenCursor(SourceText source) {
        this.source = source;
        this.tokens = new ArrayList<>(StanLexer.tokenize(source));
    }

    /** The current token (the END token once everything is read). */
    protected Token peek() {
        return peek(0);
    }

    /** The token {@code ahead} places after the current one, or END. */
    protected Token peek(int ahead) {
        return tokens.get(Math.min(index + ahead, tokens.size() - 1));
    }

    /** The token just read; only called after at least one token was read. */
    protected Token previous() {
        return tokens.get(index - 1);
    }

    /** Reads the current token and moves on. */
    protected Token next() {
        Token token = peek();
        if (index < tokens.size() - 1) {
            index++;
        }
        return token;
    }

    /** Where the parser is, to come back to with {@link #rewind}. */
    protected int mark() {
        return index;
    }

    protected void rewind(int mark) {
        index = mark;
    }

    protected boolean at(String symbol) {
        return peek().is(symbol);
    }

    protected boolean atWord(String word) {
        return peek().isWord(word);
    }

    /** Reads {@code symbol} if it is the current token. */
    protected boolean accept(String symbol) {
        if (at(symbol)) {
            next();
            return true;
        }
        return false;
    }

    /** Reads {@code symbol}, or fails with "expected 'symbol' {@code context}". */
    protected Token expect(String symbol, String context) {
        if (!at(symbol)) {
            throw expected("'" + symbol + "' " + context);
        }
        return next();
    }

    /** Reads an identifier, or fails with "expected {@code what}". */
    protected Token expectIdentifier(String what) {
        if (peek().kind() != Token.Kind.IDENTIFIER) {
            throw expected(what);
        }
        return next();
    }

    /**
     * "expected {@code what}". When the current token is on a later line than the one before it, the thing was most
     * likely forgotten at the end of that line, so the error points just after the previous token; otherwise it
     * points at the token found in its place and names it.
     */
    protected StanException expected(String what) {
        Token found = peek();
        if (index > 0 && found.pos().line() > previous().end().line()) {
            return error(previous().end(), "expected " + what);
        }
        return error(found.pos(), "expected " + what + ", found " + found.describe());
    }

    protected StanException error(SourcePos pos, String message) {
        return new StanException(source, pos, message);
    }

    /**
     * Replaces a current {@code <-} token by {@code <} and {@code -}: in current Stan {@code a<-b} means
     * {@code a < -b}, and the lexer cannot tell that from the old assignment arrow.
     */
    protected void splitArrow() {
        Token arrow = peek();
        SourcePos minus = new SourcePos(arrow.pos().line(), arrow.pos().column() + 1);
        tokens.set(index, new Token(Token.Kind.SYMBOL, "<", arrow.pos(), minus));
        tokens.add(index + 1, new Token(Token.Kind.SYMBOL, "-", minus, arrow.end()));
    }

    /**
     * The index of the token after the bracket group that opens at {@code ahead} places from the current token
     * ({@code [ ... ]} with nested groups), or -1 when the group is not closed; for look-ahead only.
     */
    protected int skipBrackets(int ahead) {
        int depth = 0;
        for (int i = ahead; ; i++) {
            Token token = peek(i);
            if (token.kind() == Token.Kind.END) {
                return -1;
            }
            if (token.is("[") || token.is("(") || token.is("{")) {
                depth++;
            } else if (token.is("]") || token.is(")") || token.is("}")) {
                depth--;
                if (depth == 0) {
                    return i + 1;
                }
            }
        }
    }
}
