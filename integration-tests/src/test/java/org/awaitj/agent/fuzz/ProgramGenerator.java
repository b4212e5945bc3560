package org.awaitj.agent.fuzz;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;

import org.awaitj.agent.fuzz.Ast.Block;
import org.awaitj.agent.fuzz.Ast.Expr;
import org.awaitj.agent.fuzz.Ast.Method;
import org.awaitj.agent.fuzz.Ast.Stmt;
import org.awaitj.agent.fuzz.Ast.Ty;

/**
 * Writes random, compilable, terminating Java: locals of every type, nested expressions with awaits in any
 * operand position (arguments, array indexes, constructor arguments, conditions, compound assignments, switch
 * expressions, string concatenation, wide values below), loops of every form with break and continue, switches
 * on ints, strings and enums, try/catch/finally and try-with-resources (async resources too), early returns,
 * thrown and caught exceptions (checked ones too), synchronized blocks and lambdas without awaits, and calls to
 * other generated {@code @Async} methods, awaited directly or through a task.
 *
 * <p>The same seed gives the same unit ({@link Random} is specified). Every loop is bounded by a counter the
 * body cannot assign, calls only go to later methods, and the log's fuel bounds the rest.
 */
final class ProgramGenerator {
    private static final Ty[] VALUE_TYPES = Ty.values();
    private static final String[] AWAITABLES = {"now", "yld", "slp", "tmr", "done", "later", "task(yld",
        "task(now"};

    private final Random rnd;
    private final Unit unit;
    private int tags;

    private ProgramGenerator(long seed) {
        this.rnd = new Random(seed);
        this.unit = new Unit(seed);
    }

    /** A unit of {@code methods} generated methods, each with its program. */
    static Unit generate(long seed, int methods) {
        return new ProgramGenerator(seed).unit(methods);
    }

    private Unit unit(int count) {
        int fields = 1 + rnd.nextInt(4);
        for (int i = 0; i < fields; i++) {
            Ty t = anyType();
            unit.fields.add(t);
            unit.fieldInits.add(literal(t).parts.get(0).toString());
        }
        for (int k = 0; k < count; k++) {
            List<Ty> params = new ArrayList<>();
            for (int i = rnd.nextInt(4); i > 0; i--) {
                params.add(anyType());
            }
            Ty ret = rnd.nextInt(8) == 0 ? null : anyType();
            unit.methods.add(new Method("m" + k, rnd.nextInt(3) == 0, ret, params));
        }
        for (int k = 0; k < count; k++) {
            Method m = unit.methods.get(k);
            new MethodGen(m, k).body();
            List<Expr> args = new ArrayList<>();
            for (Ty t : m.params) {
                args.add(literal(t));
            }
            unit.mainArgs.put(m.name, args);
        }
        return unit;
    }

    private Ty anyType() {
        return VALUE_TYPES[rnd.nextInt(VALUE_TYPES.length)];
    }

    private boolean chance(int percent) {
        return rnd.nextInt(100) < percent;
    }

    private <T> T pick(List<T> list) {
        return list.get(rnd.nextInt(list.size()));
    }

    private int tag() {
        return tags++;
    }

    /** A literal of the type: the leaves of generation, and what the reducer puts in place of an expression. */
    Expr literal(Ty t) {
        return literal(t, rnd);
    }

    static Expr literal(Ty t, Random rnd) {
        Expr e = new Expr(t);
        e.literal = true;
        int small = rnd.nextInt(12) - 3;
        switch (t) {
            case BOOL -> e.add(rnd.nextBoolean() ? "true" : "false");
            case BYTE -> e.add("(byte) " + (rnd.nextInt(5) == 0 ? 127 - rnd.nextInt(3) : small));
            case CHAR -> e.add("'" + (char) ('a' + rnd.nextInt(26)) + "'");
            case SHORT -> e.add("(short) " + (rnd.nextInt(5) == 0 ? 32767 : small));
            case INT -> e.add(rnd.nextInt(8) == 0 ? (rnd.nextBoolean() ? "Integer.MAX_VALUE" : "Integer.MIN_VALUE")
                    : Integer.toString(small));
            case LONG -> e.add(rnd.nextInt(5) == 0 ? (1L << (33 + rnd.nextInt(30))) + "L" : small + "L");
            case FLOAT -> e.add(small + ".5f");
            case DOUBLE -> e.add(rnd.nextInt(6) == 0 ? "1e300" : small + ".25");
            case STRING -> e.add(rnd.nextInt(25) == 0 ? "(String) null" : "\"s" + rnd.nextInt(100) + "\"");
            case INTEGER -> e.add(rnd.nextInt(10) == 0 ? "(Integer) null" : "Integer.valueOf(" + small + ")");
            case INTS -> e.add("new int[] {" + small + ", " + (small + 1) + ", " + rnd.nextInt(9) + ", 7}");
            case COLOR -> e.add("Color." + new String[] {"RED", "GREEN", "BLUE"}[rnd.nextInt(3)]);
            case OBJECT -> e.add(rnd.nextBoolean() ? "(Object) \"o" + rnd.nextInt(100) + "\"" : "(Object) Integer.valueOf(" + small + ")");
            default -> throw new AssertionError(t);
        }
        return e;
    }

