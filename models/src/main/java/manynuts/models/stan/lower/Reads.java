package manynuts.models.stan.lower;

import manynuts.models.stan.ir.IrExpr;
import manynuts.models.stan.ir.IrVar;

/** Which variables a scalar expression reads. */
final class Reads {
    private Reads() {
    }

    static boolean reads(IrExpr e, IrVar v) {
        if (e instanceof IrExpr.Read read) {
            return read.variable() == v || read.index().stream().anyMatch(x -> reads(x, v));
        }
        if (e instanceof IrExpr.Call call) {
            return call.args().stream().anyMatch(x -> reads(x, v));
        }
        if (e instanceof IrExpr.Conditional c) {
            return reads(c.condition(), v) || reads(c.ifTrue(), v) || reads(c.ifFalse(), v);
        }
        if (e instanceof IrExpr.Sum sum) {
            return reads(sum.lower(), v) || reads(sum.upper(), v) || reads(sum.term(), v);
        }
        if (e instanceof IrExpr.Extreme m) {
            return reads(m.lower(), v) || reads(m.upper(), v) || reads(m.term(), v);
        }
        return false;
    }

    /** Whether the expression reads only data, transformed data and constants: it can size a variable. */
    static boolean isDataOnly(IrExpr e) {
        return isDataOnly(e, java.util.Set.of());
    }

    /** As {@link #isDataOnly(IrExpr)}, where {@code bound} are the counters of enclosing sums (data too). */
    private static boolean isDataOnly(IrExpr e, java.util.Set<IrVar> bound) {
        if (e instanceof IrExpr.Read read) {
            return (read.variable().isData() || bound.contains(read.variable()))
                    && read.index().stream().allMatch(x -> isDataOnly(x, bound));
        }
        if (e instanceof IrExpr.Call call) {
            return call.args().stream().allMatch(x -> isDataOnly(x, bound));
        }
        if (e instanceof IrExpr.Conditional c) {
            return isDataOnly(c.condition(), bound) && isDataOnly(c.ifTrue(), bound)
                    && isDataOnly(c.ifFalse(), bound);
        }
        if (e instanceof IrExpr.Sum sum) {
            return isDataOnly(sum.lower(), bound) && isDataOnly(sum.upper(), bound)
                    && isDataOnly(sum.term(), with(bound, sum.counter()));
        }
        if (e instanceof IrExpr.Extreme m) {
            return isDataOnly(m.lower(), bound) && isDataOnly(m.upper(), bound)
                    && isDataOnly(m.term(), with(bound, m.counter()));
        }
        return true;
    }

    private static java.util.Set<IrVar> with(java.util.Set<IrVar> bound, IrVar counter) {
        java.util.Set<IrVar> more = new java.util.HashSet<>(bound);
        more.add(counter);
        return more;
    }
}
