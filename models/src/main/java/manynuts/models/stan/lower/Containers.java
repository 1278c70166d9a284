package manynuts.models.stan.lower;

import java.util.ArrayList;
import java.util.List;
import manynuts.models.stan.syntax.BaseType;
import manynuts.models.stan.syntax.SourcePos;
import manynuts.models.stan.ir.IrExpr;
import manynuts.models.stan.ir.IrStmt;
import manynuts.models.stan.ir.IrVar;
import manynuts.models.stan.ir.Primitives;

/**
 * Built-in functions that make or reshape containers: rep_*, to_*, slices, concatenation, softmax, cumulative sums,
 * diagonal matrices, Cholesky factors and covariance functions. Most are views; those whose elements depend on each
 * other (cumulative sums, Cholesky factors) are computed into a variable with loops.
 */
final class Containers {
    private final Lowerer lowerer;

    Containers(Lowerer lowerer) {
        this.lowerer = lowerer;
    }

    /** The function's value, or null when {@code name} is not one of these. */
    Val call(String name, List<Val> args, SourcePos pos) {
        int n = args.size();
        switch (name + "/" + n) {
            case "rep_vector/2":
                return repeat(StanType.VECTOR, args.get(0), List.of(size(args.get(1), pos)), pos);
            case "rep_row_vector/2":
                return repeat(StanType.ROW_VECTOR, args.get(0), List.of(size(args.get(1), pos)), pos);
            case "rep_matrix/3":
                if (args.get(0).type.rank() == 0) {
                    return repeat(StanType.MATRIX, args.get(0), List.of(size(args.get(1), pos), size(args.get(2), pos)),
                            pos);
                }
                break;
            case "rep_matrix/2": {
                // A vector repeated as each of n columns, or a row_vector as each of m rows.
                Val v = args.get(0);
                IrExpr copies = size(args.get(1), pos);
                if (v.type.equals(StanType.VECTOR)) {
                    return new LinearAlgebra.Computed(StanType.MATRIX, List.of(v.dims().get(0), copies), List.of(v),
                            index -> v.at(List.of(index.get(0))));
                }
                if (v.type.equals(StanType.ROW_VECTOR)) {
                    return new LinearAlgebra.Computed(StanType.MATRIX, List.of(copies, v.dims().get(0)), List.of(v),
                            index -> v.at(List.of(index.get(1))));
                }
                break;
            }
            case "sub_col/4": {
                Val m = args.get(0);
                IrExpr i = args.get(1).scalar();
                IrExpr j = args.get(2).scalar();
                IrExpr rows = size(args.get(3), pos);
                return new Val.ViewVal(StanType.VECTOR, m, List.of(rows), index -> List.of(
                        Ops.index(Ops.add(i, index.get(0)), m.dims().get(0)), Ops.index(j, m.dims().get(1))),
                        List.of(args.get(1), args.get(2)));
            }
            case "sub_row/4": {
                Val m = args.get(0);
                IrExpr i = args.get(1).scalar();
                IrExpr j = args.get(2).scalar();
                IrExpr cols = size(args.get(3), pos);
                return new Val.ViewVal(StanType.ROW_VECTOR, m, List.of(cols), index -> List.of(
                        Ops.index(i, m.dims().get(0)), Ops.index(Ops.add(j, index.get(0)), m.dims().get(1))),
                        List.of(args.get(1), args.get(2)));
            }
            case "block/5": {
                Val m = args.get(0);
                IrExpr i = args.get(1).scalar();
                IrExpr j = args.get(2).scalar();
                return new Val.ViewVal(StanType.MATRIX, m, List.of(size(args.get(3), pos), size(args.get(4), pos)),
                        index -> List.of(Ops.index(Ops.add(i, index.get(0)), m.dims().get(0)),
                                Ops.index(Ops.add(j, index.get(1)), m.dims().get(1))),
                        List.of(args.get(1), args.get(2)));
            }
            case "rep_array/2":
            case "rep_array/3":
            case "rep_array/4": {
                Val x = args.get(0);
                List<IrExpr> dims = new ArrayList<>();
                for (int k = 1; k < n; k++) {
                    dims.add(size(args.get(k), pos));
                }
                int outer = dims.size();
                dims.addAll(x.dims());
                StanType type = new StanType(x.type.base(), x.type.arrayDims() + outer);
                return new LinearAlgebra.Computed(type, dims, List.of(x), index -> x.at(index.subList(outer,
                        index.size())));
            }
            case "to_vector/1":
            case "to_row_vector/1":
            case "to_array_1d/1":
                return flatten(args.get(0), name.equals("to_vector") ? StanType.VECTOR
                        : name.equals("to_row_vector") ? StanType.ROW_VECTOR
                        : new StanType(args.get(0).type.isIntBased() ? BaseType.INT : BaseType.REAL, 1), pos);
            case "to_matrix/3":
                return toMatrix(args.get(0), size(args.get(1), pos), size(args.get(2), pos), pos);
            case "diag_matrix/1": {
                Val v = args.get(0);
                IrExpr size = v.dims().get(0);
                return new LinearAlgebra.Computed(StanType.MATRIX, List.of(size, size), List.of(v),
                        index -> new IrExpr.Conditional(Ops.call(Primitives.INT_EQUAL, index.get(0), index.get(1)),
                                Ops.toReal(v.at(List.of(index.get(0)))), Ops.ZERO));
            }
            case "identity_matrix/1": {
                IrExpr size = size(args.get(0), pos);
                return new LinearAlgebra.Computed(StanType.MATRIX, List.of(size, size), List.of(),
                        index -> new IrExpr.Conditional(Ops.call(Primitives.INT_EQUAL, index.get(0), index.get(1)),
                                Ops.ONE, Ops.ZERO));
            }
            case "add_diag/2": {
                Val m = args.get(0);
                Val d = args.get(1);
                return new LinearAlgebra.Computed(StanType.MATRIX, m.dims(), List.of(m, d),
                        index -> new IrExpr.Conditional(Ops.call(Primitives.INT_EQUAL, index.get(0), index.get(1)),
                                Ops.add(m.at(index), d.type.rank() == 0 ? d.scalar() : d.at(List.of(index.get(0)))),
                                Ops.toReal(m.at(index))));
            }
            case "diagonal/1": {
                Val m = args.get(0);
                return new LinearAlgebra.Computed(StanType.VECTOR, List.of(m.dims().get(0)), List.of(m),
                        index -> m.at(List.of(index.get(0), index.get(0))));
            }
            case "diag_pre_multiply/2": {
                Val v = args.get(0);
                Val m = args.get(1);
                return new LinearAlgebra.Computed(StanType.MATRIX, m.dims(), List.of(v, m),
                        index -> Ops.multiply(v.at(List.of(index.get(0))), m.at(index)));
            }
            case "quad_form_diag/2": {
                // diag(v) * m * diag(v): element (i, j) is v[i] m[i, j] v[j].
                Val m = args.get(0);
                Val v = args.get(1);
                lowerer.checkSameSize(m.dims().get(0), v.dims().get(0), "quad_form_diag at " + pos);
                lowerer.checkSameSize(m.dims().get(1), v.dims().get(0), "quad_form_diag at " + pos);
                return new LinearAlgebra.Computed(StanType.MATRIX, m.dims(), List.of(v, m),
                        index -> Ops.multiply(Ops.multiply(v.at(List.of(index.get(0))), m.at(index)),
                                v.at(List.of(index.get(1)))));
            }
            case "diag_post_multiply/2": {
                Val m = args.get(0);
                Val v = args.get(1);
                return new LinearAlgebra.Computed(StanType.MATRIX, m.dims(), List.of(v, m),
                        index -> Ops.multiply(m.at(index), v.at(List.of(index.get(1)))));
            }
            case "col/2": {
                Val m = args.get(0);
                IrExpr j = args.get(1).scalar();
                return new Val.ViewVal(StanType.VECTOR, m, List.of(m.dims().get(0)),
                        index -> List.of(index.get(0), Ops.index(j, m.dims().get(1))), List.of(args.get(1)));
            }
            case "row/2": {
                Val m = args.get(0);
                IrExpr i = args.get(1).scalar();
                return new Val.ViewVal(StanType.ROW_VECTOR, m, List.of(m.dims().get(1)),
                        index -> List.of(Ops.index(i, m.dims().get(0)), index.get(0)), List.of(args.get(1)));
            }
            case "head/2":
                return segment(args.get(0), Ops.integer(1), size(args.get(1), pos));
            case "tail/2": {
                IrExpr length = size(args.get(1), pos);
                IrExpr start = Ops.add(Ops.subtract(args.get(0).dims().get(0), length), Ops.integer(1));
                return segment(args.get(0), start, length);
            }
            case "segment/3":
                return segment(args.get(0), args.get(1).scalar(), size(args.get(2), pos));
            case "reverse/1": {
                Val v = args.get(0);
                IrExpr last = IrBuilder.minusOne(v.dims().get(0));
                return new Val.ViewVal(v.type, v, v.dims().subList(0, 1),
                        index -> withFirst(Ops.subtract(last, index.get(0)), index), List.of());
            }
            case "append_row/2":
            case "append_col/2":
                return append(args.get(0), args.get(1), name.equals("append_row"), pos);
            case "softmax/1":
            case "log_softmax/1": {
                Val v = lowerer.cheap(args.get(0), "softmax_argument", pos);
                Val lse = lowerer.cheap(Reductions.call(lowerer, "log_sum_exp", List.of(v), pos), "log_sum_exp",
                        pos);
                boolean log = name.startsWith("log");
                return Val.map(StanType.VECTOR, List.of(v, lse), x -> log ? Ops.subtract(x.get(0), x.get(1))
                        : Ops.call(Primitives.EXP, Ops.subtract(x.get(0), x.get(1))));
            }
            case "cumulative_sum/1":
                return cumulativeSum(args.get(0), pos);
            case "cholesky_decompose/1":
                return cholesky(args.get(0), pos);
            case "gp_exp_quad_cov/3":
            case "cov_exp_quad/3":
                return expQuadCov(args.get(0), args.get(1), args.get(2), pos);
            case "multiply_lower_tri_self_transpose/1":
            case "tcrossprod/1": {
                Val l = lowerer.cheap(args.get(0), "factor", pos);
                boolean lower = name.startsWith("multiply");
                IrExpr rows = l.dims().get(0);
                IrExpr cols = l.dims().get(1);
                Val lazy = new LinearAlgebra.Computed(StanType.MATRIX, List.of(rows, rows), List.of(l), index -> {
                    IrVar k = lowerer.builder.counter("k");
                    IrExpr kk = Ops.read(k);
                    IrExpr upper = lower ? IrBuilder.minusOne(Ops.call(Primitives.INT_MIN,
                            Ops.add(Ops.call(Primitives.INT_MIN, index.get(0), index.get(1)), Ops.integer(1)), cols))
                            : IrBuilder.minusOne(cols);
                    return new IrExpr.Sum(k, Ops.integer(0), upper, Ops.multiply(l.at(List.of(index.get(0), kk)),
                            l.at(List.of(index.get(1), kk))));
                });
                return lowerer.materialize(lazy, name, pos);
            }
            default:
                return null;
        }
        return null;
    }

