package org.awaitj.agent.fuzz;

import java.util.List;

import org.awaitj.agent.fuzz.Ast.Expr;
import org.awaitj.agent.fuzz.Ast.Stmt;
import org.awaitj.agent.fuzz.Ast.Ty;

/**
 * Generic interfaces whose type parameters a Coroutine fills: {@code Maker<T>.make(String)} returns T,
 * {@code Fn<A, R>.apply(A)} takes and returns type parameters, so javac emits a synthetic bridge beside each
 * {@code @Async} implementation (and copies @Async onto it). The unit's methods call the implementations
 * directly and through the interface (the bridge), and declare anonymous implementations too.
 */
final class BridgesFeature extends FeatureGen {
    BridgesFeature(ProgramGenerator gen) {
        super(gen, Feature.BRIDGES);
    }

    @Override
    void generate() {
        StringBuilder sb = new StringBuilder();
        sb.append("    interface Maker<T> {\n        T make(String p0) throws CheckedBoom;\n    }\n\n");
        sb.append("    interface Fn<A, R> {\n        R apply(A p0) throws CheckedBoom;\n    }\n\n");
        sb.append("    static final class Echo implements Maker<$CORO<String>> {\n");
        sb.append("        @Override $ASYNC$public $CORO<String> make(String p0) throws CheckedBoom ");
        sb.append(nestedBody(Ty.STRING, List.of(Ty.STRING), 2, g -> { }));
        sb.append("\n    }\n\n");
        sb.append("    static final class Count implements Fn<Integer, $CORO<Integer>> {\n");
        sb.append("        @Override $ASYNC$public $CORO<Integer> apply(Integer p0) throws CheckedBoom ");
        sb.append(nestedBody(Ty.INTEGER, List.of(Ty.INTEGER), 2, g -> { }));
        sb.append("\n    }\n\n");
        unit.members.add(sb.toString());
        for (int i = 1 + rnd.nextInt(2); i > 0; i--) {
            method(chance(50), pick(List.of(Ty.STRING, Ty.INTEGER, Ty.INT)), List.of(Ty.STRING));
        }
    }

    @Override
    public Stmt statement(StatementGen g) {
        // an anonymous implementation capturing a final local: its make is @Async, with a bridge of its own
        String cap = g.fresh("cap");
        String mk = g.fresh("mk");
        Stmt s = stmt("final String " + cap + " = ", g.expr(Ty.STRING, 2), "; Maker<$CORO<String>> " + mk
                + " = new Maker<>() { @Override $ASYNC$public $CORO<String> make(String p0) throws CheckedBoom { "
                + "return $RESULT(p0 + " + cap + " + await($NAME$.<String>yld(" + cap + "))); } };");
        g.declare(cap, Ty.STRING, false);
        g.declare(mk, null, false);
        return s;
    }

    @Override
    public Expr expr(ExpressionGen g, Ty t, int d) {
        Expr e = new Expr(t);
        if (t == Ty.STRING) {
            List<String> makers = locals(g, "mk");
            switch (rnd.nextInt(makers.isEmpty() ? 2 : 3)) {
                case 0 -> e.add("await(new Echo().make(", g.expr(Ty.STRING, d - 1), "))");
                case 1 -> e.add("await(((Maker<$CORO<String>>) new Echo()).make(", g.expr(Ty.STRING, d - 1), "))");
                default -> e.add("await(" + pick(makers) + ".make(", g.expr(Ty.STRING, d - 1), "))");
            }
        } else if (t == Ty.INTEGER) {
            e.add(chance(50) ? "await(new Count().apply(" : "await(((Fn<Integer, $CORO<Integer>>) new Count()).apply(",
                    g.expr(Ty.INTEGER, d - 1), "))");
        } else {
            return null;
        }
        g.noteChecked();
        return e;
    }
}