    private record Var(String name, Ty type, boolean assignable) {
    }

    /** A break or continue target: a loop (label may be null) or a switch; null entries are barriers. */
    private static final class Target {
        final boolean loop;
        final String label;
        /** How many breaks and continues leave through this target (counts, so that a try can take its back). */
        int broken;
        int continued;

        Target(boolean loop, String label) {
            this.loop = loop;
            this.label = label;
        }
    }

    /** Where breaks and continues cannot cross: a switch expression's arm, a lambda. */
    private static final Target BARRIER = new Target(false, null);

    /** The generation state of one method body. */
    private final class MethodGen {
        final Method method;
        final int index;
        final Deque<List<Var>> scopes = new ArrayDeque<>();
        /** Innermost first; BARRIER where jumps cannot cross. */
        final Deque<Target> targets = new ArrayDeque<>();
        /** One flag per enclosing try body: may a CheckedBoom reach it. */
        final Deque<boolean[]> checked = new ArrayDeque<>();
        int names;
        int budget;
        int depth;
        /** Inside synchronized or a lambda: no awaits. */
        boolean noAwait;
        /** Inside a switch expression's arm: no return. */
        int inSwitchExpression;
        /** Switch expressions being generated: they do not nest (javac's time grows fast with their depth). */
        int switchExpressions;

        MethodGen(Method method, int index) {
            this.method = method;
            this.index = index;
            this.budget = 4 + rnd.nextInt(14);
            scopes.push(new ArrayList<>());
            for (int i = 0; i < method.params.size(); i++) {
                scopes.peek().add(new Var("p" + i, method.params.get(i), true));
            }
        }

        String fresh(String prefix) {
            return prefix + names++;
        }

        void body() {
            boolean completes = block(method.body, false);
            if (completes) {
                method.body.add(returnStmt());
            }
        }

        Stmt returnStmt() {
            Stmt s = new Stmt();
            if (method.returns == null) {
                s.add("return $RESULTV$;");
            } else {
                s.add("return $RESULT(", expr(method.returns, 3), ");");
            }
            return s;
        }

        // ---------------------------------------------------------------- statements

        /** Fills the block; true when it can complete normally (javac's rule, so that nothing is unreachable). */
        boolean block(Block b, boolean newScope) {
            if (newScope) {
                scopes.push(new ArrayList<>());
            }
            depth++;
            boolean completes = true;
            int n = 1 + rnd.nextInt(depth <= 1 ? 6 : 3);
            for (int i = 0; i < n && completes && budget > 0; i++) {
                budget--;
                completes = statement(b);
            }
            depth--;
            if (newScope) {
                scopes.pop();
            }
            return completes;
        }

        /** Adds one statement; returns whether it can complete normally. */
        boolean statement(Block b) {
            int r = rnd.nextInt(100);
            if (depth >= 4 && r >= 38) {
                r = 80 + rnd.nextInt(20);       // no more nesting: a simple statement or a jump
            }
            if (r < 15) {
                b.add(declaration());
                return true;
            }
            if (r < 18) {
                return splitDeclaration(b);
            }
            if (r < 30) {
                b.add(assignment());
                return true;
            }
            if (r < 38) {
                b.add(expressionStatement());
                return true;
            }
            if (r < 48) {
                return ifStatement(b);
            }
            if (r < 58) {
                return loop(b);
            }
            if (r < 64) {
                return switchStatement(b);
            }
            if (r < 74) {
                return tryStatement(b);
            }
            if (r < 76 && !noAwait) {
                return synchronizedStatement(b);
            }
            if (r < 78) {
                Block inner = new Block();
                Stmt s = new Stmt().add(inner);
                b.add(s);
                return block(inner, true);
            }
            if (r < 80) {
                b.add(lambda());
                return true;
            }
            if (r < 86) {
                return jump(b);
            }
            b.add(r < 93 ? declaration() : expressionStatement());
            return true;
        }

        /** {@code T v; if (c) { v = a; } else { v = b; }}: a local unassigned at the awaits of a and b. */
        boolean splitDeclaration(Block b) {
            Ty t = anyType();
            String name = fresh("v");
            b.add(new Stmt().add(t.java + " " + name + ";"));
            Block then = new Block();
            Block otherwise = new Block();
            b.add(new Stmt().add("if (", expr(Ty.BOOL, 2), ") ", then, " else ", otherwise));
            then.add(new Stmt().add(name + " = ", expr(t, 3), ";"));
            otherwise.add(new Stmt().add(name + " = ", expr(t, 3), ";"));
            scopes.peek().add(new Var(name, t, true));
            return true;
        }

