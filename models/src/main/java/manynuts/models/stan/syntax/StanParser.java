package manynuts.models.stan.syntax;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A hand-written recursive-descent parser for Stan programs: blocks, function definitions and statements here,
 * declarations and types in {@link DeclarationParser}, expressions in {@link ExpressionParser}. It accepts the
 * current syntax of the Stan Reference Manual and the older forms still found in published models: array dimensions
 * after the variable name, {@code real[]} argument types, {@code <-}, {@code increment_log_prob} and {@code #}
 * comments.
 */
public final class StanParser extends DeclarationParser {

    private static final List<String> BLOCKS = List.of("functions", "data", "transformed data", "parameters",
            "transformed parameters", "model", "generated quantities");

    private static final Set<String> ASSIGNMENT_OPS = Set.of("=", "+=", "-=", "*=", "/=", ".*=", "./=", "<-");

    /** The braces not yet closed, innermost first: an unclosed one is reported where it opens. */
    private final Deque<Token> openBraces = new ArrayDeque<>();

    private StanParser(SourceText source) {
        super(source);
    }

    /** Parses a whole program; throws {@link StanException} at the first syntax error or unsupported feature. */
    public static Program parse(SourceText source) {
        return new StanParser(source).parseProgram();
    }

    private Program parseProgram() {
        List<FunctionDef> functions = new ArrayList<>();
        List<Declaration> data = new ArrayList<>();
        List<Stmt> transformedData = new ArrayList<>();
        List<Declaration> parameters = new ArrayList<>();
        List<Stmt> transformedParameters = new ArrayList<>();
        List<Stmt> model = new ArrayList<>();
        List<Stmt> generatedQuantities = new ArrayList<>();
        int lastOrder = -1;
        while (peek().kind() != Token.Kind.END) {
            Token start = peek();
            String name = parseBlockName();
            int order = BLOCKS.indexOf(name);
            if (order == lastOrder) {
                throw error(start.pos(), "the " + name + " block appears twice");
            }
            if (order < lastOrder) {
                throw error(start.pos(), "blocks out of order: " + name + " must come before "
                        + BLOCKS.get(lastOrder));
            }
            lastOrder = order;
            openBraces.push(expect("{", "after the block name '" + name + "'"));
            switch (name) {
                case "functions" -> {
                    while (!at("}")) {
                        checkBlockContinues();
                        functions.add(parseFunction());
                    }
                }
                case "data" -> parseDeclarationBlock(name, data);
                case "parameters" -> parseDeclarationBlock(name, parameters);
                case "transformed data" -> parseBlockBody(transformedData, true);
                case "transformed parameters" -> parseBlockBody(transformedParameters, true);
                case "model" -> parseBlockBody(model, false);
                default -> parseBlockBody(generatedQuantities, true);
            }
            next();
            openBraces.pop();
        }
        return new Program(source, functions, data, transformedData, parameters, transformedParameters, model,
                generatedQuantities);
    }

    /** A block's name, two words for "transformed data", "transformed parameters" and "generated quantities". */
    private String parseBlockName() {
        Token first = peek();
        if (first.is("}")) {
            throw error(first.pos(), "unexpected '}': there is no open block to close");
        }
        if (first.kind() != Token.Kind.IDENTIFIER) {
            throw expected("a block name (" + String.join(", ", BLOCKS) + ")");
        }
        next();
        switch (first.text()) {
            case "functions", "data", "parameters", "model" -> {
                return first.text();
            }
            case "transformed" -> {
                if (!atWord("data") && !atWord("parameters")) {
                    throw expected("'data' or 'parameters' after 'transformed'");
                }
                return "transformed " + next().text();
            }
            case "generated" -> {
                if (!atWord("quantities")) {
                    throw expected("'quantities' after 'generated'");
                }
                return "generated " + next().text();
            }
            default -> {
                if (TYPE_WORDS.contains(first.text())) {
                    throw error(first.pos(), "a declaration must be inside a block, such as data { ... }");
                }
                throw error(first.pos(), "unknown block \"" + first.text() + "\"" + suggestBlock(first.text()));
            }
        }
    }

    /** " (did you mean parameters?)" for a misspelt block name, else the list of blocks. */
    private static String suggestBlock(String word) {
        for (String block : List.of("functions", "data", "parameters", "model", "transformed", "generated")) {
            if (editDistance(word.toLowerCase(Locale.ROOT), block) <= 2) {
                return " (did you mean " + block + "?)";
            }
        }
        return ": the blocks are " + String.join(", ", BLOCKS);
    }

    private static int editDistance(String a, String b) {
        int[] row = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            row[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int above = row[j];
                row[j] = Math.min(Math.min(row[j] + 1, row[j - 1] + 1),
                        diagonal + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.length()];
    }

    /**
     * Fails where the innermost open brace is when the program ends, or a block header follows, before it is
     * closed: that is where the user has to look, not at the place the parser noticed.
     */
    private void checkBlockContinues() {
        String before = null;
        if (peek().kind() == Token.Kind.END) {
            before = "the end of the program";
        } else if ((atWord("functions") || atWord("data") || atWord("parameters") || atWord("model"))
                && peek(1).is("{")) {
            before = "the " + peek().text() + " block";
        } else if ((atWord("transformed") && (peek(1).isWord("data") || peek(1).isWord("parameters")))
                || (atWord("generated") && peek(1).isWord("quantities"))) {
            before = "the " + peek().text() + " " + peek(1).text() + " block";
        }
        if (before != null) {
            throw error(openBraces.peek().pos(), "unclosed '{': no matching '}' before " + before);
        }
    }

    /** The data or parameters block: declarations without initial values. */
    private void parseDeclarationBlock(String block, List<Declaration> into) {
        while (!at("}")) {
            checkBlockContinues();
            if (!atDeclarationStart()) {
                throw error(peek().pos(), "only variable declarations are allowed in the " + block + " block");
            }
            into.addAll(parseDeclarations(false, block));
        }
    }

    /** Statements and declarations through the closing brace (not read); {@code topLevel} allows constraints. */
    private void parseBlockBody(List<Stmt> into, boolean topLevel) {
        while (!at("}")) {
            checkBlockContinues();
            if (atDeclarationStart()) {
                for (Declaration declaration : parseDeclarations(!topLevel, null)) {
                    into.add(new Stmt.Declare(declaration.pos(), declaration));
                }
            } else {
                into.add(parseStatement());
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Function definitions

    /** {@code real f(data real x, array[] vector v) { ... }}, or with {@code ;} for a body to come later. */
    private FunctionDef parseFunction() {
        Token start = peek();
        UnsizedType returnType;
        if (atWord("void")) {
            next();
            returnType = new UnsizedType(BaseType.VOID, 0);
        } else {
            returnType = parseUnsizedType();
        }
        Token name = expectName("the function name");
        expect("(", "after the function name");
        List<FunctionDef.Parameter> parameters = new ArrayList<>();
        if (!at(")")) {
            do {
                Token parameterStart = peek();
                boolean dataOnly = atWord("data");
                if (dataOnly) {
                    next();
                }
                UnsizedType type = parseUnsizedType();
                Token parameterName = expectName("an argument name");
                parameters.add(new FunctionDef.Parameter(parameterStart.pos(), parameterName.text(), type.base(),
                        type.arrayDims(), dataOnly));
            } while (accept(","));
        }
        expect(")", "to close the argument list of " + name.text());
        Stmt.Block body = null;
        if (!accept(";")) {
            if (!at("{")) {
                throw expected("'{' to start the body of " + name.text() + ", or ';' to only declare it");
            }
            body = parseBlock();
        }
        return new FunctionDef(start.pos(), name.text(), returnType.base(), returnType.arrayDims(), parameters,
                body);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Statements

    /** {@code { ... }}: the brace is the current token. */
    private Stmt.Block parseBlock() {
        Token open = next();
        openBraces.push(open);
        List<Stmt> statements = new ArrayList<>();
        parseBlockBody(statements, false);
        next();
        openBraces.pop();
        return new Stmt.Block(open.pos(), statements);
    }

    /** One statement, not a declaration (declarations belong directly in a block). */
    private Stmt parseStatement() {
        Token token = peek();
        if (token.is("{")) {
            return parseBlock();
        }
        if (token.is(";")) {
            next();
            return new Stmt.Empty(token.pos());
        }
        if (token.kind() == Token.Kind.IDENTIFIER) {
            switch (token.text()) {
                case "for" -> {
                    return parseFor();
                }
                case "while" -> {
                    next();
                    Expr condition = parseCondition("while");
                    return new Stmt.While(token.pos(), condition, parseStatement());
                }
                case "if" -> {
                    next();
                    Expr condition = parseCondition("if");
                    Stmt then = parseStatement();
                    Stmt otherwise = null;
                    if (atWord("else")) {
                        next();
                        otherwise = parseStatement();
                    }
                    return new Stmt.If(token.pos(), condition, then, otherwise);
                }
                case "else" -> throw error(token.pos(), "'else' without a matching 'if'");
                case "return" -> {
                    next();
                    Expr value = at(";") ? null : parseExpression();
                    expect(";", "after the statement");
                    return new Stmt.Return(token.pos(), value);
                }
                case "break", "continue" -> {
                    next();
                    expect(";", "after '" + token.text() + "'");
                    return token.text().equals("break") ? new Stmt.Break(token.pos()) : new Stmt.Continue(token.pos());
                }
                case "print", "reject", "fatal_error" -> {
                    return parsePrint();
                }
                case "increment_log_prob" -> {
                    // The old form of target +=.
                    next();
                    expect("(", "after increment_log_prob");
                    Expr value = parseExpression();
                    expect(")", "to close increment_log_prob(...)");
                    expect(";", "after the statement");
                    return new Stmt.TargetPlus(token.pos(), value);
                }
                case "target" -> {
                    if (peek(1).is("+=")) {
                        next();
                        next();
                        Expr value = parseExpression();
                        expect(";", "after the statement");
                        return new Stmt.TargetPlus(token.pos(), value);
                    }
                    if (!peek(1).is("(")) {
                        throw error(token.pos(), "target can only be added to, as in 'target += ...;'");
                    }
                }
                case "profile" -> {
                    // profile("name") { ... } only times its body, which this compiler runs as a plain block.
                    next();
                    expect("(", "after 'profile'");
                    if (peek().kind() != Token.Kind.STRING) {
                        throw expected("the profile's name as a string");
                    }
                    next();
                    expect(")", "after the profile's name");
                    if (!at("{")) {
                        throw expected("'{' to start the profiled block");
                    }
                    return parseBlock();
                }
                default -> {
                    if (atDeclarationStart()) {
                        throw error(token.pos(), "a declaration cannot stand alone as the body of if, for or while:"
                                + " put it in braces");
                    }
                    if (!RESERVED.contains(token.text()) && atOldAssignment()) {
                        return parseOldAssignment();
                    }
                }
            }
        }
        return parseExpressionStatement();
    }

    private Expr parseCondition(String keyword) {
        expect("(", "after '" + keyword + "'");
        Expr condition = parseExpression();
        expect(")", "to close the condition of '" + keyword + "'");
        return condition;
    }

    /** {@code for (i in a:b) body} or {@code for (x in container) body}. */
    private Stmt parseFor() {
        Token start = next();
        expect("(", "after 'for'");
        Token variable = expectName("the loop variable");
        if (!atWord("in")) {
            throw expected("'in' after the loop variable");
        }
        next();
        Expr first = parseExpression();
        if (accept(":")) {
            Expr upper = parseExpression();
            expect(")", "to close the loop header");
            return new Stmt.For(start.pos(), variable.text(), first, upper, parseStatement());
        }
        expect(")", "to close the loop header");
        return new Stmt.ForEach(start.pos(), variable.text(), first, parseStatement());
    }

    /** {@code print(...)}, {@code reject(...)}, {@code fatal_error(...)}: strings and expressions. */
    private Stmt parsePrint() {
        Token keyword = next();
        expect("(", "after '" + keyword.text() + "'");
        if (at(")")) {
            throw error(peek().pos(), keyword.text() + " needs at least one argument");
        }
        List<Expr> args = new ArrayList<>();
        do {
            Token token = peek();
            if (token.kind() == Token.Kind.STRING) {
                next();
                args.add(new Expr.StringLit(token.pos(), token.text()));
            } else {
                args.add(parseExpression());
            }
        } while (accept(","));
        expect(")", "to close " + keyword.text() + "(...)");
        expect(";", "after the statement");
        return new Stmt.Print(keyword.pos(), keyword.text(), args);
    }

    /** Whether the statement is the old {@code x[...] <- e;}: a name, bracket groups, then the arrow. */
    private boolean atOldAssignment() {
        int ahead = 1;
        while (peek(ahead).is("[")) {
            ahead = skipBrackets(ahead);
            if (ahead < 0) {
                return false;
            }
        }
        return peek(ahead).is("<-");
    }

    private Stmt parseOldAssignment() {
        Token name = next();
        Expr target = new Expr.Variable(name.pos(), name.text());
        while (accept("[")) {
            target = new Expr.Indexed(name.pos(), target, parseIndices());
        }
        next();
        Expr value = parseExpression();
        expect(";", "after the statement");
        return new Stmt.Assign(name.pos(), target, "=", value);
    }

    /** Assignment, {@code ~} statement or void call: all start with an expression. */
    private Stmt parseExpressionStatement() {
        Token start = peek();
        Expr expr = parseExpression();
        if (peek().kind() == Token.Kind.SYMBOL && ASSIGNMENT_OPS.contains(peek().text())) {
            Token op = next();
            if (!isAssignable(expr)) {
                throw error(start.pos(), "the left side of '" + op.text() + "' must be a variable, possibly"
                        + " indexed");
            }
            Expr value = parseExpression();
            expect(";", "after the statement");
            return new Stmt.Assign(start.pos(), expr, op.text().equals("<-") ? "=" : op.text(), value);
        }
        if (accept("~")) {
            return parseTilde(start, expr);
        }
        if (at(";")) {
            if (!(expr instanceof Expr.Call call)) {
                throw error(start.pos(), "an expression alone is not a statement: assign it, or use it in a '~'"
                        + " or 'target +=' statement");
            }
            next();
            return new Stmt.CallStatement(start.pos(), call);
        }
        if (expr instanceof Expr.Variable variable && peek().kind() == Token.Kind.IDENTIFIER) {
            throw error(start.pos(), "unknown type \"" + variable.name() + "\"");
        }
        throw expected("';' after the statement");
    }

    private static boolean isAssignable(Expr expr) {
        return expr instanceof Expr.Variable
                || (expr instanceof Expr.Indexed indexed && isAssignable(indexed.base()));
    }

    /** After {@code left ~}: {@code dist(args)} and an optional truncation {@code T[L, U]}. */
    private Stmt parseTilde(Token start, Expr left) {
        Token distribution = expectIdentifier("a distribution name after '~'");
        expect("(", "after the distribution name");
        List<Expr> args = parseList(")", "to close the arguments of " + distribution.text());
        Expr lower = null;
        Expr upper = null;
        boolean truncated = false;
        if (atWord("T") && peek(1).is("[")) {
            next();
            next();
            truncated = true;
            lower = at(",") ? null : parseExpression();
            expect(",", "in the truncation T[lower, upper] (leave out a bound for none, as in T[, U])");
            upper = at("]") ? null : parseExpression();
            expect("]", "to close the truncation");
        }
        expect(";", "after the statement");
        return new Stmt.Tilde(start.pos(), left, distribution.text(), args, lower, upper, truncated);
    }
}
