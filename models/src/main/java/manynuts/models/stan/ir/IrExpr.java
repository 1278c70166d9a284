package manynuts.models.stan.ir;

import java.util.List;

/**
 * A scalar expression of the lowered program: every container operation has been turned into loops over
 * scalars, so the only values are reals and ints, and reverse mode needs one derivative rule per primitive.
 */
public sealed interface IrExpr {

    /** Whether the value is an int (else a real). */
    boolean isInt();

    /** Whether the value depends on the parameters. */
    boolean isActive();

    /** A real constant. */
    record Real(double value) implements IrExpr {
        public boolean isInt() {
            return false;
        }

        public boolean isActive() {
            return false;
        }
    }

    /** An int constant. */
    record Int(long value) implements IrExpr {
        public boolean isInt() {
            return true;
        }

        public boolean isActive() {
            return false;
        }
    }

    /** A variable, or one element of it: {@code index} holds one 0-based int expression per dim. */
    record Read(IrVar variable, List<IrExpr> index) implements IrExpr {
        public Read {
            index = List.copyOf(index);
            if (index.size() != variable.dims().size()) {
                throw new IllegalArgumentException(variable + " takes " + variable.dims().size() + " indices");
            }
        }

        public boolean isInt() {
            return variable.isInt();
        }

        public boolean isActive() {
            return variable.isActive();
        }
    }

    /** A primitive applied to scalars. */
    record Call(Primitive primitive, List<IrExpr> args) implements IrExpr {
        public Call {
            args = List.copyOf(args);
        }

        public boolean isInt() {
            return primitive.integerResult();
        }

        public boolean isActive() {
            if (primitive.integerResult() || primitive == Primitives.DETACH) {
                return false;
            }
            for (IrExpr arg : args) {
                if (arg.isActive()) {
                    return true;
                }
            }
            return false;
        }
    }

    /** {@code condition ? ifTrue : ifFalse}, the condition an int. */
    record Conditional(IrExpr condition, IrExpr ifTrue, IrExpr ifFalse) implements IrExpr {
        public boolean isInt() {
            return ifTrue.isInt() && ifFalse.isInt();
        }

        public boolean isActive() {
            return ifTrue.isActive() || ifFalse.isActive();
        }
    }

    /**
     * The sum of {@code term} over {@code counter} from {@code lower} to {@code upper} inclusive: a reduction kept
     * as one expression, so that differentiating it needs no stored intermediate values.
     */
    record Sum(IrVar counter, IrExpr lower, IrExpr upper, IrExpr term) implements IrExpr {
        public boolean isInt() {
            return term.isInt();
        }

        public boolean isActive() {
            return term.isActive();
        }
    }

    /**
     * The largest (or with {@code smallest} the smallest) {@code term} over {@code counter} from {@code lower} to
     * {@code upper}; its derivative flows to the first term that attains it. A detached one has no derivative: it
     * serves to shift values for numerical stability where the result does not depend on the shift.
     */
    record Extreme(IrVar counter, IrExpr lower, IrExpr upper, IrExpr term, boolean smallest, boolean detached)
            implements IrExpr {
        public boolean isInt() {
            return term.isInt();
        }

        public boolean isActive() {
            return !detached && term.isActive();
        }
    }

    /** A scalar variable. */
    static Read of(IrVar variable) {
        return new Read(variable, List.of());
    }
}
