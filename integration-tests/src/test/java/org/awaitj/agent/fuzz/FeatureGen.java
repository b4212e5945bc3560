package org.awaitj.agent.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

import org.awaitj.agent.fuzz.Ast.Expr;
import org.awaitj.agent.fuzz.Ast.Method;
import org.awaitj.agent.fuzz.Ast.Stmt;
import org.awaitj.agent.fuzz.Ast.Ty;

/**
 * A feature's generator: adds the feature's types (members of the unit's class, or classes of another
 * package) and methods of the unit's class that mix its constructs into generated code, each with a program.
 * Everything it draws comes from the feature's own random source.
 */
abstract class FeatureGen implements FeatureHook {
    final ProgramGenerator gen;
    final Unit unit;
    final Feature feature;
    final Random rnd;
    private int methods;

    FeatureGen(ProgramGenerator gen, Feature feature) {
        this.gen = gen;
        this.unit = gen.unit;
        this.feature = feature;
        this.rnd = feature.random(unit.seed);
    }

    /** Adds the feature to the unit. */
    abstract void generate();

    boolean chance(int percent) {
        return rnd.nextInt(100) < percent;
    }

    <T> T pick(List<T> list) {
        return list.get(rnd.nextInt(list.size()));
    }

    /** A method of the unit's class whose body mixes the feature in, and its program. */
    Method method(boolean isStatic, Ty returns, List<Ty> params) {
        Method m = new Method(feature.prefix + methods++, isStatic, returns, params);
        unit.methods.add(m);
        MethodGen g = new MethodGen(gen, rnd, m, baseWindow(), this);
        // the feature at least once, whatever the rest draws
        Stmt first = statement(g);
        if (first != null) {
            m.body.add(first);
        }
        Expr used = expr(g, Ty.STRING, 3);
        if (used != null) {
            m.body.add(stmt("Log.s(" + g.tag() + ", ", used, ");"));
        }
        g.body();
        List<Expr> args = new ArrayList<>();
        for (Ty t : m.params) {
            args.add(ProgramGenerator.literal(t, rnd));
        }
        unit.mainArgs.put(m.name, args);
        return m;
    }

    /** A few consecutive methods of the base program: what a feature's method may await. */
    List<Method> baseWindow() {
        if (unit.baseCount == 0) {
            return List.of();
        }
        int from = rnd.nextInt(unit.baseCount);
        return unit.methods.subList(from, Math.min(unit.baseCount, from + 7));
    }

    /**
     * The body of a method of a nested type, generated as the others but without the unit's instance (nor the
     * feature's constructs: a nested method that called them could recurse), rendered at {@code indent}.
     * {@code prepare} may declare what is in scope and add the first statements.
     */
    String nestedBody(Ty returns, List<Ty> params, int indent, Consumer<MethodGen> prepare) {
        Method m = new Method("nested", false, returns, params);
        MethodGen g = new MethodGen(gen, rnd, m, staticBase(), null);
        g.outerInstance = false;
        g.budget = Math.min(g.budget, 8);
        prepare.accept(g);
        g.body();
        StringBuilder sb = new StringBuilder();
        m.body.render(sb, indent);
        return sb.toString();
    }

    private List<Method> staticBase() {
        List<Method> out = new ArrayList<>();
        for (Method m : baseWindow()) {
            if (m.isStatic) {
                out.add(m);
            }
        }
        return out;
    }

    /** {@code text} as a statement of its own. */
    static Stmt stmt(Object... parts) {
        return new Stmt().add(parts);
    }

    /** The names of the variables in scope whose name starts with {@code prefix} (a feature's locals). */
    static List<String> locals(MethodScope g, String prefix) {
        List<String> out = new ArrayList<>();
        for (List<MethodScope.Var> scope : g.scopes) {
            for (MethodScope.Var v : scope) {
                if (v.type == null && v.name.startsWith(prefix)) {
                    out.add(v.name);
                }
            }
        }
        return out;
    }
}
