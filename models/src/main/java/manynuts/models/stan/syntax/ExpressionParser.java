package manynuts.models.stan.syntax;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The expression half of the Stan parser: one method per precedence level, loosest first, as in the Stan
 * Reference Manual and stanc3.
 *
 * <pre>
 *   ?:                      right
 *   ||                      left
 *   &amp;&amp;                      left
 *   == !=                   left
 *   &lt; &lt;= &gt; &gt;=               left
 *   + -                     left
 *   * / % .* ./             left
 *   \ %/%                   left   (binds tighter than *, as stanc3 does)
 *   prefix ! - +
 *   ^ .^                    right  (tighter than prefix minus: -a^b is -(a^b); a^-b is allowed)
 *   postfix ' and [...]
 * </pre>
 */
abstract class ExpressionParser extends TokenCursor {

    /** Words that cannot name a variable or function; they start statements or types. */
    protected static final Set<String> RESERVED = Set.of("for", "in", "while", "if", "else", "return", "break",
            "continue", "void", "int", "real", "complex", "vector", "row_vector", "matrix", "complex_vector",
            "complex_row_vector", "complex_matrix", "array", "tuple", "ordered", "positive_ordered", "simplex",
            "unit_vector", "sum_to_zero_vector", "cholesky_factor_corr", "cholesky_factor_cov", "corr_matrix",
            "cov_matrix", "functions", "data", "parameters", "model", "print", "reject", "fatal_error", "profile",
            "increment_log_prob", "target");

    protected ExpressionParser(SourceText source) {
        super(source);
    }

    /** A whole expression, conditional operator included. */
    protected Expr parseExpression() {
        Expr condition = parseOr();
        if (!accept("?")) {
            return condition;
        }
        Expr ifTrue = parseExpression();
        expect(":", "between the two branches of '?:'");
        Expr ifFalse = parseExpression();
        return new Expr.Conditional(condition.pos(), condition, ifTrue, ifFalse);
    }

    /**
     * A bound of {@code <lower=..., upper=...>}: arithmetic only, so that the first bare {@code >} closes the
     * brackets; comparisons and logic need parentheses there.
     */
    protected Expr parseBoundExpression() {
        return parseAdditive();
    }

    private Expr parseOr() {
        Expr left = parseAnd();
        while (at("||")) {
            String op = next().text();
            left = new Expr.Binary(left.pos(), op, left, parseAnd());
        }
        return left;
    }

    private Expr parseAnd() {
        Expr left = parseEquality();
        while (at("&&")) {
            String op = next().text();
            left = new Expr.Binary(left.pos(), op, left, parseEquality());
        }
        return left;
    }

    private Expr parseEquality() {
        Expr left = parseComparison();
        while (at("==") || at("!=")) {
            String op = next().text();
            left = new Expr.Binary(left.pos(), op, left, parseComparison());
        }
        return left;
    }

    private Expr parseComparison() {
        Expr left = parseAdditive();
        while (true) {
            if (at("<-")) {
                splitArrow();
            }
            if (!(at("<") || at("<=") || at(">") || at(">="))) {
                return left;
            }
            String op = next().text();
            left = new Expr.Binary(left.pos(), op, left, parseAdditive());
        }
    }

    private Expr parseAdditive() {
        Expr left = parseMultiplicative();
        while (at("+") || at("-")) {
            String op = next().text();
            left = new Expr.Binary(left.pos(), op, left, parseMultiplicative());
        }
        return left;
    }

    private Expr parseMultiplicative() {
        Expr left = parseLeftDivision();
        while (at("*") || at("/") || at("%") || at(".*") || at("./")) {
            String op = next().text();
            left = new Expr.Binary(left.pos(), op, left, parseLeftDivision());
        }
        return left;
    }

    private Expr parseLeftDivision() {
        Expr left = parseUnary();
        while (at("\\") || at("%/%")) {
            String op = next().text();
            left = new Expr.Binary(left.pos(), op, left, parseUnary());
        }
        return left;
    }

    private Expr parseUnary() {
        if (at("!") || at("-") || at("+")) {
            Token op = next();
            return new Expr.Unary(op.pos(), op.text(), parseUnary());
        }
        return parseExponent();
    }