        Stmt declaration() {
            Ty t = anyType();
            String name = fresh("v");
            Stmt s = new Stmt().add(t.java + " " + name + " = ", expr(t, 3), ";");
            scopes.peek().add(new Var(name, t, true));
            return s;
        }

        Stmt assignment() {
            Var v = assignableVar(null);
            if (v == null) {
                return declaration();
            }
            Stmt s = new Stmt();
            int r = rnd.nextInt(10);
            if (v.type.numeric() && r < 3) {
                boolean floating = v.type == Ty.FLOAT || v.type == Ty.DOUBLE;
                s.add(v.name + " " + pick(floating ? List.of("+=", "-=", "*=") : List.of("+=", "-=", "*=", "|=", "^="))
                        + " ", expr(floating ? v.type : Ty.INT, 2), ";");
            } else if (v.type.numeric() && r < 4) {
                s.add(v.name + (rnd.nextBoolean() ? "++;" : "--;"));
            } else if (v.type == Ty.STRING && r < 4) {
                s.add(v.name + " += ", expr(pickPrintable(), 2), ";");
            } else if (v.type == Ty.INTS && r < 6) {
                s.add("(", new Expr(Ty.INTS).add(v.name), ")[(", expr(Ty.INT, 2), ") & 3] "
                        + pick(List.of("=", "+=", "<<=")) + " ", expr(Ty.INT, 2), ";");
            } else {
                s.add(v.name + " = ", expr(v.type, 3), ";");
            }
            return s;
        }

        Stmt expressionStatement() {
            Stmt s = new Stmt();
            int r = rnd.nextInt(10);
            if (r < 3 && !noAwait) {
                Method callee = callee(null, true);
                if (callee != null) {
                    return s.add(call(callee), ";");
                }
            }
            if (r < 5 && !noAwait) {
                Ty t = anyType();
                return s.add(awaitOf(t, 2), ";");
            }
            if (r < 7) {
                return s.add("Log.at(" + tag() + ");");
            }
            Ty t = pickLogged();
            return s.add("Log." + t.log + "(" + tag() + ", ", expr(t, 3), ");");
        }

        boolean ifStatement(Block b) {
            Block then = new Block();
            Stmt s = new Stmt().add("if (", expr(Ty.BOOL, 3), ") ", then);
            b.add(s);
            boolean thenCompletes = jumpOnly(then) ? false : block(then, true);
            if (chance(50)) {
                Block otherwise = new Block();
                s.add(" else ", otherwise);
                return block(otherwise, true) || thenCompletes;
            }
            return true;
        }

        /** Sometimes an if's branch is a lone jump: return, throw, break or continue (the usual early exit). */
        boolean jumpOnly(Block then) {
            if (chance(35)) {
                jump(then);
                return true;
            }
            return false;
        }

        boolean jump(Block b) {
            List<Integer> kinds = new ArrayList<>();
            kinds.add(0);                       // throw
            kinds.add(1);                       // return
            if (inSwitchExpression > 0) {
                kinds.remove(Integer.valueOf(1));
            }
            Target loop = innermost(true);
            if (loop != null) {
                kinds.add(2);                   // continue
                kinds.add(2);
            }
            if (innermost(false) != null) {
                kinds.add(3);                   // break
                kinds.add(3);
            }
            switch (pick(kinds)) {
                case 0 -> {
                    if (chance(30)) {
                        b.add(new Stmt().add("throw new CheckedBoom(\"c\" + ", expr(Ty.INT, 2), ");"));
                        noteChecked();
                    } else {
                        b.add(new Stmt().add("throw new Boom(\"b\" + ", expr(Ty.INT, 2), ");"));
                    }
                }
                case 1 -> b.add(returnStmt());
                case 2 -> {
                    Target t = chance(30) ? labelledLoop() : null;
                    b.add(new Stmt().add(t != null ? "continue " + t.label + ";" : "continue;"));
                    (t != null ? t : loop).continued++;
                }
                default -> {
                    Target t = chance(30) ? labelledLoop() : null;
                    if (t == null) {
                        t = innermost(false);
                        b.add(new Stmt().add("break;"));
                    } else {
                        b.add(new Stmt().add("break " + t.label + ";"));
                    }
                    t.broken++;
                }
            }
            return false;
        }

        /** The innermost loop (or, with loops false, loop or switch) reachable without crossing a barrier. */
        Target innermost(boolean loops) {
            for (Target t : targets) {
                if (t == BARRIER) {
                    return null;
                }
                if (t.loop || !loops) {
                    return t;
                }
            }
            return null;
        }

        Target labelledLoop() {
            List<Target> labelled = new ArrayList<>();
            for (Target t : targets) {
                if (t == BARRIER) {
                    break;
                }
                if (t.label != null) {
                    labelled.add(t);
                }
            }
            return labelled.isEmpty() ? null : pick(labelled);
        }