    private static List<IrExpr> withFirst(IrExpr first, List<IrExpr> index) {
        List<IrExpr> out = new ArrayList<>(index);
        out.set(0, first);
        return out;
    }

    private IrExpr size(Val v, SourcePos pos) {
        if (!v.type.equals(StanType.INT)) {
            throw lowerer.error(pos, "a size must be an int, found " + v.type);
        }
        return v.scalar();
    }

    private Val repeat(StanType type, Val x, List<IrExpr> dims, SourcePos pos) {
        if (x.type.rank() != 0) {
            throw lowerer.error(pos, "the value to repeat must be an int or real here, found " + x.type);
        }
        IrExpr value = Ops.toReal(x.scalar());
        return new LinearAlgebra.Computed(type, dims, List.of(x), index -> value);
    }

    /** Every element in one dimension: arrays in row-major order, matrices in column-major order, as Stan. */
    private Val flatten(Val v, StanType type, SourcePos pos) {
        if (v.type.rank() == 1) {
            return new Val.ViewVal(type, v, v.dims(), index -> index, List.of());
        }
        if (v.type.arrayDims() == 0 && v.type.base() == BaseType.MATRIX) {
            IrExpr rows = v.dims().get(0);
            IrExpr cols = v.dims().get(1);
            return new Val.ViewVal(type, v, List.of(Ops.multiply(rows, cols)), index -> List.of(
                    Ops.call(Primitives.INT_MODULUS, index.get(0), rows),
                    Ops.intDivide(index.get(0), rows)), List.of());
        }
        if (v.type.rank() == 0) {
            return new LinearAlgebra.Computed(type, List.of(Ops.integer(1)), List.of(v), index -> v.scalar());
        }
        throw lowerer.error(pos, "flattening " + v.type + " is not supported yet");
    }

