package manynuts.models.stan.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Tests of the Stan lexer and parser: posteriordb's programs, precedence, declarations and error messages. */
class StanParserTest {

    // -------------------------------------------------------------------------------------------------------------
    // posteriordb

    @Test
    void everyPosteriordbProgramParses() throws IOException {
        Path root = posteriordb();
        List<Path> programs = new ArrayList<>();
        for (String part : List.of("reference", "programs")) {
            try (Stream<Path> dirs = Files.list(root.resolve(part))) {
                dirs.map(d -> d.resolve("model.stan")).filter(Files::isRegularFile).sorted().forEach(programs::add);
            }
        }
        assertFalse(programs.isEmpty(), "no model.stan under " + root);
        int parsed = 0;
        List<String> refused = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (Path file : programs) {
            SourceText source = new SourceText(root.relativize(file).toString(), Files.readString(file));
            try {
                Program program = StanParser.parse(source);
                assertFalse(program.model().isEmpty() && program.generatedQuantities().isEmpty(),
                        file + " parsed to nothing");
                parsed++;
            } catch (StanException e) {
                // Refusing a program is fine only for a feature the compiler does not support.
                if (e.reason().contains("not supported")) {
                    refused.add(e.getMessage().lines().findFirst().orElse(""));
                } else {
                    failures.add(e.getMessage());
                }
            }
        }
        System.out.printf("posteriordb: %d of %d Stan programs parsed, %d refused as unsupported%n", parsed,
                programs.size(), refused.size());
        refused.forEach(r -> System.out.println("  refused: " + r));
        assertTrue(failures.isEmpty(), failures.size() + " programs failed to parse:\n"
                + String.join("\n\n", failures));
    }

