package manynuts.models.stan.lower;

import java.util.ArrayList;
import java.util.List;
import manynuts.models.stan.syntax.Declaration;
import manynuts.models.stan.ir.IrExpr;
import manynuts.models.stan.ir.IrStmt;
import manynuts.models.stan.ir.IrVar;
import manynuts.models.stan.ir.Primitives;

/**
 * Checks of a declared variable's constraints, as Stan makes them at the end of the block that computes it: data
 * outside its bounds is bad input naming the variable, a transformed parameter outside them rejects the point.
 */
final class Checks {
    private Checks() {
    }

    static void declared(Lowerer lowerer, Expressions expressions, Declaration d, IrVar v, IrStmt.Fail.Kind kind) {
        Declaration.Bounds bounds = d.bounds();
        Val lower = bounds.lower() == null ? null : expressions.lower(bounds.lower());
        Val upper = bounds.upper() == null ? null : expressions.lower(bounds.upper());
        if (lower == null && upper == null && d.kind() == Declaration.Kind.PLAIN) {
            return;
        }
        lowerer.builder.forEachIndex(v.dims(), index -> {
            IrExpr value = new IrExpr.Read(v, index);
            List<Object> where = new ArrayList<>();
            where.add(d.name());
            for (IrExpr i : index) {
                where.add(where.size() == 1 ? "[" : ",");
                where.add(Ops.add(i, Ops.integer(1)));
            }
            if (!index.isEmpty()) {
                where.add("]");
            }
            if (lower != null) {
                IrExpr bound = lower.type.rank() == 0 ? lower.scalar() : lower.at(index);
                fail(lowerer, kind, Ops.call(Primitives.LESS, value, bound), where, value,
                        " is below its lower bound ", bound);
            }
            if (upper != null) {
                IrExpr bound = upper.type.rank() == 0 ? upper.scalar() : upper.at(index);
                fail(lowerer, kind, Ops.call(Primitives.GREATER, value, bound), where, value,
                        " is above its upper bound ", bound);
            }
        });
        if (d.kind() == Declaration.Kind.SIMPLEX && kind == IrStmt.Fail.Kind.DATA) {
            // A simplex read as data must hold non-negative values summing to 1 (to Stan's tolerance 1e-8).
            Val whole = Val.of(v, new StanType(d.base(), d.arrayDims().size()));
            if (d.arrayDims().isEmpty()) {
                IrExpr sum = Reductions.sumAll(lowerer, whole, x -> x, false);
                fail(lowerer, kind, Ops.call(Primitives.GREATER, Ops.call(Primitives.FABS,
                        Ops.subtract(sum, Ops.ONE)), Ops.real(1e-8)), List.of(d.name()), sum,
                        " sums to ", Ops.ONE);
            }
        }
    }

    private static void fail(Lowerer lowerer, IrStmt.Fail.Kind kind, IrExpr failed, List<Object> where,
            IrExpr value, String relation, IrExpr bound) {
        List<Object> parts = new ArrayList<>(where);
        parts.add(" = ");
        parts.add(value);
        parts.add(relation);
        parts.add(bound);
        if (relation.contains("sums")) {
            parts.set(parts.size() - 3, " sums to ");
            parts.add(" (a simplex must sum to 1)");
        }
        lowerer.add(new IrStmt.If(failed, List.of(new IrStmt.Fail(kind, parts)), List.of()));
    }
}
