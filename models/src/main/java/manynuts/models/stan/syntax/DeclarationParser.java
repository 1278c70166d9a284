package manynuts.models.stan.syntax;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The declaration half of the Stan parser: variable declarations with their types, sizes, bounds and array
 * dimensions (current and old syntax), and the unsized types of function arguments and results.
 */
abstract class DeclarationParser extends ExpressionParser {

    /** The words a variable declaration starts with, the unsupported types included so they get a clear error. */
    protected static final Set<String> TYPE_WORDS = Set.of("int", "real", "vector", "row_vector", "matrix", "array",
            "simplex", "unit_vector", "sum_to_zero_vector", "ordered", "positive_ordered", "cholesky_factor_corr",
            "cholesky_factor_cov", "corr_matrix", "cov_matrix", "complex", "complex_vector", "complex_row_vector",
            "complex_matrix", "tuple", "sum_to_zero_matrix", "column_stochastic_matrix", "row_stochastic_matrix");

    protected DeclarationParser(SourceText source) {
        super(source);
    }

    /** Whether a declaration starts here: a type word ({@code array} only when a bracket follows). */
    protected boolean atDeclarationStart() {
        Token token = peek();
        return token.kind() == Token.Kind.IDENTIFIER && TYPE_WORDS.contains(token.text())
                && (!token.text().equals("array") || peek(1).is("["));
    }

    /** A sized type as declared: base, constrained kind, sizes and bounds. */
    private record SizedType(BaseType base, Declaration.Kind kind, List<Expr> sizes, Declaration.Bounds bounds) {
    }

    /**
     * {@code array[N] real<lower=0> x = e, y;} or the old {@code real<lower=0> x[N];}: one declaration per name.
     *
     * @param local          whether the variables are locals, which cannot have constraints
     * @param noInitialBlock the block whose variables cannot have an initial value (data, parameters), or null
     */
    protected List<Declaration> parseDeclarations(boolean local, String noInitialBlock) {
        Token start = peek();
        List<Expr> arrayDims = List.of();
        if (atWord("array")) {
            next();
            Token open = expect("[", "after 'array'");
            arrayDims = parseList("]", "to close the array dimensions");
            if (arrayDims.isEmpty()) {
                throw error(open.pos(), "a declared array needs its sizes, as in array[N] real x");
            }
        }
        SizedType type = parseSizedType(local);
        List<Declaration> declarations = new ArrayList<>();
        boolean oldArraySyntax;
        do {
            Token name = expectName("a variable name");
            List<Expr> dims = arrayDims;
            oldArraySyntax = at("[");
            if (oldArraySyntax) {
                Token open = next();
                if (!arrayDims.isEmpty()) {
                    throw error(open.pos(), "array dimensions given twice: both array[...] and after the name");
                }
                dims = parseList("]", "to close the array dimensions");
                if (dims.isEmpty()) {
                    throw error(open.pos(), "a declared array needs its sizes, as in x[N]");
                }
            }
            Expr initial = null;
            if (at("=")) {
                Token equals = next();
                if (noInitialBlock != null) {
                    throw error(equals.pos(), "variables of the " + noInitialBlock + " block cannot have an initial"
                            + " value");
                }
                initial = parseExpression();
            }
            declarations.add(new Declaration(start.pos(), name.text(), type.base(), type.kind(), type.sizes(), dims,
                    type.bounds(), initial));
            // Several names share one type only in the current syntax, as in stanc3.
        } while (!oldArraySyntax && accept(","));
        expect(";", "after the declaration");
        return declarations;
    }

    private SizedType parseSizedType(boolean local) {
        Token word = expectIdentifier("a type");
        Declaration.Bounds bounds = Declaration.Bounds.NONE;
        Declaration.Kind kind = Declaration.Kind.PLAIN;
        BaseType base;
        List<Expr> sizes;
        switch (word.text()) {
            case "int", "real" -> {
                base = word.text().equals("int") ? BaseType.INT : BaseType.REAL;
                bounds = parseBounds(word, local);
                sizes = List.of();
            }
            case "vector", "row_vector" -> {
                base = word.text().equals("vector") ? BaseType.VECTOR : BaseType.ROW_VECTOR;
                bounds = parseBounds(word, local);
                sizes = parseSizes(word, 1, 1);
            }
            case "matrix" -> {
                base = BaseType.MATRIX;
                bounds = parseBounds(word, local);
                sizes = parseSizes(word, 2, 2);
            }
            case "simplex", "unit_vector", "sum_to_zero_vector", "ordered", "positive_ordered" -> {
                base = BaseType.VECTOR;
                kind = Declaration.Kind.valueOf(word.text().toUpperCase(Locale.ROOT));
                sizes = parseSizes(word, 1, 1);
            }
            case "cholesky_factor_corr", "corr_matrix", "cov_matrix", "cholesky_factor_cov" -> {
                base = BaseType.MATRIX;
                kind = Declaration.Kind.valueOf(word.text().toUpperCase(Locale.ROOT));
                sizes = parseSizes(word, 1, kind == Declaration.Kind.CHOLESKY_FACTOR_COV ? 2 : 1);
            }
            default -> throw unsupportedType(word);
        }
        if (local && kind != Declaration.Kind.PLAIN) {
            throw error(word.pos(), "local variables cannot have constraints: declare it as a " + base.stanName()
                    + " instead of " + word.text());
        }
        return new SizedType(base, kind, sizes, bounds);
    }

