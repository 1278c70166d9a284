package manynuts.models.stan.emit;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import manynuts.models.stan.ir.IrExpr;
import manynuts.models.stan.ir.IrVar;
import manynuts.models.stan.ir.Primitive;

/**
 * Writes scalar expressions of the lowered program in a {@link Dialect} (Java, CUDA C++): values into constant locals
 * (each subexpression once, so the reverse sweep can reuse them), reductions as loops, and the adjoint updates of
 * reverse mode.
 */
public final class Code {
    private final Dialect dialect;
    private final StringBuilder out = new StringBuilder();
    private final Deque<Map<IrExpr, String>> values = new ArrayDeque<>();
    private final Map<IrExpr, String> argmax = new HashMap<>();
    private int indent;
    /** The reduction loops being differentiated, innermost first (see {@link #accumulate}). */
    private final Deque<Hoist> hoists = new ArrayDeque<>();

    /**
     * Adjoints a reduction loop adds to at the same place on every iteration (a scalar parameter's, a coefficient's
     * in a regression's likelihood): summed in a local instead, so the loop carries a register rather than a store
     * and a load per iteration, and added to their place once after it.
     */
    private static final class Hoist {
        /** The loop's counter and every counter bound inside it: an index reading one varies. */
        final java.util.Set<IrVar> varying = new java.util.HashSet<>();
        final int insertAt;
        final String indentation;
        final Map<String, String> locals = new java.util.LinkedHashMap<>();

        Hoist(IrVar counter, int insertAt, String indentation) {
            varying.add(counter);
            this.insertAt = insertAt;
            this.indentation = indentation;
        }
    }
    private int next;

    /** Code written at {@code indent} levels of four spaces. */
    public Code(Dialect dialect, int indent) {
        this.dialect = dialect;
        this.indent = indent;
        values.push(new HashMap<>());
    }

    public Dialect dialect() {
        return dialect;
    }

    public String text() {
        return out.toString();
    }

    /** Writes a line (or several, separated by newlines) at the current indent. */
    public void line(String text) {
        for (String line : text.split("\n")) {
            out.append("    ".repeat(indent)).append(line).append('\n');
        }
    }

    public void open(String text) {
        line(text.isEmpty() ? "{" : text + " {");
        indent++;
        values.push(new HashMap<>());
    }

    public void close() {
        values.pop();
        indent--;
        line("}");
    }

    /** Closes a block and opens the next one on the same line, as in {@code } else {}. */
    public void reopen(String text) {
        values.pop();
        indent--;
        line("} " + text + " {");
        indent++;
        values.push(new HashMap<>());
    }

    /** Forgets every value computed so far: the next statement may have changed any variable. */
    public void forget() {
        for (Map<IrExpr, String> scope : values) {
            scope.clear();
        }
        if (values.isEmpty()) {
            values.push(new HashMap<>());
        }
    }

    public String fresh(String hint) {
        return hint + "__" + next++;
    }

    // ---- variables

    public static String name(IrVar v) {
        return v.id();
    }

    public static String adjoint(IrVar v) {
        return v.id() + "__a";
    }

    public static String dim(IrVar v, int k) {
        return v.id() + "__d" + k;
    }

    /** The flat position of an element, written from int expressions. */
    public String position(IrVar v, List<IrExpr> index) {
        if (v.role() == IrVar.Role.UNCONSTRAINED) {
            return dialect.unconstrained(integer(index.get(0)));
        }
        String position = integer(index.get(0));
        for (int k = 1; k < index.size(); k++) {
            position = "(" + position + ") * " + dim(v, k) + " + " + integer(index.get(k));
        }
        return position;
    }

    /** The storage of an element (value), e.g. {@code theta[i]}. */
    public String cell(IrVar v, List<IrExpr> index) {
        if (v.role() == IrVar.Role.UNCONSTRAINED) {
            return dialect.element(v, "u__", position(v, index));
        }
        return index.isEmpty() ? dialect.scalar(v, name(v)) : dialect.element(v, name(v), position(v, index));
    }

    /** The storage of an element's adjoint. */
    public String adjointCell(IrVar v, List<IrExpr> index) {
        if (v.role() == IrVar.Role.UNCONSTRAINED) {
            return dialect.element(v, "g__", position(v, index));
        }
        return index.isEmpty() ? adjoint(v) : dialect.element(v, adjoint(v), position(v, index));
    }