        boolean loop(Block b) {
            String counter = fresh("c");
            int bound = 1 + rnd.nextInt(3);
            String label = chance(30) ? fresh("L") + ": " : "";
            Target target = new Target(true, label.isEmpty() ? null : label.substring(0, label.length() - 2));
            Block body = new Block();
            Stmt s = new Stmt();
            scopes.push(new ArrayList<>());
            int form = rnd.nextInt(5);
            switch (form) {
                case 0 -> {     // while, the counter first so that continue cannot skip it
                    b.add(new Stmt().add("int " + counter + " = 0;"));
                    s.add(label + "while (" + counter + " < " + bound + " && ", expr(Ty.BOOL, 2), ") ", body);
                    body.add(new Stmt().add(counter + "++;"));
                }
                case 1 -> {     // do-while
                    b.add(new Stmt().add("int " + counter + " = 0;"));
                    // no switch expression in the condition: javac takes one for reachable even after a body
                    // that cannot complete, and would then want a statement after the loop
                    switchExpressions++;
                    s.add(label + "do ", body, " while (" + counter + " < " + bound + " && ", expr(Ty.BOOL, 2), ");");
                    switchExpressions--;
                    body.add(new Stmt().add(counter + "++;"));
                }
                case 2 -> s.add(label + "for (int " + counter + " = 0; " + counter + " < " + bound + "; "
                        + counter + "++) ", body);
                case 3 -> {     // for-each over an array
                    String x = fresh("x");
                    s.add(label + "for (int " + x + " : ", expr(Ty.INTS, 2), ") ", body);
                    scopes.peek().add(new Var(x, Ty.INT, false));
                }
                default -> {    // for-each over a list: an iterator of an interface type across awaits
                    String x = fresh("x");
                    s.add(label + "for (Integer " + x + " : java.util.Arrays.asList(", expr(Ty.INTEGER, 2), ", ",
                            expr(Ty.INTEGER, 2), ")) ", body);
                    scopes.peek().add(new Var(x, Ty.INTEGER, false));
                }
            }
            if (form <= 2) {
                scopes.peek().add(new Var(counter, Ty.INT, false));
            }
            b.add(s);
            targets.push(target);
            boolean bodyCompletes = block(body, false);
            targets.pop();
            scopes.pop();
            if (form == 1) {
                // a do-while whose body cannot complete and has no continue never reaches its condition; keep
                // it simple: such a do statement completes only when broken out of
                return target.broken > 0 || bodyCompletes || target.continued > 0;
            }
            return true;
        }

        boolean switchStatement(Block b) {
            Target target = new Target(false, null);
            Stmt s = new Stmt();
            b.add(s);
            boolean arrows = rnd.nextBoolean();
            int kind = rnd.nextInt(3);
            List<String> labels = caseLabels(kind);
            if (kind == 0) {
                s.add("switch (", expr(Ty.INT, 2), ") {\n");
            } else if (kind == 1) {
                s.add("switch (", expr(Ty.STRING, 2), ") {\n");
            } else {
                s.add("switch (", expr(Ty.COLOR, 2), ") {\n");
            }
            boolean anyCompletes = false;
            boolean lastCompletes = true;
            boolean hasDefault = chance(70);
            if (hasDefault) {
                labels.add("default");
            }
            targets.push(target);
            for (String label : labels) {
                Block body = new Block();
                s.add("    ".repeat(depth + 1) + (label.equals("default") ? "default" : "case " + label)
                        + (arrows ? " -> " : ": "), body, "\n");
                lastCompletes = block(body, true);
                anyCompletes |= lastCompletes;
            }
            targets.pop();
            s.add("    ".repeat(depth) + "}");
            if (arrows) {
                return anyCompletes || target.broken > 0 || !hasDefault;
            }
            return lastCompletes || target.broken > 0 || !hasDefault || labels.isEmpty();
        }

        List<String> caseLabels(int kind) {
            List<String> labels = new ArrayList<>();
            int n = 1 + rnd.nextInt(3);
            if (kind == 0) {
                int start = rnd.nextInt(4) - 1;
                for (int i = 0; i < n; i++) {
                    labels.add(Integer.toString(start + i));
                }
            } else if (kind == 1) {
                int start = rnd.nextInt(100);
                for (int i = 0; i < n; i++) {
                    labels.add("\"s" + (start + i * 7) % 100 + "\"");
                }
            } else {
                List<String> colors = new ArrayList<>(List.of("RED", "GREEN", "BLUE"));
                for (int i = 0; i < n; i++) {
                    labels.add(colors.remove(rnd.nextInt(colors.size())));
                }
            }
            return labels;
        }