    /** A vector's elements as a rows x cols matrix, filled column by column. */
    private Val toMatrix(Val v, IrExpr rows, IrExpr cols, SourcePos pos) {
        if (v.type.rank() != 1) {
            throw lowerer.error(pos, "to_matrix(v, m, n) needs a vector, row_vector or array, found " + v.type);
        }
        lowerer.checkSameSize(v.dims().get(0), Ops.multiply(rows, cols), "to_matrix at " + pos);
        return new Val.ViewVal(StanType.MATRIX, v, List.of(rows, cols),
                index -> List.of(Ops.add(Ops.multiply(index.get(1), rows), index.get(0))), List.of());
    }

    private Val segment(Val v, IrExpr start, IrExpr length) {
        IrExpr size = v.dims().get(0);
        return new Val.ViewVal(v.type, v, withFirst(length, v.dims()),
                index -> withFirst(Ops.index(Ops.add(start, index.get(0)), size), index), List.of());
    }

    /**
     * append_row (rows below rows) or append_col (columns beside columns): of two vectors or reals a vector
     * (append_row) or of two row_vectors or reals a row_vector (append_col); otherwise a matrix, where a vector is
     * one column and a row_vector one row.
     */
    private Val append(Val a, Val b, boolean rows, SourcePos pos) {
        String name = rows ? "append_row" : "append_col";
        BaseType line = rows ? BaseType.VECTOR : BaseType.ROW_VECTOR;
        boolean aLine = a.type.isScalar() || (a.type.arrayDims() == 0 && a.type.base() == line);
        boolean bLine = b.type.isScalar() || (b.type.arrayDims() == 0 && b.type.base() == line);
        if (aLine && bLine && !(a.type.isScalar() && b.type.isScalar())) {
            IrExpr first = a.type.isScalar() ? Ops.integer(1) : a.dims().get(0);
            IrExpr total = Ops.add(first, b.type.isScalar() ? Ops.integer(1) : b.dims().get(0));
            return new LinearAlgebra.Computed(new StanType(line, 0), List.of(total), List.of(a, b), index ->
                    new IrExpr.Conditional(Ops.call(Primitives.INT_LESS, index.get(0), first),
                            Ops.toReal(a.type.isScalar() ? a.scalar() : a.at(index)),
                            Ops.toReal(b.type.isScalar() ? b.scalar()
                                    : b.at(List.of(Ops.subtract(index.get(0), first))))));
        }
        Grid x = grid(a, name, pos);
        Grid y = grid(b, name, pos);
        int along = rows ? 0 : 1;
        int across = 1 - along;
        lowerer.checkSameSize(x.dims.get(across), y.dims.get(across), name + " at " + pos);
        IrExpr first = x.dims.get(along);
        List<IrExpr> dims = new ArrayList<>(x.dims);
        dims.set(along, Ops.add(first, y.dims.get(along)));
        return new LinearAlgebra.Computed(StanType.MATRIX, dims, List.of(a, b), index -> {
            List<IrExpr> shifted = new ArrayList<>(index);
            shifted.set(along, Ops.subtract(index.get(along), first));
            return new IrExpr.Conditional(Ops.call(Primitives.INT_LESS, index.get(along), first),
                    Ops.toReal(x.at(index)), Ops.toReal(y.at(shifted)));
        });
    }

