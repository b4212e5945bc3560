package org.awaitj.agent.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.awaitj.agent.fuzz.Ast.Block;
import org.awaitj.agent.fuzz.Ast.Expr;
import org.awaitj.agent.fuzz.Ast.Method;
import org.awaitj.agent.fuzz.Ast.Stmt;
import org.awaitj.agent.fuzz.Ast.Ty;

/**
 * Expressions of every value type, with awaits in any operand position: arguments, array indexes,
 * constructor arguments, conditions, switch expressions, string concatenation, wide values; calls of other
 * generated methods, awaited directly or through a task; and, in a feature's methods, the feature's own.
 */
abstract class ExpressionGen extends MethodScope {
    static final String[] AWAITABLES = {"now", "yld", "slp", "tmr", "done", "later", "task(yld", "task(now"};

    ExpressionGen(ProgramGenerator gen, Random rnd, Method method, List<Method> callees, FeatureHook hook) {
        super(gen, rnd, method, callees, hook);
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

    @Override
    Expr expr(Ty t, int d) {
        if (d <= 0 || chance(15)) {
            return leaf(t);
        }
        if (hook != null && !noAwait && chance(hookPercent)) {   // its constructs await
            Expr own = hook.expr(this, t, d);
            if (own != null) {
                return own;
            }
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
        if (r < 8 && outerInstance) {
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
                anyResult |= blockArm(e, t, d);
            } else {
                anyResult = true;
                e.add(expr(t, d - 1), "; ");
            }
        }
        return e.add("}");
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

    /**
     * A switch expression's block arm: statements, then yield (no return, no jump out of the switch); true when
     * it yields (it may end in a throw instead).
     */
    boolean blockArm(Expr e, Ty t, int d) {
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
        return completes;
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