        boolean tryStatement(Block b) {
            Stmt s = new Stmt();
            b.add(s);
            Block body = new Block();
            // a finally that cannot complete normally keeps every break and continue inside from leaving
            List<int[]> jumpsBefore = new ArrayList<>();
            for (Target t : targets) {
                jumpsBefore.add(new int[] {t.broken, t.continued});
            }
            // resource initializers belong to the try: its catch clauses catch what they throw
            checked.push(new boolean[1]);
            boolean resources = chance(30);
            List<Var> resourceVars = new ArrayList<>();
            if (resources) {
                s.add("try (");
                int n = 1 + rnd.nextInt(2);
                for (int i = 0; i < n; i++) {
                    String r = fresh("r");
                    String type = chance(50) && !noAwait ? "ARes" : "Res";
                    s.add((i > 0 ? "; " : "") + type + " " + r + " = new " + type + "(", expr(Ty.STRING, 1), ", ",
                            chance(20) ? "true" : "false", ")");
                    resourceVars.add(new Var(r, null, false));
                }
                s.add(") ", body);
            } else {
                s.add("try ", body);
            }
            scopes.push(new ArrayList<>());
            for (Var r : resourceVars) {
                body.add(new Stmt().add("Log.s(" + tag() + ", " + r.name + ".name());"));
            }
            boolean completes = block(body, false);
            scopes.pop();
            boolean bodyThrowsChecked = checked.pop()[0];

            // catch clauses, subclasses first so that none is unreachable
            List<String> catches = new ArrayList<>();
            if (bodyThrowsChecked && chance(50)) {
                catches.add("CheckedBoom");
            }
            if (chance(40)) {
                catches.add("Boom");
            }
            if (chance(20)) {
                catches.add("ArithmeticException");
            }
            if (chance(25)) {
                catches.add("RuntimeException");
            }
            if (chance(15)) {
                catches.add("Exception");
            }
            boolean finallyBlock = catches.isEmpty() ? !resources || chance(50) : chance(35);
            boolean checkedCaught = catches.contains("CheckedBoom") || catches.contains("Exception");
            checked.push(new boolean[1]);
            for (String type : catches) {
                String e = fresh("e");
                Block handler = new Block();
                s.add(" catch (" + type + " " + e + ") ", handler);
                scopes.push(new ArrayList<>());
                boolean ours = type.equals("Boom") || type.equals("CheckedBoom");
                handler.add(new Stmt().add("Log.s(" + tag() + ", " + e
                        + (ours ? ".getMessage()" : ".getClass().getSimpleName()") + ");"));
                completes |= block(handler, false);
                scopes.pop();
            }
            boolean catchesThrowChecked = checked.pop()[0];
            List<int[]> jumpsBeforeFinally = new ArrayList<>();
            for (Target t : targets) {
                jumpsBeforeFinally.add(new int[] {t.broken, t.continued});
            }
            boolean finCompletes = true;
            if (finallyBlock) {
                Block fin = new Block();
                s.add(" finally ", fin);
                finCompletes = block(fin, true);
                completes &= finCompletes;
            }
            if (!finCompletes) {
                int i = 0;
                for (Target t : targets) {
                    // the finally's own jumps leave; those of the body and the catches do not
                    t.broken = jumpsBefore.get(i)[0] + t.broken - jumpsBeforeFinally.get(i)[0];
                    t.continued = jumpsBefore.get(i)[1] + t.continued - jumpsBeforeFinally.get(i)[1];
                    i++;
                }
            }
            // a finally that cannot complete normally swallows what the body and the catches throw
            if (finCompletes && ((bodyThrowsChecked && !checkedCaught) || catchesThrowChecked)) {
                noteChecked();
            }
            return completes;
        }

        void noteChecked() {
            if (!checked.isEmpty()) {
                checked.peek()[0] = true;
            }
        }

        boolean synchronizedStatement(Block b) {
            Block body = new Block();
            b.add(new Stmt().add("synchronized (" + (method.isStatic ? "Log.class" : "this") + ") ", body));
            boolean wasNoAwait = noAwait;
            noAwait = true;
            boolean completes = block(body, true);
            noAwait = wasNoAwait;
            return completes;
        }

        Stmt lambda() {
            String name = fresh("l");
            boolean wasNoAwait = noAwait;
            noAwait = true;
            targets.push(BARRIER);
            Stmt s = new Stmt().add("java.util.function.IntSupplier " + name + " = () -> Log.i(" + tag() + ", "
                    + literal(Ty.INT).parts.get(0) + ");");
            targets.pop();
            noAwait = wasNoAwait;
            scopes.peek().add(new Var(name, null, false));
            return s;
        }

        // ---------------------------------------------------------------- expressions

        Var assignableVar(Ty type) {
            List<Var> vars = new ArrayList<>();
            for (List<Var> scope : scopes) {
                for (Var v : scope) {
                    if (v.assignable && v.type != null && (type == null || v.type == type)) {
                        vars.add(v);
                    }
                }
            }
            return vars.isEmpty() ? null : pick(vars);
        }

