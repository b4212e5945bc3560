package org.awaitj.agent.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.awaitj.agent.fuzz.Ast.Block;
import org.awaitj.agent.fuzz.Ast.Method;
import org.awaitj.agent.fuzz.Ast.Stmt;
import org.awaitj.agent.fuzz.Ast.Ty;

/**
 * Generates one method's body: statements and expressions (see the classes it extends), try/catch/finally and
 * try-with-resources (async resources too) with thrown and caught exceptions (checked ones too), synchronized
 * blocks and lambdas without awaits.
 */
final class MethodGen extends StatementGen {
    MethodGen(ProgramGenerator gen, Random rnd, Method method, List<Method> callees, FeatureHook hook) {
        super(gen, rnd, method, callees, hook);
        this.budget = 4 + rnd.nextInt(14);
        scopes.push(new ArrayList<>());
        for (int i = 0; i < method.params.size(); i++) {
            scopes.peek().add(new Var("p" + i, method.params.get(i), true));
        }
    }

    void body() {
        boolean completes = block(method.body, false);
        if (completes) {
            method.body.add(returnStmt());
        }
    }

    @Override
    Stmt returnStmt() {
        Stmt s = new Stmt();
        if (method.returns == null) {
            s.add("return $RESULTV$;");
        } else {
            s.add("return $RESULT(", expr(method.returns, 3), ");");
        }
        return s;
    }

    @Override
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

    @Override
    boolean synchronizedStatement(Block b) {
        Block body = new Block();
        b.add(new Stmt().add("synchronized (" + (method.isStatic ? "Log.class" : "this") + ") ", body));
        boolean wasNoAwait = noAwait;
        noAwait = true;
        boolean completes = block(body, true);
        noAwait = wasNoAwait;
        return completes;
    }

    @Override
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
}
