package org.awaitj.agent.fuzz;

import java.util.List;

import org.awaitj.agent.fuzz.Ast.Expr;
import org.awaitj.agent.fuzz.Ast.Stmt;
import org.awaitj.agent.fuzz.Ast.Ty;

/**
 * Classes whose static initialisers log (and one whose initialiser fails), created with {@code new} whose
 * arguments await: Java initialises the class before it evaluates the arguments, and the rewritten code must
 * too. A static field read initialises as well. The classes are named {@code Lazy...}: the runner does not
 * initialise them when it loads the unit, so that the first program to use one logs its initialisation.
 */
final class ClassInitFeature extends FeatureGen {
    private int classes;

    ClassInitFeature(ProgramGenerator gen) {
        super(gen, Feature.CLASS_INIT);
    }

    @Override
    void generate() {
        classes = 1 + rnd.nextInt(3);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < classes; i++) {
            String name = "Lazy" + i;
            sb.append("    static final class ").append(name).append(" {\n");
            sb.append("        static int made;\n");
            sb.append("        static { Log.event(\"clinit ").append(name).append("\"); }\n");
            sb.append("        final String v;\n");
            sb.append("        ").append(name).append("(Object a, Object b) { v = a + \",\" + b; made++; Log.event(\"ctor ")
                    .append(name).append(" \" + v); }\n");
            sb.append("        @Override public String toString() { return \"").append(name).append("(\" + v + \")\"; }\n");
            sb.append("    }\n\n");
        }
        sb.append("    static final class LazyBroken {\n");
        sb.append("        static { Log.event(\"clinit LazyBroken\"); if (Log.class != null) { throw new Boom(\"clinit\"); } }\n");
        sb.append("        LazyBroken(Object a) { Log.event(\"ctor LazyBroken \" + a); }\n");
        sb.append("    }\n\n");
        unit.members.add(sb.toString());
        for (int i = 1 + rnd.nextInt(2); i > 0; i--) {
            method(chance(50), pick(List.of(Ty.STRING, Ty.OBJECT, Ty.INT)), List.of(Ty.INT));
        }
    }

    private String lazy() {
        return "Lazy" + rnd.nextInt(classes);
    }

    @Override
    public Stmt statement(StatementGen g) {
        // the failed initialisation is an error at the new, before the arguments: ExceptionInInitializerError
        // the first time, NoClassDefFoundError afterwards
        String e = g.fresh("e");
        return stmt("try { Log.event(String.valueOf(new LazyBroken(", g.expr(g.pickPrintable(), 2), "))); } catch (LinkageError "
                + e + ") { Log.event(\"init \" + " + e + ".getClass().getSimpleName()); }");
    }

    @Override
    public Expr expr(ExpressionGen g, Ty t, int d) {
        Expr e = new Expr(t);
        switch (t) {
            case STRING -> e.add("new " + lazy() + "(", g.expr(g.pickPrintable(), d - 1), ", ", g.expr(g.pickPrintable(), d - 1),
                    ").toString()");
            case OBJECT -> e.add("((Object) new " + lazy() + "(", g.expr(g.pickPrintable(), d - 1), ", ",
                    g.expr(g.pickPrintable(), d - 1), "))");
            case INT -> e.add("(" + lazy() + ".made + ", g.expr(Ty.INT, d - 1), ")");
            default -> {
                return null;
            }
        }
        return e;
    }
}
