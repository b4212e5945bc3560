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
 * Statements: locals of every type (some assigned on one branch only), assignments, if, every loop form with
 * labelled and plain break and continue, switches on ints, strings and enums (arrows and colons), early
 * returns and throws; try, synchronized and lambdas in {@link MethodGen}.
 */
abstract class StatementGen extends ExpressionGen {
    StatementGen(ProgramGenerator gen, Random rnd, Method method, List<Method> callees, FeatureHook hook) {
        super(gen, rnd, method, callees, hook);
    }

    abstract Stmt returnStmt();

    abstract boolean tryStatement(Block b);

    abstract boolean synchronizedStatement(Block b);

    abstract Stmt lambda();

    @Override
    boolean block(Block b, boolean newScope) {
        if (newScope) {
            scopes.push(new ArrayList<>());
        }
        depth++;
        boolean completes = true;
        int n = 1 + rnd.nextInt(depth <= 1 ? 6 : 3);
        for (int i = 0; i < n && completes && budget > 0; i++) {
            budget--;
            completes = statement(b);
        }
        depth--;
        if (newScope) {
            scopes.pop();
        }
        return completes;
    }

    /** Adds one statement; returns whether it can complete normally. */
    boolean statement(Block b) {
        if (hook != null && chance(hookStatementPercent)) {
            Stmt own = hook.statement(this);
            if (own != null) {
                b.add(own);
                return true;
            }
        }
        int r = rnd.nextInt(100);
        if (depth >= 4 && r >= 38) {
            r = 80 + rnd.nextInt(20);       // no more nesting: a simple statement or a jump
        }
        if (r < 15) {
            b.add(declaration());
            return true;
        }
        if (r < 18) {
            return splitDeclaration(b);
        }
        if (r < 30) {
            b.add(assignment());
            return true;
        }
        if (r < 38) {
            b.add(expressionStatement());
            return true;
        }
        if (r < 48) {
            return ifStatement(b);
        }
        if (r < 58) {
            return loop(b);
        }
        if (r < 64) {
            return switchStatement(b);
        }
        if (r < 74) {
            return tryStatement(b);
        }
        if (r < 76 && !noAwait) {
            return synchronizedStatement(b);
        }
        if (r < 78) {
            Block inner = new Block();
            Stmt s = new Stmt().add(inner);
            b.add(s);
            return block(inner, true);
        }
        if (r < 80) {
            b.add(lambda());
            return true;
        }
        if (r < 86) {
            return jump(b);
        }
        b.add(r < 93 ? declaration() : expressionStatement());
        return true;
    }

    /** {@code T v; if (c) { v = a; } else { v = b; }}: a local unassigned at the awaits of a and b. */
    boolean splitDeclaration(Block b) {
        Ty t = anyType();
        String name = fresh("v");
        b.add(new Stmt().add(t.java + " " + name + ";"));
        Block then = new Block();
        Block otherwise = new Block();
        b.add(new Stmt().add("if (", expr(Ty.BOOL, 2), ") ", then, " else ", otherwise));
        then.add(new Stmt().add(name + " = ", expr(t, 3), ";"));
        otherwise.add(new Stmt().add(name + " = ", expr(t, 3), ";"));
        scopes.peek().add(new Var(name, t, true));
        return true;
    }

    Stmt declaration() {
        Ty t = anyType();
        String name = fresh("v");
        Stmt s = new Stmt().add(t.java + " " + name + " = ", expr(t, 3), ";");
        scopes.peek().add(new Var(name, t, true));
        return s;
    }

    Stmt assignment() {
        Var v = assignableVar(null);
        if (v == null) {
            return declaration();
        }
        Stmt s = new Stmt();
        int r = rnd.nextInt(10);
        if (v.type.numeric() && r < 3) {
            boolean floating = v.type == Ty.FLOAT || v.type == Ty.DOUBLE;
            s.add(v.name + " " + pick(floating ? List.of("+=", "-=", "*=") : List.of("+=", "-=", "*=", "|=", "^="))
                    + " ", expr(floating ? v.type : Ty.INT, 2), ";");
        } else if (v.type.numeric() && r < 4) {
            s.add(v.name + (rnd.nextBoolean() ? "++;" : "--;"));
        } else if (v.type == Ty.STRING && r < 4) {
            s.add(v.name + " += ", expr(pickPrintable(), 2), ";");
        } else if (v.type == Ty.INTS && r < 6) {
            s.add("(", new Expr(Ty.INTS).add(v.name), ")[(", expr(Ty.INT, 2), ") & 3] "
                    + pick(List.of("=", "+=", "<<=")) + " ", expr(Ty.INT, 2), ";");
        } else {
            s.add(v.name + " = ", expr(v.type, 3), ";");
        }
        return s;
    }

    Stmt expressionStatement() {
        Stmt s = new Stmt();
        int r = rnd.nextInt(10);
        if (r < 3 && !noAwait) {
            Method callee = callee(null, true);
            if (callee != null) {
                return s.add(call(callee), ";");
            }
        }
        if (r < 5 && !noAwait) {
            Ty t = anyType();
            return s.add(awaitOf(t, 2), ";");
        }
        if (r < 7) {
            return s.add("Log.at(" + tag() + ");");
        }
        Ty t = pickLogged();
        return s.add("Log." + t.log + "(" + tag() + ", ", expr(t, 3), ");");
    }

    boolean ifStatement(Block b) {
        Block then = new Block();
        Stmt s = new Stmt().add("if (", expr(Ty.BOOL, 3), ") ", then);
        b.add(s);
        boolean thenCompletes = jumpOnly(then) ? false : block(then, true);
        if (chance(50)) {
            Block otherwise = new Block();
            s.add(" else ", otherwise);
            return block(otherwise, true) || thenCompletes;
        }
        return true;
    }