    /** The error for a type word this compiler does not accept: unsupported types name the feature. */
    protected StanException unsupportedType(Token word) {
        String text = word.text();
        if (text.startsWith("complex")) {
            return error(word.pos(), "complex numbers are not supported (type " + text + ")");
        }
        if (text.equals("tuple")) {
            return error(word.pos(), "tuples are not supported");
        }
        if (TYPE_WORDS.contains(text)) {
            return error(word.pos(), "the type " + text + " is not supported");
        }
        return error(word.pos(), "expected a type (int, real, vector, row_vector, matrix, ...), found '" + text
                + "'");
    }

    /** {@code [N]} or {@code [N, M]} after a type word, with between {@code min} and {@code max} sizes. */
    private List<Expr> parseSizes(Token type, int min, int max) {
        if (!at("[")) {
            throw expected("'[' with the size" + (max > 1 ? "s" : "") + " of the " + type.text()
                    + (min == 2 ? ", as in matrix[N, M]" : ", as in " + type.text() + "[N]"));
        }
        Token open = next();
        List<Expr> sizes = parseList("]", "to close the size" + (max > 1 ? "s" : "") + " of the " + type.text());
        if (sizes.size() < min || sizes.size() > max) {
            throw error(open.pos(), type.text() + " takes " + (min == max ? String.valueOf(min) : min + " or " + max)
                    + " size" + (max > 1 ? "s" : "") + ", found " + sizes.size());
        }
        return sizes;
    }

    /** {@code <lower=L, upper=U>} or {@code <offset=O, multiplier=M>}, either order, either half; or nothing. */
    private Declaration.Bounds parseBounds(Token type, boolean local) {
        if (!at("<")) {
            return Declaration.Bounds.NONE;
        }
        Token open = next();
        if (local) {
            throw error(open.pos(), "local variables cannot have constraints");
        }
        Expr[] values = new Expr[4];
        List<String> keys = List.of("lower", "upper", "offset", "multiplier");
        do {
            Token key = expectIdentifier("'lower', 'upper', 'offset' or 'multiplier'");
            int which = keys.indexOf(key.text());
            if (which < 0) {
                throw error(key.pos(), "unknown bound '" + key.text() + "': expected lower, upper, offset or"
                        + " multiplier");
            }
            if (values[which] != null) {
                throw error(key.pos(), key.text() + " is given twice");
            }
            expect("=", "after '" + key.text() + "'");
            values[which] = parseBoundExpression();
        } while (accept(","));
        expect(">", "to close the bounds (a comparison inside a bound needs parentheses)");
        boolean range = values[0] != null || values[1] != null;
        boolean affine = values[2] != null || values[3] != null;
        if (range && affine) {
            throw error(open.pos(), "lower/upper cannot be combined with offset/multiplier");
        }
        if (affine && type.text().equals("int")) {
            throw error(open.pos(), "int variables cannot have an offset or multiplier");
        }
        return new Declaration.Bounds(values[0], values[1], values[2], values[3]);
    }

    /** An identifier that names something new (variable, argument, function): keywords are refused. */
    protected Token expectName(String what) {
        Token name = expectIdentifier(what);
        if (RESERVED.contains(name.text())) {
            throw error(name.pos(), "'" + name.text() + "' is a reserved word and cannot be used as a name");
        }
        return name;
    }

    /** A type without sizes, for function arguments and return types: {@code array[,] real} or {@code real[,]}. */
    protected record UnsizedType(BaseType base, int arrayDims) {
    }

    protected UnsizedType parseUnsizedType() {
        int dims = 0;
        if (atWord("array")) {
            next();
            expect("[", "after 'array'");
            dims = parseUnsizedDims();
        }
        Token word = expectIdentifier("a type");
        BaseType base = switch (word.text()) {
            case "int" -> BaseType.INT;
            case "real" -> BaseType.REAL;
            case "vector" -> BaseType.VECTOR;
            case "row_vector" -> BaseType.ROW_VECTOR;
            case "matrix" -> BaseType.MATRIX;
            default -> {
                if (word.text().startsWith("complex") || word.text().equals("tuple")
                        || !TYPE_WORDS.contains(word.text())) {
                    throw unsupportedType(word);
                }
                throw error(word.pos(), "function arguments and results cannot have constrained types such as "
                        + word.text() + ": use vector or matrix");
            }
        };
        if (at("<")) {
            throw error(peek().pos(), "function arguments and results cannot have bounds");
        }
        if (at("[")) {
            Token open = next();
            if (dims > 0) {
                throw error(open.pos(), "array dimensions given twice: both array[...] and after the type");
            }
            dims = parseUnsizedDims();
        }
        return new UnsizedType(base, dims);
    }

    /** The commas of {@code [,,]} after its opening bracket: the number of dimensions. */
    private int parseUnsizedDims() {
        int dims = 1;
        while (accept(",")) {
            dims++;
        }
        expect("]", "(function argument and result types have no sizes: write array[] real or array[,] real)");
        return dims;
    }
}