    /** A vector, row_vector or matrix read as a matrix: a vector is one column, a row_vector one row. */
    private record Grid(List<IrExpr> dims, java.util.function.Function<List<IrExpr>, IrExpr> at) {
        IrExpr at(List<IrExpr> index) {
            return at.apply(index);
        }
    }

    private Grid grid(Val v, String name, SourcePos pos) {
        if (v.type.arrayDims() == 0) {
            switch (v.type.base()) {
                case MATRIX:
                    return new Grid(v.dims(), v::at);
                case VECTOR:
                    return new Grid(List.of(v.dims().get(0), Ops.integer(1)), index -> v.at(List.of(index.get(0))));
                case ROW_VECTOR:
                    return new Grid(List.of(Ops.integer(1), v.dims().get(0)), index -> v.at(List.of(index.get(1))));
                default:
                    break;
            }
        }
        throw lowerer.error(pos, name + " needs vectors, row_vectors, matrices or reals of matching shapes, found "
                + v.type);
    }

    private Val cumulativeSum(Val v, SourcePos pos) {
        if (v.type.rank() != 1) {
            throw lowerer.error(pos, "cumulative_sum needs a vector, row_vector or one-dimensional array");
        }
        lowerer.requireDataSized(v.dims(), "cumulative_sum's result", pos);
        IrVar out = lowerer.builder.local("cumulative_sum", v.type.isIntBased(), v.dims(), v.type.base(),
                v.type.arrayDims());
        if (v.isActive()) {
            out.markActive();
        }
        lowerer.add(new IrStmt.Declare(out));
        IrVar i = lowerer.builder.counter("i");
        IrExpr ii = Ops.read(i);
        IrExpr previous = new IrExpr.Conditional(Ops.call(Primitives.INT_GREATER, ii, Ops.integer(0)),
                new IrExpr.Read(out, List.of(Ops.subtract(ii, Ops.integer(1)))),
                v.type.isIntBased() ? Ops.integer(0) : Ops.ZERO);
        IrExpr element = v.at(List.of(ii));
        lowerer.add(new IrStmt.For(i, Ops.integer(0), IrBuilder.minusOne(v.dims().get(0)), List.of(
                new IrStmt.Assign(out, List.of(ii), v.type.isIntBased() ? Ops.add(previous, element)
                        : Ops.add(Ops.toReal(previous), element)))));
        return Val.of(out, v.type);
    }

