package org.awaitj.agent.fuzz;

import java.util.ArrayList;
import java.util.List;

import org.awaitj.agent.fuzz.Ast.Block;
import org.awaitj.agent.fuzz.Ast.Expr;
import org.awaitj.agent.fuzz.Ast.Method;
import org.awaitj.agent.fuzz.Ast.Stmt;
import org.awaitj.agent.fuzz.Ast.Ty;

/**
 * Reduces a failing unit to a small program that still fails the same way: only the failing program's main,
 * then (until nothing more goes) drops methods, drops statements, puts a statement's block in its place, and
 * replaces expressions by literals, keeping each change that compiles and still fails. Bounded in time.
 */
final class Reducer {
    private final DifferentialRunner runner;
    private Unit unit;
    private final String program;
    private final String signature;
    private final long deadline;
    int attempts;

    private Reducer(DifferentialRunner runner, DifferentialRunner.Failure failure, long millis) {
        this.runner = runner;
        // a fresh copy: the generator is deterministic
        this.unit = failure.unit().regenerate(failure.unit().features);
        this.program = failure.program();
        this.signature = failure.signature();
        this.deadline = System.currentTimeMillis() + millis;
    }

    /** The reduced unit, or the unit as it was when it no longer fails once regenerated. */
    static Unit reduce(DifferentialRunner.Failure failure, long millis) {
        DifferentialRunner runner = new DifferentialRunner();
        try {
            Reducer r = new Reducer(runner, failure, millis);
            r.run();
            return r.unit;
        } finally {
            runner.close();
        }
    }

    private void run() {
        if (program != null) {
            unit.mainArgs.keySet().retainAll(List.of(program));
        }
        if (!fails()) {
            return;
        }
        dropFeatures();
        boolean progress = true;
        while (progress && !late()) {
            progress = dropMethods() | dropStatements() | inlineBlocks() | literals();
        }
    }

    private boolean late() {
        return System.currentTimeMillis() > deadline;
    }

    private boolean fails() {
        attempts++;
        try {
            for (DifferentialRunner.Failure f : runner.run(List.of(unit))) {
                if (f.signature().equals(signature) && (program == null || program.equals(f.program()))) {
                    return true;
                }
            }
            return false;
        } catch (InMemoryCompiler.CompileError e) {
            return false;
        }
    }

    /** The unit without each feature it does not need (the rest of it stays as it was: see Feature). */
    private void dropFeatures() {
        for (Feature f : java.util.EnumSet.copyOf(unit.features)) {
            if (late() || (program != null && program.startsWith(f.prefix))) {
                continue;
            }
            Unit kept = unit;
            java.util.EnumSet<Feature> fewer = java.util.EnumSet.copyOf(unit.features);
            fewer.remove(f);
            unit = unit.regenerate(fewer);
            if (program != null) {
                unit.mainArgs.keySet().retainAll(List.of(program));
            }
            if (!fails()) {
                unit = kept;
            }
        }
    }

    private boolean dropMethods() {
        boolean progress = false;
        for (int i = unit.methods.size() - 1; i >= 0 && !late(); i--) {
            Method m = unit.methods.get(i);
            if (m.name.equals(program)) {
                continue;
            }
            unit.methods.remove(i);
            if (fails()) {
                progress = true;
            } else {
                unit.methods.add(i, m);
            }
        }
        return progress;
    }

    private List<Block> blocks() {
        List<Block> out = new ArrayList<>();
        for (Method m : unit.methods) {
            m.walk(n -> {
                if (n instanceof Block b) {
                    out.add(b);
                }
            });
        }
        return out;
    }

    private boolean dropStatements() {
        boolean progress = false;
        for (Block b : blocks()) {
            for (int i = b.parts.size() - 1; i >= 0 && !late(); i--) {
                Object s = b.parts.remove(i);
                if (fails()) {
                    progress = true;
                } else {
                    b.parts.add(i, s);
                }
            }
        }
        return progress;
    }

    private boolean inlineBlocks() {
        boolean progress = false;
        for (Block b : blocks()) {
            for (int i = 0; i < b.parts.size() && !late(); i++) {
                if (!(b.parts.get(i) instanceof Stmt s)) {
                    continue;
                }
                if (s.parts.size() == 1 && s.parts.get(0) instanceof Block bare) {
                    // a bare block: its statements in its place
                    b.parts.remove(i);
                    b.parts.addAll(i, bare.parts);
                    if (fails()) {
                        progress = true;
                    } else {
                        b.parts.subList(i, i + bare.parts.size()).clear();
                        b.parts.add(i, s);
                    }
                    continue;
                }
                for (Block inner : s.blocks()) {
                    Stmt replacement = new Stmt();
                    replacement.add(inner);
                    b.parts.set(i, replacement);
                    if (fails()) {
                        progress = true;
                        break;
                    }
                    b.parts.set(i, s);
                }
            }
        }
        return progress;
    }

    private boolean literals() {
        boolean progress = false;
        List<Expr> exprs = new ArrayList<>();
        for (Method m : unit.methods) {
            m.walk(n -> {
                if (n instanceof Expr e && !e.literal && e.type != null) {
                    exprs.add(e);
                }
            });
        }
        for (Expr e : exprs) {
            if (late()) {
                break;
            }
            if (e.literal || !attached(e)) {
                continue;
            }
            List<Object> old = new ArrayList<>(e.parts);
            e.parts.clear();
            e.parts.add(simplest(e.type));
            e.literal = true;
            if (fails()) {
                progress = true;
            } else {
                e.parts.clear();
                e.parts.addAll(old);
                e.literal = false;
            }
        }
        return progress;
    }

    /** Whether the expression is still part of the unit (an enclosing one may have become a literal). */
    private boolean attached(Expr e) {
        boolean[] found = {false};
        for (Method m : unit.methods) {
            m.walk(n -> found[0] |= n == e);
        }
        return found[0];
    }

    static String simplest(Ty t) {
        return switch (t) {
            case BOOL -> "false";
            case BYTE -> "(byte) 1";
            case CHAR -> "'a'";
            case SHORT -> "(short) 1";
            case INT -> "1";
            case LONG -> "1L";
            case FLOAT -> "1f";
            case DOUBLE -> "1.0";
            case STRING -> "\"s\"";
            case INTEGER -> "Integer.valueOf(1)";
            case INTS -> "new int[] {1, 2, 3, 4}";
            case COLOR -> "Color.RED";
            case OBJECT -> "(Object) \"s\"";
        };
    }
}