    // ---- values

    /** An int expression, inline (ints are indices and sizes: cheap, and never differentiated). */
    public String integer(IrExpr e) {
        if (e instanceof IrExpr.Int n) {
            return n.value() < 0 ? "(" + n.value() + ")" : Long.toString(n.value());
        }
        if (e instanceof IrExpr.Read read) {
            return cell(read.variable(), read.index());
        }
        if (e instanceof IrExpr.Call call) {
            String[] args = new String[call.args().size()];
            for (int k = 0; k < args.length; k++) {
                IrExpr arg = call.args().get(k);
                args[k] = arg.isInt() ? integer(arg) : real(arg);
            }
            return substitute(dialect.template(call.primitive().value()), args, null);
        }
        if (e instanceof IrExpr.Conditional c) {
            return "(" + integer(c.condition()) + " != 0 ? " + integer(c.ifTrue()) + " : " + integer(c.ifFalse())
                    + ")";
        }
        if (e instanceof IrExpr.Sum || e instanceof IrExpr.Extreme) {
            return reduction(e);
        }
        throw new IllegalStateException("not an int: " + e);
    }

    /** A real expression: a literal or variable inline, anything else computed once into a final local. */
    public String real(IrExpr e) {
        if (e.isInt()) {
            return dialect.toReal(integer(e));
        }
        if (e instanceof IrExpr.Real r) {
            return dialect.literal(r.value());
        }
        if (e instanceof IrExpr.Read read) {
            return cell(read.variable(), read.index());
        }
        String known = known(e);
        if (known != null) {
            return known;
        }
        String result;
        if (e instanceof IrExpr.Call call) {
            String[] args = new String[call.args().size()];
            for (int k = 0; k < args.length; k++) {
                IrExpr arg = call.args().get(k);
                args[k] = arg.isInt() ? integer(arg) : real(arg);
            }
            result = fresh("v");
            line(dialect.constant(dialect.real()) + " " + result + " = "
                    + substitute(dialect.template(call.primitive().value()), args, null) + ";");
        } else if (e instanceof IrExpr.Conditional c) {
            result = fresh("v");
            line(dialect.real() + " " + result + ";");
            open("if (" + integer(c.condition()) + " != 0)");
            line(result + " = " + real(c.ifTrue()) + ";");
            reopen("else");
            line(result + " = " + real(c.ifFalse()) + ";");
            close();
        } else {
            result = reduction(e);
        }
        values.peek().put(e, result);
        return result;
    }

    /** Records that {@code e}'s value is in {@code storage} (a variable that holds it) for the current block. */
    public void know(IrExpr e, String storage) {
        if (!e.isInt() && !(e instanceof IrExpr.Read) && !(e instanceof IrExpr.Real)) {
            values.peek().put(e, storage);
        }
    }

    private String known(IrExpr e) {
        for (Map<IrExpr, String> scope : values) {
            String name = scope.get(e);
            if (name != null) {
                return name;
            }
        }
        return null;
    }

    /** A sum or extreme as a loop into a local; an extreme also remembers where it was attained. */
    private String reduction(IrExpr e) {
        String known = known(e);
        if (known != null) {
            return known;
        }
        String type = e.isInt() ? "int" : dialect.real();
        String result = fresh("r");
        if (e instanceof IrExpr.Sum sum) {
            line(type + " " + result + " = 0;");
            String counter = name(sum.counter());
            open("for (int " + counter + " = " + integer(sum.lower()) + ", " + counter + "__end = "
                    + integer(sum.upper()) + "; " + counter + " <= " + counter + "__end; " + counter + "++)");
            line(result + " += " + (e.isInt() ? integer(sum.term()) : real(sum.term())) + ";");
            close();
        } else {
            IrExpr.Extreme m = (IrExpr.Extreme) e;
            String at = fresh("at");
            line(type + " " + result + " = " + (e.isInt() ? dialect.intLimit(!m.smallest())
                    : dialect.literal(m.smallest() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY)) + ";");
            line("int " + at + " = " + integer(m.lower()) + ";");
            String counter = name(m.counter());
            open("for (int " + counter + " = " + integer(m.lower()) + ", " + counter + "__end = "
                    + integer(m.upper()) + "; " + counter + " <= " + counter + "__end; " + counter + "++)");
            String term = e.isInt() ? integer(m.term()) : real(m.term());
            open("if (" + term + (m.smallest() ? " < " : " > ") + result + ")");
            line(result + " = " + term + ";");
            line(at + " = " + counter + ";");
            close();
            close();
            argmax.put(e, at);
        }
        values.peek().put(e, result);
        return result;
    }

