package org.awaitj.agent.fuzz;

import java.util.ArrayList;
import java.util.List;

import org.awaitj.agent.fuzz.Ast.Expr;
import org.awaitj.agent.fuzz.Ast.Ty;

/**
 * Java 21's patterns, in a unit compiled at {@code --release 21} or {@code 25} (with unnamed patterns there):
 * exhaustive switches over a sealed interface of records with record patterns (nested ones too) and guards
 * ({@code when}, awaits inside), block arms that {@code yield}, type-pattern switches over Object with
 * {@code case null}, and {@code instanceof} record patterns. javac lowers them to a typeSwitch
 * {@code invokedynamic} in a loop that restarts at the next case when a guard fails.
 */
final class PatternsFeature extends FeatureGen {
    private boolean unnamed;
    /** Whether an arm of the switch being generated yields a value (a switch expression needs one). */
    private boolean yielded;
    /** The arm being generated is the switch's last. */
    private boolean last;

    PatternsFeature(ProgramGenerator gen) {
        super(gen, Feature.PATTERNS);
    }

    @Override
    void generate() {
        unit.release = chance(50) ? 21 : 25;
        unnamed = unit.release >= 22;
        unit.members.add("""
                    sealed interface Shape permits Circle, Rect, Pair {
                    }

                    record Circle(int r) implements Shape {
                    }

                    record Rect(int w, int h) implements Shape {
                    }

                    record Pair(Shape a, String tag) implements Shape {
                    }
                """);
        for (int i = 1 + rnd.nextInt(3); i > 0; i--) {
            method(chance(50), pick(List.of(Ty.STRING, Ty.INT, Ty.BOOL)), List.of(Ty.INT, Ty.STRING));
        }
    }

    @Override
    public Expr expr(ExpressionGen g, Ty t, int d) {
        if (d < 2 || g.switchExpressions > 0) {
            return t == Ty.BOOL ? instanceOf(g, d) : null;
        }
        g.switchExpressions++;
        try {
            return switch (t) {
                case STRING -> chance(60) ? shapeSwitch(g, Ty.STRING, d) : objectSwitch(g, d);
                case INT -> shapeSwitch(g, Ty.INT, d);
                case BOOL -> instanceOf(g, d);
                default -> null;
            };
        } finally {
            g.switchExpressions--;
        }
    }

    private Expr shape(ExpressionGen g, int d) {
        Expr e = new Expr(null);
        switch (d <= 1 ? rnd.nextInt(2) : rnd.nextInt(4)) {
            case 0 -> e.add("new Circle(", g.expr(Ty.INT, d - 1), ")");
            case 1 -> e.add("new Rect(", g.expr(Ty.INT, d - 1), ", ", g.expr(Ty.INT, d - 1), ")");
            case 2 -> e.add("new Pair(", shape(g, d - 1), ", ", g.expr(Ty.STRING, d - 1), ")");
            default -> e.add("(", g.expr(Ty.BOOL, d - 1), " ? (Shape) ", shape(g, d - 1), " : ", shape(g, d - 1), ")");
        }
        return e;
    }

    /** An exhaustive switch over Shape: per record, guarded cases first, then one that takes all. */
    private Expr shapeSwitch(ExpressionGen g, Ty t, int d) {
        Expr e = new Expr(t).add("switch ((Shape) ", shape(g, d - 1), ") { ");
        yielded = false;
        String c = g.fresh("b");
        if (chance(50)) {
            arm(g, e, t, d, "case Circle " + c + " when " + c + ".r() > ", guard(g, d, List.of()), List.of());
        }
        String r = g.fresh("b");
        arm(g, e, t, d, "case Circle(int " + r + ")", null, List.of(var(r, Ty.INT)));
        String w = g.fresh("b");
        String h = g.fresh("b");
        if (chance(60)) {
            boolean dropH = unnamed && chance(50);
            arm(g, e, t, d, "case Rect(int " + w + ", " + (dropH ? "_" : "int " + h) + ") when " + w + " >= ",
                    guard(g, d, dropH ? List.of(var(w, Ty.INT)) : List.of(var(w, Ty.INT), var(h, Ty.INT))),
                    dropH ? List.of(var(w, Ty.INT)) : List.of(var(w, Ty.INT), var(h, Ty.INT)));
        }
        String rect = g.fresh("b");
        arm(g, e, t, d, "case Rect " + rect, null, List.of());
        String tag = g.fresh("b");
        if (chance(50)) {
            String inner = unnamed && chance(50) ? "Circle(_)" : "Circle(var " + g.fresh("b") + ")";
            arm(g, e, t, d, "case Pair(" + inner + ", String " + tag + ")", null, List.of(var(tag, Ty.STRING)));
        }
        String tag2 = g.fresh("b");
        last = true;
        arm(g, e, t, d, "case Pair(" + (unnamed && chance(50) ? "_" : "var " + g.fresh("b")) + ", var " + tag2 + ")",
                null, List.of(var(tag2, Ty.STRING)));
        return e.add("}");
    }