        Var readableVar(Ty type) {
            List<Var> vars = new ArrayList<>();
            for (List<Var> scope : scopes) {
                for (Var v : scope) {
                    if (v.type == type) {
                        vars.add(v);
                    }
                }
            }
            return vars.isEmpty() ? null : pick(vars);
        }

        String lambdaVar() {
            List<String> vars = new ArrayList<>();
            for (List<Var> scope : scopes) {
                for (Var v : scope) {
                    if (v.type == null && v.name.startsWith("l")) {
                        vars.add(v.name);
                    }
                }
            }
            return vars.isEmpty() ? null : pick(vars);
        }

        Ty pickLogged() {
            Ty t;
            do {
                t = anyType();
            } while (t.log == null);
            return t;
        }

        /** A type whose string form is deterministic (no identity hash codes). */
        Ty pickPrintable() {
            Ty t;
            do {
                t = anyType();
            } while (t == Ty.INTS);
            return t;
        }

        /** A generated method this one may await: a later one, static unless this method has a receiver. */
        Method callee(Ty returns, boolean any) {
            List<Method> out = new ArrayList<>();
            for (int k = index + 1; k < Math.min(unit.methods.size(), index + 8); k++) {
                Method m = unit.methods.get(k);
                if ((m.isStatic || !method.isStatic) && (any || (returns != null && m.returns == returns))) {
                    out.add(m);
                }
            }
            return out.isEmpty() ? null : pick(out);
        }

        Expr call(Method callee) {
            Expr e = new Expr(callee.returns == null ? null : callee.returns);
            boolean task = chance(15);
            e.add(task ? "await(task(" : "await(");
            if (!callee.isStatic && chance(30)) {
                e.add("new $NAME$().");
            }
            e.add(callee.name + "(");
            for (int i = 0; i < callee.params.size(); i++) {
                if (i > 0) {
                    e.add(", ");
                }
                e.add(expr(callee.params.get(i), 2));
            }
            e.add(task ? ")))" : "))");
            noteChecked();     // every generated method declares CheckedBoom
            return e;
        }

        Expr awaitOf(Ty t, int d) {
            Expr e = new Expr(t);
            if (chance(4)) {
                String kind = pick(List.of("fail", "fail", "failNow", "failChecked"));
                e.add("await($NAME$.<" + t.boxed + ">" + kind + "(\"" + kind + tag() + "\"))");
                if (kind.equals("failChecked")) {
                    noteChecked();
                }
                return e;
            }
            // explicit type arguments: javac's inference of nested generic calls grows fast with their depth
            String kind = AWAITABLES[rnd.nextInt(AWAITABLES.length)];
            String w = "$NAME$.<" + t.boxed + ">";
            String call = kind.startsWith("task") ? w + "task(" + w + kind.substring(5) + "(" : w + kind + "(";
            e.add("await(" + call, expr(t, d - 1), kind.startsWith("task") ? ")))" : "))");
            return e;
        }

        Expr expr(Ty t, int d) {
            if (d <= 0 || chance(15)) {
                return leaf(t);
            }
            int r = rnd.nextInt(100);
            if (r < 28 && !noAwait) {
                if (r < 7) {
                    Method callee = callee(t, false);
                    if (callee != null) {
                        return call(callee);
                    }
                }
                return awaitOf(t, d);
            }
            if (r < 27 && t.log != null) {
                return new Expr(t).add("Log." + t.log + "(" + tag() + ", ", expr(t, d - 1), ")");
            }
            if (r < 32) {
                return new Expr(t).add("(", expr(Ty.BOOL, d - 1), " ? ", expr(t, d - 1), " : ", expr(t, d - 1), ")");
            }
            if (r < 35 && switchExpressions == 0 && d >= 2) {
                switchExpressions++;
                Expr e = switchExpression(t, d);
                switchExpressions--;
                return e;
            }
            if (r < 41) {
                Var v = assignableVar(t);
                if (v != null) {
                    if (t.numeric() && rnd.nextBoolean()) {
                        String op = pick(List.of("++", "--"));
                        return new Expr(t).add(rnd.nextBoolean() ? "(" + op + v.name + ")" : "(" + v.name + op + ")");
                    }
                    return new Expr(t).add("(" + v.name + " = ", expr(t, d - 1), ")");
                }
            }
            Expr special = typed(t, d);
            return special != null ? special : leaf(t);
        }

        Expr leaf(Ty t) {
            int r = rnd.nextInt(10);
            if (r < 6) {
                Var v = readableVar(t);
                if (v != null) {
                    return new Expr(t).add(v.name);
                }
            }
            if (r < 8 && !method.isStatic) {
                List<Integer> fs = new ArrayList<>();
                for (int i = 0; i < unit.fields.size(); i++) {
                    if (unit.fields.get(i) == t) {
                        fs.add(i);
                    }
                }
                if (!fs.isEmpty()) {
                    return new Expr(t).add("this.f" + pick(fs));
                }
            }
            return literal(t);
        }

