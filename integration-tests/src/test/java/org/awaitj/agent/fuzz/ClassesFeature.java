package org.awaitj.agent.fuzz;

import java.util.List;

import org.awaitj.agent.fuzz.Ast.Expr;
import org.awaitj.agent.fuzz.Ast.Stmt;
import org.awaitj.agent.fuzz.Ast.Ty;

/**
 * Several classes in two packages: the unit's other package holds a package-private {@code Hidden} that public
 * methods return, a package-private {@code Base} whose public fluent method a public {@code Builder} inherits
 * (so {@code new Builder().add(x)} has the base's type), and an {@code Api} with an {@code @Async} method of
 * its own. The unit's methods hold such values across awaits: in locals ({@code Object h}, and {@code var h},
 * typed Hidden), on the operand stack, in arrays, and pass them on as the hidden type itself.
 */
final class ClassesFeature extends FeatureGen {
    private static final String HIDDEN = """
            class Hidden {
                final String v;
                Hidden(String v) { this.v = v; Log.event("hidden " + v); }
                @Override public String toString() { return "H(" + v + ")"; }
            }
            """;
    private static final String BASE = """
            class Base {
                private final StringBuilder parts = new StringBuilder();
                public Base add(Object part) { Log.event("add " + part); parts.append(part).append(';'); return this; }
                @Override public String toString() { return "B[" + parts + "]"; }
            }
            """;
    private static final String BUILDER = """
            public class Builder extends Base {
            }
            """;
    private static final String API = """
            $IMPORTS$
            public final class Api {
                private Api() { }
                $AWAITDEF$
                public static Hidden make(Object v) { return new Hidden(String.valueOf(v)); }
                public static Hidden[] makeAll(Object v) { return new Hidden[] {make(v), make(v + "!")}; }
                public static String show(Object o) {
                    return o instanceof Object[] a ? java.util.Arrays.toString(a) : String.valueOf(o);
                }
                public static String show(Object o, Object more) { return show(o) + "|" + show(more); }
                public static String take(Hidden h, Object more) { Log.event("take " + h.v); return h.v + "|" + more; }
                static <T> $CORO<T> pause(T v) { Log.event("pause"); return $SLEEP(v); }
                /** Awaited from the other package; spills its own package's types. */
                $ASYNC$public static $CORO<String> fetch(Object v) throws CheckedBoom {
                    Hidden h = make(v);
                    Object b = new Builder().add(await(pause(v)));
                    return $RESULT(take(h, await(pause(show(b)))));
                }
            }
            """;

    ClassesFeature(ProgramGenerator gen) {
        super(gen, Feature.CLASSES);
    }

    @Override
    void generate() {
        unit.classes.put("Hidden", HIDDEN);
        unit.classes.put("Base", BASE);
        unit.classes.put("Builder", BUILDER);
        unit.classes.put("Api", API);
        for (int i = 1 + rnd.nextInt(3); i > 0; i--) {
            method(chance(50), pick(List.of(Ty.STRING, Ty.OBJECT, Ty.INT)), List.of(Ty.STRING));
        }
    }

    @Override
    public Stmt statement(StatementGen g) {
        int r = rnd.nextInt(3);
        if (r == 0) {
            String h = g.fresh("hidv");
            Stmt s = stmt("var " + h + " = $LIB$.Api.make(", g.expr(Ty.STRING, 2), ");");
            g.declare(h, null, false);      // typed Hidden: only the feature's own expressions may use it
            return s;
        }
        String name = g.fresh("o");
        Stmt s = r == 1 ? stmt("Object " + name + " = $LIB$.Api.make(", g.expr(pickPrintable(g), 2), ");")
                : stmt("Object " + name + " = new $LIB$.Builder().add(", g.expr(pickPrintable(g), 2), ");");
        g.declare(name, Ty.OBJECT, true);
        return s;
    }

    @Override
    public Expr expr(ExpressionGen g, Ty t, int d) {
        if (t == Ty.OBJECT) {
            return new Expr(t).add(chance(50) ? "((Object) $LIB$.Api.make(" : "((Object) new $LIB$.Builder().add(",
                    g.expr(pickPrintable(g), d - 1), "))");
        }
        if (t != Ty.STRING) {
            return null;
        }
        List<String> hidden = locals(g, "hidv");
        Expr e = new Expr(t);
        switch (rnd.nextInt(hidden.isEmpty() ? 5 : 7)) {
            case 0 -> e.add("$LIB$.Api.show($LIB$.Api.make(", g.expr(Ty.STRING, d - 1), "), ", g.expr(pickPrintable(g), d - 1), ")");
            case 1 -> e.add("$LIB$.Api.take($LIB$.Api.make(", g.expr(Ty.STRING, d - 1), "), ", g.expr(pickPrintable(g), d - 1), ")");
            case 2 -> e.add("$LIB$.Api.show(new $LIB$.Builder().add(", g.expr(pickPrintable(g), d - 1), "), ",
                    g.expr(pickPrintable(g), d - 1), ")");
            case 3 -> e.add("$LIB$.Api.show($LIB$.Api.makeAll(", g.expr(Ty.STRING, d - 1), "), ", g.expr(pickPrintable(g), d - 1), ")");
            case 4 -> {
                e.add("await($LIB$.Api.fetch(", g.expr(pickPrintable(g), d - 1), "))");
                g.noteChecked();
            }
            case 5 -> e.add("$LIB$.Api.take(" + pick(hidden) + ", ", g.expr(pickPrintable(g), d - 1), ")");
            default -> e.add("$LIB$.Api.show(" + pick(hidden) + ", ", g.expr(pickPrintable(g), d - 1), ")");
        }
        return e;
    }

    /** A type whose values print the same in both twins. */
    private static Ty pickPrintable(ExpressionGen g) {
        return g.pickPrintable();
    }
}