    /** A template with its arguments (and result) put in; an argument used twice is read from a local. */
    private String substitute(String template, String[] args, String result) {
        String text = template;
        for (int k = args.length - 1; k >= 0; k--) {
            text = text.replace("$" + k, parenthesised(args[k]));
        }
        if (result != null) {
            text = text.replace("$r", result);
        }
        return text;
    }

    private static String parenthesised(String text) {
        return text.matches("[A-Za-z0-9_.]+(\\[[^\\[\\]]*\\])?") ? text : "(" + text + ")";
    }

    // ---- reverse mode

    /** Starts a reduction loop over {@code counter}: call before its header. */
    private void openReduction(IrVar counter) {
        bindInside(counter);
        hoists.push(new Hoist(counter, out.length(), "    ".repeat(indent)));
    }

    /** Records a counter bound inside the open reduction loops: indices that read it vary in each of them. */
    private void bindInside(IrVar counter) {
        hoists.forEach(h -> h.varying.add(counter));
    }

    /** Ends it: declares its accumulators before the loop and adds them to their places after it. */
    private void closeReduction() {
        Hoist hoist = hoists.pop();
        if (hoist.locals.isEmpty()) {
            return;
        }
        StringBuilder declarations = new StringBuilder();
        hoist.locals.values().forEach(local -> declarations.append(hoist.indentation).append(dialect.real())
                .append(' ').append(local).append(" = 0.0;\n"));
        out.insert(hoist.insertAt, declarations);
        hoist.locals.forEach((cell, local) -> line(cell + " += " + local + ";"));
    }

    /** Adds {@code adjoint} to the adjoint of {@code read}, through the innermost loop's accumulator where it can. */
    private void accumulate(IrExpr.Read read, String adjoint) {
        String cell = adjointCell(read.variable(), read.index());
        Hoist hoist = hoists.peek();
        if (hoist != null && read.index().stream().noneMatch(i -> dependsOn(i, hoist.varying))) {
            String local = hoist.locals.computeIfAbsent(cell, c -> fresh("sum"));
            line(local + " += " + adjoint + ";");
        } else {
            line(cell + " += " + adjoint + ";");
        }
    }

    /** Whether an int expression reads any of {@code v} (counters that change inside a reduction loop). */
    private static boolean dependsOn(IrExpr e, java.util.Set<IrVar> v) {
        if (e instanceof IrExpr.Read r) {
            return v.contains(r.variable()) || r.index().stream().anyMatch(i -> dependsOn(i, v));
        }
        if (e instanceof IrExpr.Call c) {
            return c.args().stream().anyMatch(a -> dependsOn(a, v));
        }
        if (e instanceof IrExpr.Conditional c) {
            return dependsOn(c.condition(), v) || dependsOn(c.ifTrue(), v) || dependsOn(c.ifFalse(), v);
        }
        // A reduction inside an index is not worth analysing: treat it as varying.
        return e instanceof IrExpr.Sum || e instanceof IrExpr.Extreme;
    }