        Expr switchExpression(Ty t, int d) {
            Expr e = new Expr(t);
            int kind = rnd.nextInt(3);
            List<String> labels = caseLabels(kind);
            e.add("switch (", expr(kind == 0 ? Ty.INT : kind == 1 ? Ty.STRING : Ty.COLOR, d - 1), ") { ");
            boolean exhaustive = kind == 2 && labels.size() == 3;
            if (!exhaustive || chance(30)) {
                labels.add("default");
            }
            boolean anyResult = false;
            for (int i = 0; i < labels.size(); i++) {
                String label = labels.get(i);
                boolean last = i == labels.size() - 1;
                e.add(label.equals("default") ? "default -> " : "case " + label + " -> ");
                if (chance(25) && (anyResult || !last)) {
                    // a block arm: statements, then yield (no return, no jump out of the switch)
                    Block arm = new Block();
                    targets.push(BARRIER);
                    inSwitchExpression++;
                    int savedDepth = depth;
                    depth = 3;
                    int savedBudget = budget;
                    budget = 2;
                    boolean completes = block(arm, true);
                    budget = savedBudget;
                    depth = savedDepth;
                    inSwitchExpression--;
                    targets.pop();
                    if (completes) {
                        anyResult = true;
                        Expr value = expr(t, d - 1);
                        StringBuilder text = new StringBuilder();
                        value.render(text, 0);
                        if (text.charAt(0) == '(') {
                            // 'yield (' would be a call of a method named yield
                            String y = fresh("y");
                            arm.add(new Stmt().add(t.java + " " + y + " = ", value, ";"));
                            arm.add(new Stmt().add("yield " + y + ";"));
                        } else {
                            arm.add(new Stmt().add("yield ", value, ";"));
                        }
                    }
                    e.add(arm, " ");
                } else {
                    anyResult = true;
                    e.add(expr(t, d - 1), "; ");
                }
            }
            return e.add("}");
        }

        /**
         * A primitive conversion, {@code (int) (long) x}: the inner cast unboxes what a generic call such as
         * await returns (a Long cannot be cast to int directly).
         */
        void castTo(Expr e, Ty from, int d) {
            e.add("(" + e.type.java + ") (" + from.java + ") ", expr(from, d - 1));
        }

        /**
         * An argument of an overloaded method, cast to its own type: a switch expression or a generic call there
         * could match several overloads, and javac would find the call ambiguous.
         */
        Expr exact(Ty t, int d) {
            return new Expr(t).add("((" + t.java + ") (", expr(t, d - 1), "))");
        }

