package manynuts.models.stan.lower;

import java.util.ArrayList;
import java.util.List;
import manynuts.models.stan.syntax.BaseType;
import manynuts.models.stan.syntax.Expr;
import manynuts.models.stan.syntax.SourcePos;
import manynuts.models.stan.ir.IrExpr;

/**
 * Indexing as Stan defines it: a single index removes a dimension, a range or a multi-index (an int array) keeps it
 * with a new size; every element read is checked against the size it indexes.
 */
final class Indexing {

    /** How one dimension is indexed. */
    private record Step(IrExpr single, IrExpr lower, IrExpr upper, Val multi, boolean keep) {
    }

    private Indexing() {
    }

    static Val index(Lowerer lowerer, Expressions expressions, Val base, List<Expr.Index> indices, SourcePos pos) {
        StanType type = base.type;
        if (indices.size() > type.rank()) {
            throw lowerer.error(pos, "too many indices: " + type + " takes at most " + type.rank());
        }
        List<IrExpr> dims = base.dims();
        List<Step> steps = new ArrayList<>();
        List<Val> sources = new ArrayList<>();
        for (int k = 0; k < indices.size(); k++) {
            Expr.Index index = indices.get(k);
            if (index instanceof Expr.Index.Range range) {
                IrExpr lower = range.lower() == null ? Ops.integer(1) : expressions.lowerInt(range.lower(), "an index");
                IrExpr upper = range.upper() == null ? dims.get(k) : expressions.lowerInt(range.upper(), "an index");
                steps.add(new Step(null, lower, upper, null, true));
            } else {
                Expr.Index.Single single = (Expr.Index.Single) index;
                Val value = expressions.lower(single.value());
                if (value.type.equals(StanType.INT)) {
                    steps.add(new Step(value.scalar(), null, null, null, false));
                } else if (value.type.equals(new StanType(BaseType.INT, 1))) {
                    Val cheap = lowerer.cheap(value, "multi_index", pos);
                    steps.add(new Step(null, null, null, cheap, true));
                    sources.add(cheap);
                } else {
                    throw lowerer.error(single.value().pos(), "an index must be an int or an int array, found "
                            + value.type);
                }
            }
        }
        List<IrExpr> newDims = new ArrayList<>();
        for (int k = 0; k < dims.size(); k++) {
            if (k >= steps.size()) {
                newDims.add(dims.get(k));
                continue;
            }
            Step step = steps.get(k);
            if (step.multi != null) {
                newDims.add(step.multi.dims().get(0));
            } else if (step.keep) {
                IrExpr size = Ops.add(Ops.subtract(step.upper, step.lower), Ops.integer(1));
                newDims.add(Ops.call(manynuts.models.stan.ir.Primitives.INT_MAX, size, Ops.integer(0)));
            }
        }
        StanType result = resultType(type, steps);
        return new Val.ViewVal(result, base, newDims, outer -> {
            List<IrExpr> full = new ArrayList<>();
            int next = 0;
            for (int k = 0; k < dims.size(); k++) {
                if (k >= steps.size()) {
                    full.add(outer.get(next++));
                    continue;
                }
                Step step = steps.get(k);
                if (step.single != null) {
                    full.add(Ops.index(step.single, dims.get(k)));
                } else if (step.multi != null) {
                    full.add(Ops.index(step.multi.at(List.of(outer.get(next++))), dims.get(k)));
                } else {
                    full.add(Ops.index(Ops.add(step.lower, outer.get(next++)), dims.get(k)));
                }
            }
            return full;
        }, sources);
    }

    private static StanType resultType(StanType type, List<Step> steps) {
        int arrayDims = 0;
        for (int k = 0; k < type.arrayDims(); k++) {
            if (k >= steps.size() || steps.get(k).keep) {
                arrayDims++;
            }
        }
        BaseType base = type.base();
        int a = type.arrayDims();
        boolean firstKept = a >= steps.size() || steps.get(a).keep;
        boolean secondKept = a + 1 >= steps.size() || steps.get(a + 1).keep;
        BaseType element = switch (base) {
            case VECTOR, ROW_VECTOR -> firstKept ? base : BaseType.REAL;
            case MATRIX -> firstKept && secondKept ? BaseType.MATRIX
                    : firstKept ? BaseType.VECTOR : secondKept ? BaseType.ROW_VECTOR : BaseType.REAL;
            default -> base;
        };
        return new StanType(element, arrayDims);
    }
}
