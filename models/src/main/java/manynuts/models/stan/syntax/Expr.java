package manynuts.models.stan.syntax;

import java.util.List;

/** An expression of a Stan program, as parsed. */
public sealed interface Expr {

    /** Where the expression starts. */
    SourcePos pos();

    /** An integer literal. */
    record IntLit(SourcePos pos, long value) implements Expr {
    }

    /** A real literal (with a decimal point or an exponent). */
    record RealLit(SourcePos pos, double value) implements Expr {
    }

    /** A string literal, only as an argument of print and reject. */
    record StringLit(SourcePos pos, String value) implements Expr {
    }

    /** A variable, or a function name standing alone (as an argument of a higher-order function). */
    record Variable(SourcePos pos, String name) implements Expr {
    }

    /** {@code -e}, {@code !e}, {@code +e}. */
    record Unary(SourcePos pos, String op, Expr operand) implements Expr {
    }

    /** An infix operator: arithmetic, elementwise, comparison or logical. */
    record Binary(SourcePos pos, String op, Expr left, Expr right) implements Expr {
    }

    /** {@code condition ? ifTrue : ifFalse}. */
    record Conditional(SourcePos pos, Expr condition, Expr ifTrue, Expr ifFalse) implements Expr {
    }

    /**
     * A function call; for {@code f_lpdf(y | mu, sigma)} the arguments are {@code y, mu, sigma} and
     * {@code conditional} is true.
     */
    record Call(SourcePos pos, String name, List<Expr> args, boolean conditional) implements Expr {
    }

    /** {@code base[i, j:k, :]}: one index per dimension indexed. */
    record Indexed(SourcePos pos, Expr base, List<Index> indices) implements Expr {
    }

    /** {@code e'}. */
    record Transpose(SourcePos pos, Expr operand) implements Expr {
    }

    /** {@code {a, b, c}}: an array. */
    record ArrayLiteral(SourcePos pos, List<Expr> elements) implements Expr {
    }

    /** {@code [a, b, c]}: a row vector (or a matrix when the elements are row vectors). */
    record RowVectorLiteral(SourcePos pos, List<Expr> elements) implements Expr {
    }

    /** One index of an indexed expression. */
    sealed interface Index {
        /** A single index or a multi-index (an integer array): which one is decided by the type checker. */
        record Single(Expr value) implements Index {
        }

        /** {@code lower:upper}, either end may be absent (null); {@code :} alone is both absent. */
        record Range(Expr lower, Expr upper) implements Index {
        }
    }
}
