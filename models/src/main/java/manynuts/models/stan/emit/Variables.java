package manynuts.models.stan.emit;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import manynuts.models.stan.ir.IrExpr;
import manynuts.models.stan.ir.IrStmt;
import manynuts.models.stan.ir.IrVar;

/** The variables a piece of the lowered program uses, in the order it first mentions them. */
public final class Variables {
    private Variables() {
    }

    /** Every variable the statements declare, assign or read. */
    public static Set<IrVar> of(List<IrStmt> statements) {
        Set<IrVar> found = new LinkedHashSet<>();
        for (IrStmt s : statements) {
            collect(s, found);
        }
        return found;
    }

    private static void collect(IrStmt s, Set<IrVar> found) {
        if (s instanceof IrStmt.Assign a) {
            found.add(a.variable());
            a.index().forEach(e -> collect(e, found));
            collect(a.value(), found);
        } else if (s instanceof IrStmt.TargetPlus t) {
            collect(t.value(), found);
        } else if (s instanceof IrStmt.For f) {
            collect(f.lower(), found);
            collect(f.upper(), found);
            f.body().forEach(b -> collect(b, found));
        } else if (s instanceof IrStmt.While w) {
            collect(w.condition(), found);
            w.body().forEach(b -> collect(b, found));
        } else if (s instanceof IrStmt.If i) {
            collect(i.condition(), found);
            i.then().forEach(b -> collect(b, found));
            i.otherwise().forEach(b -> collect(b, found));
        } else if (s instanceof IrStmt.Declare d) {
            found.add(d.variable());
            d.variable().storageDims().forEach(e -> collect(e, found));
        } else if (s instanceof IrStmt.Fail f) {
            f.parts().forEach(p -> {
                if (p instanceof IrExpr e) {
                    collect(e, found);
                }
            });
        } else if (s instanceof IrStmt.Print p) {
            p.parts().forEach(x -> {
                if (x instanceof IrExpr e) {
                    collect(e, found);
                }
            });
        } else if (s instanceof IrStmt.ReadData r) {
            found.add(r.variable());
        }
    }

    private static void collect(IrExpr e, Set<IrVar> found) {
        if (e instanceof IrExpr.Read r) {
            found.add(r.variable());
            r.index().forEach(x -> collect(x, found));
        } else if (e instanceof IrExpr.Call c) {
            c.args().forEach(x -> collect(x, found));
        } else if (e instanceof IrExpr.Conditional c) {
            collect(c.condition(), found);
            collect(c.ifTrue(), found);
            collect(c.ifFalse(), found);
        } else if (e instanceof IrExpr.Sum sum) {
            collect(sum.lower(), found);
            collect(sum.upper(), found);
            collect(sum.term(), found);
        } else if (e instanceof IrExpr.Extreme m) {
            collect(m.lower(), found);
            collect(m.upper(), found);
            collect(m.term(), found);
        }
    }
}