    /** A switch over an Object's type, strings and integers guarded. */
    private Expr objectSwitch(ExpressionGen g, int d) {
        Expr e = new Expr(Ty.STRING).add("switch ((Object) ", g.expr(Ty.OBJECT, d - 1), ") { ");
        yielded = false;
        if (chance(40)) {
            arm(g, e, Ty.STRING, d, "case null", null, List.of());
        }
        String s = g.fresh("b");
        if (chance(60)) {
            arm(g, e, Ty.STRING, d, "case String " + s + " when " + s + ".length() > ",
                    guard(g, d, List.of(var(s, Ty.STRING))), List.of(var(s, Ty.STRING)));
        }
        String s2 = g.fresh("b");
        arm(g, e, Ty.STRING, d, "case String " + s2, null, List.of(var(s2, Ty.STRING)));
        String i = g.fresh("b");
        arm(g, e, Ty.STRING, d, "case Integer " + i + " when " + i + " > ", guard(g, d, List.of(var(i, Ty.INT))),
                List.of(var(i, Ty.INT)));
        String c = g.fresh("b");
        arm(g, e, Ty.STRING, d, "case Color " + c, null, List.of(var(c, Ty.COLOR)));
        last = true;
        arm(g, e, Ty.STRING, d, "default", null, List.of());
        return e.add("}");
    }

    private Expr instanceOf(ExpressionGen g, int d) {
        Expr e = new Expr(Ty.BOOL);
        String w = g.fresh("b");
        String h = g.fresh("b");
        if (chance(50)) {
            e.add("((Shape) ", shape(g, Math.max(1, d - 1)), " instanceof Rect(int " + w + ", int " + h + ") && " + w + " > " + h + ")");
        } else {
            e.add("(", g.expr(Ty.OBJECT, d - 1), " instanceof Integer " + w + " && " + w + " > ", g.expr(Ty.INT, d - 1), ")");
        }
        return e;
    }

    /**
     * One arm: {@code label} (and, for a guard, its right operand {@code guard}), then an expression or a block
     * that yields, with the pattern's bindings in scope.
     */
    private void arm(ExpressionGen g, Expr e, Ty t, int d, String label, Expr guard, List<MethodScope.Var> bindings) {
        e.add(label);
        if (guard != null) {
            e.add(guard);
        }
        e.add(" -> ");
        g.scopes.push(new ArrayList<>(bindings));
        try {
            if (chance(20) && (yielded || !last)) {
                yielded |= g.blockArm(e, t, d);
            } else {
                yielded = true;
                e.add(g.expr(t, d - 1), "; ");
            }
        } finally {
            g.scopes.pop();
            last = false;
        }
    }

    /**
     * A guard's right operand: it may read the pattern's bindings but no other local (a guard, like a lambda,
     * sees only effectively final ones), and assign none; it may await.
     */
    private Expr guard(ExpressionGen g, int d, List<MethodScope.Var> bindings) {
        List<List<MethodScope.Var>> saved = new ArrayList<>(g.scopes);
        g.scopes.clear();
        g.scopes.push(new ArrayList<>(bindings));
        try {
            return g.expr(Ty.INT, d - 1);
        } finally {
            g.scopes.clear();
            for (int k = saved.size() - 1; k >= 0; k--) {
                g.scopes.push(saved.get(k));
            }
        }
    }

    private static MethodScope.Var var(String name, Ty type) {
        return new MethodScope.Var(name, type, false);
    }
}