    /** {@code a ^ b}: right-associative because the exponent is parsed by {@link #parseUnary} again. */
    private Expr parseExponent() {
        Expr base = parsePostfix();
        if (at("^") || at(".^")) {
            String op = next().text();
            return new Expr.Binary(base.pos(), op, base, parseUnary());
        }
        return base;
    }

    private Expr parsePostfix() {
        Expr expr = parsePrimary();
        while (true) {
            if (at("'")) {
                next();
                expr = new Expr.Transpose(expr.pos(), expr);
            } else if (at("[")) {
                next();
                expr = new Expr.Indexed(expr.pos(), expr, parseIndices());
            } else {
                return expr;
            }
        }
    }

    /** The indices after an opening {@code [}, through the closing {@code ]}. */
    protected List<Expr.Index> parseIndices() {
        List<Expr.Index> indices = new ArrayList<>();
        do {
            indices.add(parseIndex());
        } while (accept(","));
        expect("]", "to close the indices");
        return indices;
    }

    /** {@code i}, {@code a:b}, {@code :b}, {@code a:}, {@code :} or nothing at all (all, as {@code :}). */
    private Expr.Index parseIndex() {
        Expr lower = null;
        if (!at(":")) {
            if (at(",") || at("]")) {
                return new Expr.Index.Range(null, null);
            }
            lower = parseExpression();
            if (!at(":")) {
                return new Expr.Index.Single(lower);
            }
        }
        next();
        Expr upper = (at(",") || at("]")) ? null : parseExpression();
        return new Expr.Index.Range(lower, upper);
    }

    private Expr parsePrimary() {
        Token token = peek();
        switch (token.kind()) {
            case INT -> {
                next();
                try {
                    return new Expr.IntLit(token.pos(), Long.parseLong(token.text()));
                } catch (NumberFormatException e) {
                    throw error(token.pos(), "integer literal " + token.text() + " is too large");
                }
            }
            case REAL -> {
                next();
                return new Expr.RealLit(token.pos(), Double.parseDouble(token.text()));
            }
            case STRING -> throw error(token.pos(), "a string can only be an argument of print, reject or"
                    + " fatal_error");
            case IDENTIFIER -> {
                if (RESERVED.contains(token.text()) && !token.text().equals("target")) {
                    throw error(token.pos(), "expected an expression, found the keyword '" + token.text() + "'");
                }
                next();
                if (at("(")) {
                    return parseCall(token);
                }
                if (token.text().equals("target")) {
                    throw error(token.pos(), "'target' is read as target() and added to with 'target += ...'");
                }
                return new Expr.Variable(token.pos(), token.text());
            }
            case SYMBOL -> {
                if (accept("(")) {
                    Expr inner = parseExpression();
                    expect(")", "to close the parenthesis");
                    return inner;
                }
                if (accept("{")) {
                    List<Expr> elements = parseList("}", "to close the array expression");
                    if (elements.isEmpty()) {
                        throw error(token.pos(), "an array expression '{...}' needs at least one element");
                    }
                    return new Expr.ArrayLiteral(token.pos(), elements);
                }
                if (accept("[")) {
                    return new Expr.RowVectorLiteral(token.pos(), parseList("]", "to close the row vector"));
                }
                throw expected("an expression");
            }
            default -> throw expected("an expression");
        }
    }

    /**
     * A call, after its name: {@code f(a, b)}, or {@code f_lpdf(y | mu, sigma)} whose arguments are {@code y, mu,
     * sigma} with {@code conditional} set.
     */
    protected Expr.Call parseCall(Token name) {
        expect("(", "after the function name");
        List<Expr> args = new ArrayList<>();
        boolean conditional = false;
        if (!at(")")) {
            args.add(parseExpression());
            if (accept("|")) {
                conditional = true;
                if (!at(")")) {
                    args.addAll(parseList(")", "to close the call of " + name.text()));
                    return new Expr.Call(name.pos(), name.text(), args, true);
                }
            } else {
                while (accept(",")) {
                    args.add(parseExpression());
                }
            }
        }
        expect(")", "to close the call of " + name.text());
        return new Expr.Call(name.pos(), name.text(), args, conditional);
    }

    /** Comma-separated expressions through {@code close}, possibly none. */
    protected List<Expr> parseList(String close, String context) {
        List<Expr> elements = new ArrayList<>();
        if (!at(close)) {
            do {
                elements.add(parseExpression());
            } while (accept(","));
        }
        expect(close, context);
        return elements;
    }
}
