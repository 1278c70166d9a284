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
        if (e instanceof IrExpr.Read read) {
            return read.variable().isData() && read.index().stream().allMatch(Reads::isDataOnly);
        }
        if (e instanceof IrExpr.Call call) {
            return call.args().stream().allMatch(Reads::isDataOnly);
        }
        if (e instanceof IrExpr.Conditional c) {
            return isDataOnly(c.condition()) && isDataOnly(c.ifTrue()) && isDataOnly(c.ifFalse());
        }
        if (e instanceof IrExpr.Sum || e instanceof IrExpr.Extreme) {
            return false;
        }
        return true;
    }
}
