package org.awaitj.agent.fuzz;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;

import org.awaitj.agent.fuzz.Ast.Block;
import org.awaitj.agent.fuzz.Ast.Expr;
import org.awaitj.agent.fuzz.Ast.Method;
import org.awaitj.agent.fuzz.Ast.Ty;

/**
 * The state of one method body being generated, and what statements and expressions share: the variables in
 * scope, the break and continue targets, the random source (the base program's, or a feature's own, so that
 * switching a feature off leaves the rest of the unit as it was), and the methods it may await.
 */
abstract class MethodScope {
    /** A local in scope; type null for a lambda, a resource, or a feature's own local. */
    static final class Var {
        final String name;
        final Ty type;
        final boolean assignable;

        Var(String name, Ty type, boolean assignable) {
            this.name = name;
            this.type = type;
            this.assignable = assignable;
        }
    }

    /** A break or continue target: a loop (label may be null) or a switch; null entries are barriers. */
    static final class Target {
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
    static final Target BARRIER = new Target(false, null);

    final ProgramGenerator gen;
    final Random rnd;
    final Unit unit;
    final Method method;
    /** The methods it may await: later ones only, so that calls never recurse. */
    final List<Method> callees;
    /** The feature whose constructs it mixes in, or null (a method of the base program). */
    final FeatureHook hook;
    /** True when {@code this} is the unit's class: its fields and instance methods are in reach. */
    boolean outerInstance;
    /** How often an expression, and a statement, is the feature's own (in a feature's methods). */
    int hookPercent = 40;
    int hookStatementPercent = 20;
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

    MethodScope(ProgramGenerator gen, Random rnd, Method method, List<Method> callees, FeatureHook hook) {
        this.gen = gen;
        this.rnd = rnd;
        this.unit = gen.unit;
        this.method = method;
        this.callees = callees;
        this.hook = hook;
        this.outerInstance = !method.isStatic;
    }

    /** Fills the block; true when it can complete normally (javac's rule, so that nothing is unreachable). */
    abstract boolean block(Block b, boolean newScope);

    abstract Expr expr(Ty t, int d);

    Ty anyType() {
        return ProgramGenerator.VALUE_TYPES[rnd.nextInt(ProgramGenerator.VALUE_TYPES.length)];
    }

    boolean chance(int percent) {
        return rnd.nextInt(100) < percent;
    }

    <T> T pick(List<T> list) {
        return list.get(rnd.nextInt(list.size()));
    }

    int tag() {
        return gen.tag();
    }

    Expr literal(Ty t) {
        return ProgramGenerator.literal(t, rnd);
    }

    /** Declares a variable in the innermost scope (a feature's local, or a captured one). */
    void declare(String name, Ty type, boolean assignable) {
        scopes.peek().add(new Var(name, type, assignable));
    }

    String fresh(String prefix) {
        return prefix + names++;
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

    void noteChecked() {
        if (!checked.isEmpty()) {
            checked.peek()[0] = true;
        }
    }

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

    /** A generated method this one may await (never itself nor an earlier one): static unless this method has a receiver. */
    Method callee(Ty returns, boolean any) {
        List<Method> out = new ArrayList<>();
        for (Method m : callees) {
            if ((m.isStatic || outerInstance) && (any || (returns != null && m.returns == returns))) {
                out.add(m);
            }
        }
        return out.isEmpty() ? null : pick(out);
    }
}