    /** The lower Cholesky factor, column by column; a matrix that is not positive definite rejects the point. */
    private Val cholesky(Val a, SourcePos pos) {
        Val m = lowerer.cheap(a, "cholesky_argument", pos);
        IrExpr n = m.dims().get(0);
        lowerer.checkSameSize(n, m.dims().get(1), "cholesky_decompose of a non-square matrix at " + pos);
        lowerer.requireDataSized(List.of(n, n), "the Cholesky factor", pos);
        IrVar l = lowerer.builder.local("cholesky_factor", false, List.of(n, n), BaseType.MATRIX, 0);
        if (m.isActive()) {
            l.markActive();
        }
        lowerer.add(new IrStmt.Declare(l));
        IrVar j = lowerer.builder.counter("j");
        IrVar i = lowerer.builder.counter("i");
        IrExpr jj = Ops.read(j);
        IrExpr ii = Ops.read(i);
        IrVar k = lowerer.builder.counter("k");
        IrExpr kk = Ops.read(k);
        IrExpr before = Ops.subtract(jj, Ops.integer(1));
        IrExpr pivot = Ops.subtract(m.at(List.of(jj, jj)), new IrExpr.Sum(k, Ops.integer(0), before,
                Ops.call(Primitives.SQUARE, new IrExpr.Read(l, List.of(jj, kk)))));
        IrVar k2 = lowerer.builder.counter("k");
        IrExpr kk2 = Ops.read(k2);
        IrExpr below = Ops.divide(Ops.subtract(m.at(List.of(ii, jj)), new IrExpr.Sum(k2, Ops.integer(0), before,
                Ops.multiply(new IrExpr.Read(l, List.of(ii, kk2)), new IrExpr.Read(l, List.of(jj, kk2))))),
                new IrExpr.Read(l, List.of(jj, jj)));
        IrVar z = lowerer.builder.counter("i");
        List<IrStmt> column = List.of(
                new IrStmt.If(Ops.call(Primitives.LESS_EQUAL, pivot, Ops.ZERO), List.of(new IrStmt.Fail(
                        IrStmt.Fail.Kind.REJECT, List.of("cholesky_decompose: the matrix is not positive definite"))),
                        List.of()),
                new IrStmt.Assign(l, List.of(jj, jj), Ops.call(Primitives.SQRT, pivot)),
                new IrStmt.For(z, Ops.integer(0), before, List.of(
                        new IrStmt.Assign(l, List.of(Ops.read(z), jj), Ops.ZERO))),
                new IrStmt.For(i, Ops.add(jj, Ops.integer(1)), IrBuilder.minusOne(n), List.of(
                        new IrStmt.Assign(l, List.of(ii, jj), below))));
        lowerer.add(new IrStmt.For(j, Ops.integer(0), IrBuilder.minusOne(n), column));
        return Val.of(l, StanType.MATRIX);
    }

    private Val expQuadCov(Val x, Val alpha, Val rho, SourcePos pos) {
        if (x.type.rank() != 1 || !alpha.type.isScalar() || !rho.type.isScalar()) {
            throw lowerer.error(pos, "gp_exp_quad_cov is supported for (array[] real, real, real) so far");
        }
        Val sigma2 = lowerer.cheap(Val.of(Ops.call(Primitives.SQUARE, alpha.scalar())), "alpha_squared", pos);
        Val scale = lowerer.cheap(Val.of(Ops.divide(Ops.real(-0.5), Ops.call(Primitives.SQUARE, rho.scalar()))),
                "scale", pos);
        IrExpr n = x.dims().get(0);
        return new LinearAlgebra.Computed(StanType.MATRIX, List.of(n, n), List.of(x, sigma2, scale), index ->
                Ops.multiply(sigma2.scalar(), Ops.call(Primitives.EXP, Ops.multiply(scale.scalar(),
                        Ops.call(Primitives.SQUARE, Ops.subtract(x.at(List.of(index.get(0))),
                                x.at(List.of(index.get(1)))))))));
    }
}