    /**
     * The value of {@code e}, with its derivatives times {@code adjoint} added to the adjoints of what it reads in the
     * same pass: a sum's terms are differentiated in the loop that adds them, while their values are at hand. Only
     * for expressions whose inputs do not change afterwards (target increments of written-once variables).
     */
    public String valueAndBackpropagate(IrExpr e, String adjoint) {
        if (!e.isActive()) {
            return real(e);
        }
        if (e instanceof IrExpr.Sum sum) {
            String result = fresh("r");
            line(dialect.real() + " " + result + " = 0;");
            String counter = name(sum.counter());
            openReduction(sum.counter());
            open("for (int " + counter + " = " + integer(sum.lower()) + ", " + counter + "__end = "
                    + integer(sum.upper()) + "; " + counter + " <= " + counter + "__end; " + counter + "++)");
            line(result + " += " + valueAndBackpropagate(sum.term(), adjoint) + ";");
            close();
            closeReduction();
            return result;
        }
        if (e instanceof IrExpr.Call call && call.args().size() == 2) {
            String op = call.primitive().name();
            IrExpr a = call.args().get(0);
            IrExpr b = call.args().get(1);
            if (op.equals("add") || op.equals("subtract")) {
                String left = valueAndBackpropagate(a, adjoint);
                String negated = adjoint;
                if (op.equals("subtract") && b.isActive()) {
                    negated = fresh("g");
                    line(dialect.constant(dialect.real()) + " " + negated + " = -" + adjoint + ";");
                }
                String right = valueAndBackpropagate(b, negated);
                String result = fresh("v");
                line(dialect.constant(dialect.real()) + " " + result + " = " + left + (op.equals("add") ? " + " : " - ") + right + ";");
                return result;
            }
            if (op.equals("multiply") && a.isActive() != b.isActive()) {
                IrExpr constant = a.isActive() ? b : a;
                IrExpr varying = a.isActive() ? a : b;
                String factor = real(constant);
                String scaled = fresh("g");
                line(dialect.constant(dialect.real()) + " " + scaled + " = " + adjoint + " * " + factor + ";");
                String value = valueAndBackpropagate(varying, scaled);
                String result = fresh("v");
                line(dialect.constant(dialect.real()) + " " + result + " = " + factor + " * " + value + ";");
                return result;
            }
        }
        String value = real(e);
        backpropagate(e, adjoint);
        return value;
    }

    /** Adds {@code adjoint} times the derivative of {@code e} to the adjoint of every variable e reads. */
    public void backpropagate(IrExpr e, String adjoint) {
        if (!e.isActive()) {
            return;
        }
        if (e instanceof IrExpr.Read read) {
            accumulate(read, adjoint);
        } else if (e instanceof IrExpr.Call call) {
            Primitive p = call.primitive();
            if (p.partials() == null) {
                throw new IllegalStateException(p.name() + " has no derivative");
            }
            String[] args = new String[call.args().size()];
            for (int k = 0; k < args.length; k++) {
                IrExpr arg = call.args().get(k);
                args[k] = arg.isInt() ? integer(arg) : real(arg);
            }
            String result = p.partialsUseResult() ? real(e) : null;
            for (int k = 0; k < args.length; k++) {
                IrExpr arg = call.args().get(k);
                if (!arg.isActive() || p.zeroPartial(k)) {
                    continue;
                }
                String partial = p.partials().get(k);
                String scaled;
                if (partial.equals("1.0")) {
                    scaled = adjoint;
                } else if (partial.equals("-1.0")) {
                    scaled = fresh("g");
                    line(dialect.constant(dialect.real()) + " " + scaled + " = -" + adjoint + ";");
                } else {
                    scaled = fresh("g");
                    line(dialect.constant(dialect.real()) + " " + scaled + " = " + adjoint + " * "
                            + parenthesised(substitute(dialect.template(partial), args, result)) + ";");
                }
                backpropagate(arg, scaled);
            }
        } else if (e instanceof IrExpr.Conditional c) {
            open("if (" + integer(c.condition()) + " != 0)");
            backpropagate(c.ifTrue(), adjoint);
            reopen("else");
            backpropagate(c.ifFalse(), adjoint);
            close();
        } else if (e instanceof IrExpr.Sum sum) {
            String counter = name(sum.counter());
            openReduction(sum.counter());
            open("for (int " + counter + " = " + integer(sum.lower()) + ", " + counter + "__end = "
                    + integer(sum.upper()) + "; " + counter + " <= " + counter + "__end; " + counter + "++)");
            backpropagate(sum.term(), adjoint);
            close();
            closeReduction();
        } else if (e instanceof IrExpr.Extreme m) {
            real(e);
            String at = argmax.get(e);
            bindInside(m.counter());
            open("");
            line(dialect.constant("int") + " " + name(m.counter()) + " = " + at + ";");
            backpropagate(m.term(), adjoint);
            close();
        }
    }
}