    /** posteriordb's folder: shared/posteriordb next to the project or one of its parent folders. */
    private static Path posteriordb() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("posteriordb");
            if (Files.isDirectory(candidate.resolve("reference"))) {
                return candidate;
            }
        }
        fail("shared/posteriordb not found beside the project or any folder above " + Path.of("").toAbsolutePath()
                + "; the posteriordb test needs it");
        return null;
    }

    // -------------------------------------------------------------------------------------------------------------
    // Expressions: precedence and associativity

    @Test
    void unaryMinusBindsLooserThanRightAssociativePower() {
        assertEquals("(-(a^(b^c)))", expr("-a^b^c"));
        assertEquals("(a^(-b))", expr("a^-b"));
        assertEquals("((a^(-b)) * c)", expr("a ^ -b * c"));
        assertEquals("(a.^2)", expr("a .^ 2"));
        assertEquals("((-a) * b)", expr("-a * b"));
        assertEquals("(!(a && b))", expr("!(a && b)"));
    }

    @Test
    void arithmeticPrecedence() {
        assertEquals("(a + (b * (c')))", expr("a + b * c'"));
        assertEquals("((a - b) - c)", expr("a - b - c"));
        assertEquals("((a * b) .* c)", expr("a * b .* c"));
        assertEquals("(a * (b \\ c))", expr("a * b \\ c"));
        assertEquals("((a / b) % c)", expr("a / b % c"));
        assertEquals("(a + (n %/% 2))", expr("a + n %/% 2"));
        assertEquals("(((y - mu)') * Sigma)", expr("(y - mu)' * Sigma"));
    }

    @Test
    void logicAndConditionals() {
        assertEquals("(((a < b) && (c == d)) || e)", expr("a < b && c == d || e"));
        assertEquals("(a ? b : (c ? d : e))", expr("a ? b : c ? d : e"));
        assertEquals("((a <= b) != (c >= d))", expr("a <= b != c >= d"));
        assertEquals("(x < (-1))", expr("x<-1"));
    }

    @Test
    void indexingTransposeCallsAndLiterals() {
        assertEquals("x[1, 2:3, :]", expr("x[1, 2:3, :]"));
        assertEquals("x[:k, j:, i]", expr("x[:k, j:, i]"));
        assertEquals("y[(t - k)]", expr("y[t - k]"));
        assertEquals("(alpha[k, :]')", expr("alpha[k, :]'"));
        assertEquals("x[i][j]", expr("x[i][j]"));
        assertEquals("normal_lpdf(y | mu, sigma)", expr("normal_lpdf(y | mu, sigma)"));
        assertEquals("poisson_lpmf(y | )", expr("poisson_lpmf(y | )"));
        assertEquals("f(a, (b + 1))", expr("f(a, b + 1)"));
        assertEquals("target()", expr("target()"));
        assertEquals("get_lp()", expr("get_lp()"));
        assertEquals("{1, 2.5, 0.001}", expr("{1, 2.5, 1e-3}"));
        assertEquals("[1.0, 0.5, 2500.0]", expr("[1., .5, 2.5E+3]"));
        assertEquals("[]", expr("[]"));
        Expr.Call call = (Expr.Call) parseExpr("normal_lpdf(y | mu, sigma)");
        assertTrue(call.conditional());
        assertEquals(3, call.args().size());
        assertFalse(((Expr.Call) parseExpr("f(a, b)")).conditional());
    }

    // -------------------------------------------------------------------------------------------------------------
    // Declarations and statements

    @Test
    void oldAndNewArraySyntaxGiveTheSameDeclaration() {
        Program current = parse("data { int N; int K; array[N, K] real<lower=0> x; array[3] vector[K] b; }");
        Program old = parse("data { int N; int K; real<lower=0> x[N, K]; vector[K] b[3]; }");
        assertEquals(renderDeclarations(current.data()), renderDeclarations(old.data()));
        Declaration x = current.data().get(2);
        assertEquals(BaseType.REAL, x.base());
        assertEquals(2, x.arrayDims().size());
        Declaration b = current.data().get(3);
        assertEquals(BaseType.VECTOR, b.base());
        assertEquals("[3]", render(b.arrayDims()));
        assertEquals("[K]", render(b.sizes()));
    }

    @Test
    void boundsOffsetsAndConstrainedTypes() {
        Program program = parse("""
                data { real alpha1; int N; }
                parameters {
                  real<lower=0, upper=(1 - alpha1)> a;
                  vector<lower=-1, upper=1>[N] v;
                  real<upper=2 * alpha1, lower=-alpha1> u;
                  vector<offset=mu[1], multiplier=sd>[N] z;
                  real<multiplier=3> m;
                  simplex[N] s;
                  cholesky_factor_cov[N, 2] L;
                  cov_matrix[N] S;
                }
                """);
        List<Declaration> p = program.parameters();
        assertEquals("(1 - alpha1)", render(p.get(0).bounds().upper()));
        assertEquals("0", render(p.get(0).bounds().lower()));
        assertEquals("(-1)", render(p.get(1).bounds().lower()));
        assertEquals("[N]", render(p.get(1).sizes()));
        assertEquals("(2 * alpha1)", render(p.get(2).bounds().upper()));
        assertEquals("(-alpha1)", render(p.get(2).bounds().lower()));
        assertEquals("mu[1]", render(p.get(3).bounds().offset()));
        assertEquals("sd", render(p.get(3).bounds().multiplier()));
        assertNull(p.get(4).bounds().offset());
        assertEquals(Declaration.Kind.SIMPLEX, p.get(5).kind());
        assertEquals(BaseType.VECTOR, p.get(5).base());
        assertEquals(Declaration.Kind.CHOLESKY_FACTOR_COV, p.get(6).kind());
        assertEquals("[N, 2]", render(p.get(6).sizes()));
        assertEquals(BaseType.MATRIX, p.get(7).base());
        assertEquals("[N]", render(p.get(7).sizes()));
    }

    @Test
    void oldAssignmentIncrementLogProbAndHashComments() {
        Program program = parse("""
                parameters { real mu; }
                model {
                  # an old comment
                  real x[2];
                  x[1] <- mu;
                  increment_log_prob(normal_log(mu, 0, 1));
                  x[2] = x[1] + 1;
                }
                """);
        List<Stmt> model = program.model();
        Stmt.Assign assign = assertInstanceOf(Stmt.Assign.class, model.get(1));
        assertEquals("=", assign.op());
        assertEquals("x[1]", render(assign.target()));
        Stmt.TargetPlus increment = assertInstanceOf(Stmt.TargetPlus.class, model.get(2));
        assertEquals("normal_log(mu, 0, 1)", render(increment.value()));
    }

    @Test
    void statements() {
        Program program = parse("""
                functions {
                  real twice(real x);
                  real twice(real x) { return 2 * x; }
                  array[] real f_rng(data array[,] int n, real[] y, vector v) { return y; }
                  void hello_lp(matrix m) { print("m = ", m); return; }
                  real foo_lpdf(real y, real mu) { return normal_lpdf(y | mu, 1); }
                }
                parameters { real<lower=0> sigma; }
                model {
                  vector[3] v = [1, 2, 3]';
                  y ~ normal(0, sigma) T[0, ];
                  y ~ normal(0, sigma) T[, 5];
                  y ~ std_normal();
                  target += -0.5 * sigma^2;
                  for (i in 1:3) v[i] += 1;
                  for (x in v) { if (x > 2) break; else if (x < 0) continue; else ; }
                  while (sigma < 0) reject("negative: ", sigma);
                  v[:2] .*= v[2:];
                  hello_lp(v * v');
                }
                """);
        FunctionDef twiceDeclared = program.functions().get(0);
        assertNull(twiceDeclared.body());
        FunctionDef rng = program.functions().get(2);
        assertEquals(BaseType.REAL, rng.returnType());
        assertEquals(1, rng.returnArrayDims());
        assertEquals(2, rng.parameters().get(0).arrayDims());
        assertTrue(rng.parameters().get(0).dataOnly());
        assertEquals(1, rng.parameters().get(1).arrayDims());
        assertFalse(rng.parameters().get(1).dataOnly());
        assertEquals(BaseType.VOID, program.functions().get(3).returnType());

        List<Stmt> model = program.model();
        Stmt.Tilde lowerOnly = assertInstanceOf(Stmt.Tilde.class, model.get(1));
        assertTrue(lowerOnly.truncated());
        assertEquals("0", render(lowerOnly.truncateLower()));
        assertNull(lowerOnly.truncateUpper());
        Stmt.Tilde upperOnly = assertInstanceOf(Stmt.Tilde.class, model.get(2));
        assertNull(upperOnly.truncateLower());
        assertEquals("5", render(upperOnly.truncateUpper()));
        Stmt.Tilde plain = assertInstanceOf(Stmt.Tilde.class, model.get(3));
        assertFalse(plain.truncated());
        assertTrue(plain.args().isEmpty());
        assertInstanceOf(Stmt.TargetPlus.class, model.get(4));
        Stmt.For loop = assertInstanceOf(Stmt.For.class, model.get(5));
        assertEquals("+=", assertInstanceOf(Stmt.Assign.class, loop.body()).op());
        Stmt.ForEach each = assertInstanceOf(Stmt.ForEach.class, model.get(6));
        Stmt.If chain = assertInstanceOf(Stmt.If.class, ((Stmt.Block) each.body()).statements().get(0));
        assertInstanceOf(Stmt.Break.class, chain.then());
        Stmt.If elseIf = assertInstanceOf(Stmt.If.class, chain.otherwise());
        assertInstanceOf(Stmt.Empty.class, elseIf.otherwise());
        Stmt.While loopWhile = assertInstanceOf(Stmt.While.class, model.get(7));
        Stmt.Print reject = assertInstanceOf(Stmt.Print.class, loopWhile.body());
        assertEquals("reject", reject.kind());
        assertInstanceOf(Expr.StringLit.class, reject.args().get(0));
        assertEquals(".*=", assertInstanceOf(Stmt.Assign.class, model.get(8)).op());
        assertInstanceOf(Stmt.CallStatement.class, model.get(9));
    }

    @Test
    void blockVariablesAndLocals() {
        Program program = parse("""
                transformed data { int<lower=0> n = 3; { real local = 1; } }
                parameters { real mu; }
                generated quantities { array[n] int<lower=0, upper=1> z; real w, q = 2; }
                """);
        assertEquals(1, Program.declarations(program.transformedData()).size());
        assertEquals(List.of("z", "w", "q"),
                Program.declarations(program.generatedQuantities()).stream().map(Declaration::name).toList());
    }

    // -------------------------------------------------------------------------------------------------------------
    // Errors

    @Test
    void missingSemicolonPointsAfterTheStatement() {
        StanException e = error("model {\n  mu ~ normal(0, 1)\n  sigma ~ normal(0, 1);\n}\n");
        assertPlace(e, 2, 20, "expected ';' after the statement");
        assertTrue(e.getMessage().contains("\n    mu ~ normal(0, 1)\n                     ^"), e.getMessage());
    }

    @Test
    void unknownBlock() {
        StanException e = error("data { int N; }\nparamters { real mu; }\n");
        assertPlace(e, 2, 1, "unknown block \"paramters\" (did you mean parameters?)");
    }

    @Test
    void blocksOutOfOrder() {
        StanException e = error("parameters { real mu; }\ndata { int N; }\n");
        assertPlace(e, 2, 1, "blocks out of order: data must come before parameters");
    }

    @Test
    void unclosedBracePointsAtTheBrace() {
        StanException atEnd = error("parameters { real mu; }\nmodel {\n  for (i in 1:3) {\n    mu ~ normal(0, 1);\n}\n");
        assertPlace(atEnd, 2, 7, "unclosed '{': no matching '}' before the end of the program");
        StanException beforeBlock = error("data {\n  int N;\nparameters { real mu; }\n");
        assertPlace(beforeBlock, 1, 6, "unclosed '{': no matching '}' before the parameters block");
    }

    @Test
    void boundOnALocal() {
        StanException e = error("model {\n  real<lower=0> x;\n}\n");
        assertPlace(e, 2, 7, "local variables cannot have constraints");
        StanException kind = error("model {\n  { simplex[3] s; }\n}\n");
        assertEquals(new SourcePos(2, 5), kind.pos());
        assertTrue(kind.reason().startsWith("local variables cannot have constraints"), kind.reason());
    }

    @Test
    void otherErrors() {
        assertPlace(error("data { real x = 1; }"), 1, 15, "variables of the data block cannot have an initial value");
        assertPlace(error("model { x = ; }"), 1, 13, "expected an expression, found ';'");
        assertPlace(error("model { x = 2i; }"), 1, 13, "complex numbers are not supported (imaginary literal 2i)");
        assertPlace(error("data { complex z; }"), 1, 8, "complex numbers are not supported (type complex)");
        assertPlace(error("data { tuple(real, int) t; }"), 1, 8, "tuples are not supported");
        assertPlace(error("model { rea x; }"), 1, 9, "unknown type \"rea\"");
        assertPlace(error("model { x + 1; }"), 1, 9,
                "an expression alone is not a statement: assign it, or use it in a '~' or 'target +=' statement");
        assertPlace(error("model {\n  /* never closed\n}"), 2, 3, "unclosed comment: '/*' without a matching '*/'");
        assertEquals("a string can only be an argument of print, reject or fatal_error",
                error("model { x = \"s\"; }").reason());
        assertTrue(error("model { target = 1; }").reason().startsWith("target can only be added to"));
        assertTrue(error("data { real<lower=0 x; }").reason().startsWith("expected '>' to close the bounds"));
    }

    // -------------------------------------------------------------------------------------------------------------
    // Helpers

    private static Program parse(String text) {
        return StanParser.parse(new SourceText("test.stan", text));
    }

    private static StanException error(String text) {
        return assertThrows(StanException.class, () -> parse(text));
    }

    /** The message's first line is NAME:LINE:COLUMN: reason; then the source line and a caret under the column. */
    private static void assertPlace(StanException e, int line, int column, String reason) {
        String[] lines = e.getMessage().split("\n");
        assertEquals("test.stan:" + line + ":" + column + ": " + reason, lines[0], e.getMessage());
        assertEquals(3, lines.length, e.getMessage());
        assertEquals(column + 2, lines[2].indexOf('^') + 1, e.getMessage());
    }

    private static Expr parseExpr(String text) {
        Program program = parse("model { target += " + text + "; }");
        return ((Stmt.TargetPlus) program.model().get(0)).value();
    }

    private static String expr(String text) {
        return render(parseExpr(text));
    }

    /** An expression with every operator application in parentheses, so that the tree's shape shows. */
    static String render(Expr e) {
        if (e == null) {
            return "null";
        }
        // Java 17 has no pattern matching in switch, hence the instanceof chain.
        if (e instanceof Expr.IntLit lit) {
            return Long.toString(lit.value());
        } else if (e instanceof Expr.RealLit lit) {
            return Double.toString(lit.value());
        } else if (e instanceof Expr.StringLit lit) {
            return '"' + lit.value() + '"';
        } else if (e instanceof Expr.Variable v) {
            return v.name();
        } else if (e instanceof Expr.Unary u) {
            return "(" + u.op() + render(u.operand()) + ")";
        } else if (e instanceof Expr.Binary b) {
            // Powers are written tight, as in Stan code; everything else with spaces.
            String op = b.op().endsWith("^") ? b.op() : " " + b.op() + " ";
            return "(" + render(b.left()) + op + render(b.right()) + ")";
        } else if (e instanceof Expr.Conditional c) {
            return "(" + render(c.condition()) + " ? " + render(c.ifTrue()) + " : " + render(c.ifFalse()) + ")";
        } else if (e instanceof Expr.Call c) {
            return c.name() + "(" + renderArgs(c) + ")";
        } else if (e instanceof Expr.Indexed i) {
            return render(i.base()) + "["
                    + i.indices().stream().map(StanParserTest::render).collect(Collectors.joining(", ")) + "]";
        } else if (e instanceof Expr.Transpose t) {
            return "(" + render(t.operand()) + "')";
        } else if (e instanceof Expr.ArrayLiteral a) {
            return "{" + join(a.elements()) + "}";
        } else if (e instanceof Expr.RowVectorLiteral r) {
            return "[" + join(r.elements()) + "]";
        }
        throw new AssertionError("unknown expression " + e);
    }

    private static String renderArgs(Expr.Call call) {
        if (!call.conditional()) {
            return join(call.args());
        }
        return render(call.args().get(0)) + " | " + join(call.args().subList(1, call.args().size()));
    }

    private static String render(Expr.Index index) {
        if (index instanceof Expr.Index.Single single) {
            return render(single.value());
        }
        Expr.Index.Range range = (Expr.Index.Range) index;
        return (range.lower() == null ? "" : render(range.lower())) + ":"
                + (range.upper() == null ? "" : render(range.upper()));
    }

    private static String render(List<Expr> exprs) {
        return "[" + join(exprs) + "]";
    }

    private static String join(List<Expr> exprs) {
        return exprs.stream().map(StanParserTest::render).collect(Collectors.joining(", "));
    }

    /** A declaration without positions, to compare two parses of different text. */
    private static String render(Declaration d) {
        Declaration.Bounds b = d.bounds();
        return d.name() + ":" + d.base() + ":" + d.kind() + ":" + render(d.sizes()) + ":" + render(d.arrayDims())
                + ":<" + render(b.lower()) + "," + render(b.upper()) + "," + render(b.offset()) + ","
                + render(b.multiplier()) + ">=" + render(d.initial());
    }

    private static List<String> renderDeclarations(List<Declaration> declarations) {
        return declarations.stream().map(StanParserTest::render).toList();
    }
}