    /** Sometimes an if's branch is a lone jump: return, throw, break or continue (the usual early exit). */
    boolean jumpOnly(Block then) {
        if (chance(35)) {
            jump(then);
            return true;
        }
        return false;
    }

    boolean jump(Block b) {
        List<Integer> kinds = new ArrayList<>();
        kinds.add(0);                       // throw
        kinds.add(1);                       // return
        if (inSwitchExpression > 0) {
            kinds.remove(Integer.valueOf(1));
        }
        Target loop = innermost(true);
        if (loop != null) {
            kinds.add(2);                   // continue
            kinds.add(2);
        }
        if (innermost(false) != null) {
            kinds.add(3);                   // break
            kinds.add(3);
        }
        switch (pick(kinds)) {
            case 0 -> {
                if (chance(30)) {
                    b.add(new Stmt().add("throw new CheckedBoom(\"c\" + ", expr(Ty.INT, 2), ");"));
                    noteChecked();
                } else {
                    b.add(new Stmt().add("throw new Boom(\"b\" + ", expr(Ty.INT, 2), ");"));
                }
            }
            case 1 -> b.add(returnStmt());
            case 2 -> {
                Target t = chance(30) ? labelledLoop() : null;
                b.add(new Stmt().add(t != null ? "continue " + t.label + ";" : "continue;"));
                (t != null ? t : loop).continued++;
            }
            default -> {
                Target t = chance(30) ? labelledLoop() : null;
                if (t == null) {
                    t = innermost(false);
                    b.add(new Stmt().add("break;"));
                } else {
                    b.add(new Stmt().add("break " + t.label + ";"));
                }
                t.broken++;
            }
        }
        return false;
    }

    boolean loop(Block b) {
        String counter = fresh("c");
        int bound = 1 + rnd.nextInt(3);
        String label = chance(30) ? fresh("L") + ": " : "";
        Target target = new Target(true, label.isEmpty() ? null : label.substring(0, label.length() - 2));
        Block body = new Block();
        Stmt s = new Stmt();
        scopes.push(new ArrayList<>());
        int form = rnd.nextInt(5);
        switch (form) {
            case 0 -> {     // while, the counter first so that continue cannot skip it
                b.add(new Stmt().add("int " + counter + " = 0;"));
                s.add(label + "while (" + counter + " < " + bound + " && ", expr(Ty.BOOL, 2), ") ", body);
                body.add(new Stmt().add(counter + "++;"));
            }
            case 1 -> {     // do-while
                b.add(new Stmt().add("int " + counter + " = 0;"));
                // no switch expression in the condition: javac takes one for reachable even after a body
                // that cannot complete, and would then want a statement after the loop
                switchExpressions++;
                s.add(label + "do ", body, " while (" + counter + " < " + bound + " && ", expr(Ty.BOOL, 2), ");");
                switchExpressions--;
                body.add(new Stmt().add(counter + "++;"));
            }
            case 2 -> s.add(label + "for (int " + counter + " = 0; " + counter + " < " + bound + "; "
                    + counter + "++) ", body);
            case 3 -> {     // for-each over an array
                String x = fresh("x");
                s.add(label + "for (int " + x + " : ", expr(Ty.INTS, 2), ") ", body);
                scopes.peek().add(new Var(x, Ty.INT, false));
            }
            default -> {    // for-each over a list: an iterator of an interface type across awaits
                String x = fresh("x");
                s.add(label + "for (Integer " + x + " : java.util.Arrays.asList(", expr(Ty.INTEGER, 2), ", ",
                        expr(Ty.INTEGER, 2), ")) ", body);
                scopes.peek().add(new Var(x, Ty.INTEGER, false));
            }
        }
        if (form <= 2) {
            scopes.peek().add(new Var(counter, Ty.INT, false));
        }
        b.add(s);
        targets.push(target);
        boolean bodyCompletes = block(body, false);
        targets.pop();
        scopes.pop();
        if (form == 1) {
            // a do-while whose body cannot complete and has no continue never reaches its condition; keep
            // it simple: such a do statement completes only when broken out of
            return target.broken > 0 || bodyCompletes || target.continued > 0;
        }
        return true;
    }

    boolean switchStatement(Block b) {
        Target target = new Target(false, null);
        Stmt s = new Stmt();
        b.add(s);
        boolean arrows = rnd.nextBoolean();
        int kind = rnd.nextInt(3);
        List<String> labels = caseLabels(kind);
        if (kind == 0) {
            s.add("switch (", expr(Ty.INT, 2), ") {\n");
        } else if (kind == 1) {
            s.add("switch (", expr(Ty.STRING, 2), ") {\n");
        } else {
            s.add("switch (", expr(Ty.COLOR, 2), ") {\n");
        }
        boolean anyCompletes = false;
        boolean lastCompletes = true;
        boolean hasDefault = chance(70);
        if (hasDefault) {
            labels.add("default");
        }
        targets.push(target);
        for (String label : labels) {
            Block body = new Block();
            s.add("    ".repeat(depth + 1) + (label.equals("default") ? "default" : "case " + label)
                    + (arrows ? " -> " : ": "), body, "\n");
            lastCompletes = block(body, true);
            anyCompletes |= lastCompletes;
        }
        targets.pop();
        s.add("    ".repeat(depth) + "}");
        if (arrows) {
            return anyCompletes || target.broken > 0 || !hasDefault;
        }
        return lastCompletes || target.broken > 0 || !hasDefault || labels.isEmpty();
    }
}
