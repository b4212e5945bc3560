package org.awaitj.agent.fuzz;

import java.util.List;

import org.awaitj.agent.fuzz.Ast.Expr;
import org.awaitj.agent.fuzz.Ast.Stmt;
import org.awaitj.agent.fuzz.Ast.Ty;

/**
 * An inner class (with its enclosing instance) whose {@code @Async} method reads the unit's instance, and
 * anonymous classes of a plain interface, declared in the unit's methods, whose {@code @Async} method has a
 * generated body reading a captured local.
 */
final class NestedClassesFeature extends FeatureGen {
    NestedClassesFeature(ProgramGenerator gen) {
        super(gen, Feature.NESTED);
    }

    @Override
    void generate() {
        StringBuilder sb = new StringBuilder();
        sb.append("    interface Job {\n        $CORO<String> run(int p0) throws CheckedBoom;\n    }\n\n");
        sb.append("    final class Inner {\n");
        sb.append("        final String k;\n");
        sb.append("        Inner(String k) { this.k = k; }\n");
        sb.append("        $ASYNC$$CORO<String> run(int p0) throws CheckedBoom ");
        sb.append(nestedBody(Ty.STRING, List.of(Ty.INT), 2, g -> {
            g.method.body.add(stmt("Log.event(k + \" in \" + $NAME$.this.dump());"));
            g.declare("k", Ty.STRING, false);
        }));
        sb.append("\n    }\n\n");
        unit.members.add(sb.toString());
        for (int i = 1 + rnd.nextInt(2); i > 0; i--) {
            method(chance(40), pick(List.of(Ty.STRING, Ty.INT)), List.of(Ty.STRING));
        }
    }

    @Override
    public Stmt statement(StatementGen g) {
        if (g.depth > 2) {
            return null;        // the anonymous body is a method of its own: not too many of them
        }
        String cap = g.fresh("cap");
        String job = g.fresh("job");
        Stmt s = stmt("final String " + cap + " = ", g.expr(Ty.STRING, 2), ";");
        g.declare(cap, Ty.STRING, false);
        String body = nestedBody(Ty.STRING, List.of(Ty.INT), g.depth + 2, n -> n.declare(cap, Ty.STRING, false));
        s.add(" Job " + job + " = new Job() { @Override $ASYNC$public $CORO<String> run(int p0) throws CheckedBoom "
                + body + " };");
        g.declare(job, null, false);
        return s;
    }

    @Override
    public Expr expr(ExpressionGen g, Ty t, int d) {
        if (t != Ty.STRING) {
            return null;
        }
        List<String> jobs = locals(g, "job");
        Expr e = new Expr(t);
        if (!jobs.isEmpty() && chance(50)) {
            e.add("await(" + pick(jobs) + ".run(", g.expr(Ty.INT, d - 1), "))");
        } else {
            e.add(g.outerInstance ? "await(this.new Inner(" : "await(new $NAME$().new Inner(", g.expr(Ty.STRING, d - 1),
                    ").run(", g.expr(Ty.INT, d - 1), "))");
        }
        g.noteChecked();
        return e;
    }
}