        /** The operators and calls of each type. */
        Expr typed(Ty t, int d) {
            int r = rnd.nextInt(10);
            Expr e = new Expr(t);
            switch (t) {
                case BOOL -> {
                    Ty c = pick(List.of(Ty.INT, Ty.LONG, Ty.DOUBLE, Ty.CHAR));
                    switch (r) {
                        case 0, 1, 2 -> e.add("(", expr(c, d - 1), " " + pick(List.of("<", "<=", ">", ">=", "==", "!="))
                                + " ", expr(c, d - 1), ")");
                        case 3 -> e.add("!", expr(Ty.BOOL, d - 1));
                        case 4, 5 -> e.add("(", expr(Ty.BOOL, d - 1), " " + pick(List.of("&&", "||", "&", "^", "|"))
                                + " ", expr(Ty.BOOL, d - 1), ")");
                        case 6 -> e.add("(", expr(Ty.INTEGER, d - 1), " == null)");
                        case 7 -> {
                            if (rnd.nextBoolean()) {
                                e.add("java.util.Objects.equals(", expr(Ty.STRING, d - 1), ", ", expr(Ty.STRING, d - 1), ")");
                            } else {
                                // a pattern variable, live across the awaits of the right operand
                                String p = fresh("s");
                                e.add("(", expr(Ty.OBJECT, d - 1), " instanceof String " + p + " && ");
                                scopes.push(new ArrayList<>(List.of(new Var(p, Ty.STRING, false))));
                                e.add(expr(Ty.BOOL, d - 1), " && " + p + ".length() > ", expr(Ty.INT, d - 1), ")");
                                scopes.pop();
                            }
                        }
                        default -> e.add("(", expr(Ty.COLOR, d - 1), " == Color.GREEN)");
                    }
                }
                case BYTE -> e.add("(byte) (", expr(r < 5 ? Ty.INT : Ty.BYTE, d - 1), " + ", expr(Ty.BYTE, d - 1), ")");
                case SHORT -> e.add("(short) (", expr(r < 5 ? Ty.INT : Ty.SHORT, d - 1), " * ", expr(Ty.SHORT, d - 1), ")");
                case CHAR -> e.add("(char) ('a' + (", expr(Ty.INT, d - 1), " & 15))");
                case INT -> {
                    switch (r) {
                        case 0, 1, 2 -> e.add("(", expr(Ty.INT, d - 1), " " + pick(List.of("+", "-", "*", "/", "%", "&",
                                "|", "^", "<<", ">>", ">>>")) + " ", expr(Ty.INT, d - 1), ")");
                        case 3 -> castTo(e, pick(List.of(Ty.LONG, Ty.DOUBLE, Ty.FLOAT, Ty.CHAR, Ty.BYTE)), d);
                        case 4 -> e.add("(", expr(Ty.STRING, d - 1), ").length()");
                        case 5 -> e.add("(", expr(Ty.INTS, d - 1), ")[(", expr(Ty.INT, d - 1), ") & 3]");
                        case 6 -> e.add("new IntBox(", expr(Ty.INT, d - 1), ", ", expr(Ty.LONG, d - 1), ").v()");
                        case 7 -> e.add("(int) ", expr(Ty.INTEGER, d - 1));
                        case 8 -> {
                            String l = lambdaVar();
                            if (l != null) {
                                e.add(l + ".getAsInt()");
                            } else {
                                e.add("Math.max(", exact(Ty.INT, d), ", ", exact(Ty.INT, d), ")");
                            }
                        }
                        default -> e.add("(", expr(Ty.COLOR, d - 1), ").ordinal()");
                    }
                }
                case LONG -> {
                    switch (r) {
                        case 0, 1, 2, 3 -> e.add("(", expr(Ty.LONG, d - 1), " " + pick(List.of("+", "-", "*", "/", "&",
                                "^", "%")) + " ", expr(Ty.LONG, d - 1), ")");
                        case 4 -> e.add("(", expr(Ty.LONG, d - 1), " << ", expr(Ty.INT, d - 1), ")");
                        case 5, 6 -> castTo(e, pick(List.of(Ty.INT, Ty.DOUBLE, Ty.CHAR)), d);
                        default -> e.add("new IntBox(", expr(Ty.INT, d - 1), ", ", expr(Ty.LONG, d - 1), ").w()");
                    }
                }
                case FLOAT, DOUBLE -> {
                    switch (r) {
                        case 0, 1, 2, 3, 4 -> e.add("(", expr(t, d - 1), " " + pick(List.of("+", "-", "*", "/", "%"))
                                + " ", expr(t, d - 1), ")");
                        case 5, 6 -> castTo(e, pick(List.of(Ty.INT, Ty.LONG, Ty.DOUBLE, Ty.FLOAT)), d);
                        default -> e.add("(" + t.java + ") Math.abs(", exact(Ty.DOUBLE, d), ")");
                    }
                }
                case STRING -> {
                    switch (r) {
                        case 0, 1, 2, 3 -> e.add("(", expr(Ty.STRING, d - 1), " + ", expr(pickPrintable(), d - 1), ")");
                        case 4 -> e.add("String.valueOf(", exact(pickPrintable(), d), ")");
                        case 5, 6 -> e.add("new StringBuilder(", exact(Ty.STRING, d), ").append(",
                                exact(pickPrintable(), d), ").toString()");
                        case 7 -> e.add("java.util.Objects.toString(", expr(Ty.INTEGER, d - 1), ")");
                        case 8 -> e.add("String.join(\"-\", ", expr(Ty.STRING, d - 1), ", ", expr(Ty.STRING, d - 1), ")");
                        default -> e.add("java.util.Arrays.toString(", exact(Ty.INTS, d), ")");
                    }
                }
                case INTEGER -> {
                    if (r < 6) {
                        e.add("Integer.valueOf(", exact(Ty.INT, d), ")");
                    } else {
                        e.add("(", expr(Ty.BOOL, d - 1), " ? (Integer) null : ", expr(Ty.INTEGER, d - 1), ")");
                    }
                }
                case INTS -> {
                    if (r < 6) {
                        e.add("new int[] {", expr(Ty.INT, d - 1), ", ", expr(Ty.INT, d - 1), ", ", expr(Ty.INT, d - 1),
                                ", ", expr(Ty.INT, d - 1), "}");
                    } else {
                        e.add("new int[4 + (", expr(Ty.INT, d - 1), " & 3)]");
                    }
                }
                case COLOR -> e.add("Color.values()[(", expr(Ty.INT, d - 1), ") & 1]");
                case OBJECT -> {
                    if (r < 4) {
                        // javac's join type of String and Integer is an intersection: frames name a supertype
                        e.add("(", expr(Ty.BOOL, d - 1), " ? ", expr(Ty.STRING, d - 1), " : ", expr(Ty.INTEGER, d - 1), ")");
                    } else if (r < 6) {
                        e.add("(", expr(Ty.BOOL, d - 1), " ? ", expr(Ty.COLOR, d - 1), " : ", expr(Ty.STRING, d - 1), ")");
                    } else {
                        Ty from = pickPrintable();
                        e.add("((Object) (", expr(from, d - 1), "))");
                    }
                }
                default -> throw new AssertionError(t);
            }
            return e;
        }
    }
}
