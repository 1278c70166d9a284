package manynuts.models.stan.ir;

import java.util.List;

/** A statement of the lowered program. Loops count from {@code lower} to {@code upper} inclusive. */
public sealed interface IrStmt {

    /** Reads a data variable from the data file, checking its shape; its sizes are evaluated first. */
    record ReadData(IrVar variable) implements IrStmt {
    }

    /** {@code variable[index] = value}. */
    record Assign(IrVar variable, List<IrExpr> index, IrExpr value) implements IrStmt {
        public Assign {
            index = List.copyOf(index);
        }
    }

    /** {@code target += value}. */
    record TargetPlus(IrExpr value) implements IrStmt {
    }

    /** A counted loop; the counter is an int LOOP variable. */
    record For(IrVar counter, IrExpr lower, IrExpr upper, List<IrStmt> body) implements IrStmt {
        public For {
            body = List.copyOf(body);
        }
    }

    /** {@code while (condition != 0) body}. */
    record While(IrExpr condition, List<IrStmt> body) implements IrStmt {
        public While {
            body = List.copyOf(body);
        }
    }

    /** {@code if (condition != 0) then else otherwise}. */
    record If(IrExpr condition, List<IrStmt> then, List<IrStmt> otherwise) implements IrStmt {
        public If {
            then = List.copyOf(then);
            otherwise = List.copyOf(otherwise);
        }
    }

    /** A local variable comes into scope: filled with NaN (ints: the smallest int) where it is not differentiated. */
    record Declare(IrVar variable) implements IrStmt {
    }

    /** Leaves the innermost loop (only where the program is not differentiated). */
    record Break() implements IrStmt {
    }

    /** Goes on with the innermost loop's next iteration (only where the program is not differentiated). */
    record Continue() implements IrStmt {
    }

    /**
     * Stops the evaluation: {@code reject}, {@code fatal_error}, a failed check. {@code parts} are strings and
     * {@link IrExpr}s, printed in order; {@code kind} says what the failure means to the caller.
     */
    record Fail(Kind kind, List<Object> parts) implements IrStmt {
        public Fail {
            parts = List.copyOf(parts);
        }

        /** What a failure means. */
        public enum Kind {
            /** The point is rejected: while sampling, a divergence. */
            REJECT,
            /** The program cannot go on: fatal_error. */
            FATAL,
            /** The data break a declared constraint or size: a bad-input error naming the variable. */
            DATA
        }
    }

    /** {@code print(...)}: strings and {@link IrExpr}s. */
    record Print(List<Object> parts) implements IrStmt {
        public Print {
            parts = List.copyOf(parts);
        }
    }
}
