package manynuts.models.stan.ir;

import java.util.ArrayList;
import java.util.List;

/** Lowered expressions and variables' types written back as Stan text, for messages and {@code check}. */
public final class IrText {
    private IrText() {
    }

    /** A size or other int expression as Stan would write it, e.g. {@code K - 1}. */
    public static String of(IrExpr e) {
        if (e instanceof IrExpr.Int n) {
            return Long.toString(n.value());
        }
        if (e instanceof IrExpr.Real r) {
            return Double.toString(r.value());
        }
        if (e instanceof IrExpr.Read read) {
            if (read.index().isEmpty()) {
                return read.variable().stanName();
            }
            List<String> index = new ArrayList<>();
            read.index().forEach(i -> index.add(of(i) + " + 1"));
            return read.variable().stanName() + "[" + String.join(", ", index) + "]";
        }
        if (e instanceof IrExpr.Call call) {
            String op = switch (call.primitive().name()) {
                case "int_add", "add" -> " + ";
                case "int_subtract", "subtract" -> " - ";
                case "int_multiply", "multiply" -> " * ";
                case "int_divide", "divide" -> " / ";
                default -> null;
            };
            if (op != null) {
                return "(" + of(call.args().get(0)) + op + of(call.args().get(1)) + ")";
            }
            if (call.primitive().name().equals("to_real")) {
                return of(call.args().get(0));
            }
            List<String> args = new ArrayList<>();
            call.args().forEach(a -> args.add(of(a)));
            return call.primitive().name() + "(" + String.join(", ", args) + ")";
        }
        return e.getClass().getSimpleName().toLowerCase();
    }

    /** A variable's declared type with its sizes, e.g. {@code array[K] vector[N]}. */
    public static String type(IrVar v) {
        List<String> sizes = new ArrayList<>();
        v.dims().forEach(d -> sizes.add(strip(of(d))));
        String element = v.base().stanName();
        int arrays = v.arrayDims();
        List<String> own = sizes.subList(arrays, sizes.size());
        String base = own.isEmpty() ? element : element + "[" + String.join(", ", own) + "]";
        return arrays == 0 ? base : "array[" + String.join(", ", sizes.subList(0, arrays)) + "] " + base;
    }

    private static String strip(String text) {
        return text.startsWith("(") && text.endsWith(")") ? text.substring(1, text.length() - 1) : text;
    }
}
