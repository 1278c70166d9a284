package manynuts.models.stan.syntax;

import java.util.List;

/** A statement of a Stan program, as parsed. */
public sealed interface Stmt {

    /** Where the statement starts. */
    SourcePos pos();

    /** A local variable declaration, with its initial value or null. */
    record Declare(SourcePos pos, Declaration declaration) implements Stmt {
    }

    /** {@code target = value}, or a compound assignment ({@code op} is {@code =, +=, -=, *=, /=, .*=, ./=}). */
    record Assign(SourcePos pos, Expr target, String op, Expr value) implements Stmt {
    }

    /** {@code left ~ distribution(args) T[lower, upper]}; the truncation bounds are null when absent. */
    record Tilde(SourcePos pos, Expr left, String distribution, List<Expr> args, Expr truncateLower,
            Expr truncateUpper, boolean truncated) implements Stmt {
    }

    /** {@code target += value}. */
    record TargetPlus(SourcePos pos, Expr value) implements Stmt {
    }

    /** {@code for (variable in lower:upper) body}. */
    record For(SourcePos pos, String variable, Expr lower, Expr upper, Stmt body) implements Stmt {
    }

    /** {@code for (variable in container) body}. */
    record ForEach(SourcePos pos, String variable, Expr container, Stmt body) implements Stmt {
    }

    /** {@code while (condition) body}. */
    record While(SourcePos pos, Expr condition, Stmt body) implements Stmt {
    }

    /** {@code if (condition) then else otherwise}; otherwise is null when absent. */
    record If(SourcePos pos, Expr condition, Stmt then, Stmt otherwise) implements Stmt {
    }

    /** {@code { statements }}. */
    record Block(SourcePos pos, List<Stmt> statements) implements Stmt {
    }

    /** {@code print(...)}, {@code reject(...)} or {@code fatal_error(...)}. */
    record Print(SourcePos pos, String kind, List<Expr> args) implements Stmt {
    }

    /** {@code return value;} or {@code return;} (value null). */
    record Return(SourcePos pos, Expr value) implements Stmt {
    }

    /** {@code break;} */
    record Break(SourcePos pos) implements Stmt {
    }

    /** {@code continue;} */
    record Continue(SourcePos pos) implements Stmt {
    }

    /** A call of a void function as a statement. */
    record CallStatement(SourcePos pos, Expr.Call call) implements Stmt {
    }

    /** {@code ;} */
    record Empty(SourcePos pos) implements Stmt {
    }
}
