package org.awaitj.agent.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The generated programs as a tree of text and nodes, kept so that a failing program can be reduced: a
 * statement can be removed or replaced by one of its blocks, an expression replaced by a literal of its type.
 * One tree renders as both twins: the few places where they differ are markers that {@link Twins} replaces.
 */
final class Ast {
    private Ast() {
    }

    /** Value types of generated expressions: every primitive, a nullable box, strings, arrays and an enum. */
    enum Ty {
        BOOL("boolean", "Boolean", "z"), BYTE("byte", "Byte", "b"), CHAR("char", "Character", "c"),
        SHORT("short", "Short", "h"), INT("int", "Integer", "i"), LONG("long", "Long", "j"),
        FLOAT("float", "Float", "f"), DOUBLE("double", "Double", "d"), STRING("String", "String", "s"),
        INTEGER("Integer", "Integer", "n"), INTS("int[]", "int[]", "a"), COLOR("Color", "Color", null),
        OBJECT("Object", "Object", "o");

        final String java;
        final String boxed;
        /** The FuzzSupport.Log method that logs a value of the type and returns it; null when there is none. */
        final String log;

        Ty(String java, String boxed, String log) {
            this.java = java;
            this.boxed = boxed;
            this.log = log;
        }

        boolean numeric() {
            return this == BYTE || this == CHAR || this == SHORT || this == INT || this == LONG || this == FLOAT
                    || this == DOUBLE;
        }
    }

    /** Text and child nodes, rendered in order. */
    abstract static class Node {
        final List<Object> parts = new ArrayList<>();

        Node add(Object... ps) {
            for (Object p : ps) {
                parts.add(p);
            }
            return this;
        }

        void render(StringBuilder sb, int indent) {
            for (Object p : parts) {
                if (p instanceof Node n) {
                    n.render(sb, indent);
                } else {
                    sb.append(p);
                }
            }
        }

        /** Visits this node and every node below it, parents first. */
        void walk(Consumer<Node> visitor) {
            visitor.accept(this);
            for (Object p : new ArrayList<>(parts)) {
                if (p instanceof Node n) {
                    n.walk(visitor);
                }
            }
        }
    }

    /** An expression of a type: the reducer may replace it by a literal of that type. */
    static final class Expr extends Node {
        final Ty type;
        boolean literal;

        Expr(Ty type) {
            this.type = type;
        }

        @Override
        Expr add(Object... ps) {
            super.add(ps);
            return this;
        }
    }

    /** A statement, rendered on lines of its own. */
    static final class Stmt extends Node {
        @Override
        Stmt add(Object... ps) {
            super.add(ps);
            return this;
        }

        @Override
        void render(StringBuilder sb, int indent) {
            sb.append("    ".repeat(indent));
            super.render(sb, indent);
            sb.append('\n');
        }

        /** The blocks the statement holds: the reducer may put one in the statement's place. */
        List<Block> blocks() {
            List<Block> out = new ArrayList<>();
            for (Object p : parts) {
                if (p instanceof Block b) {
                    out.add(b);
                }
            }
            return out;
        }
    }

    /** A braced block of statements (its parts are statements only). */
    static final class Block extends Node {
        @Override
        void render(StringBuilder sb, int indent) {
            sb.append("{\n");
            for (Object p : parts) {
                ((Node) p).render(sb, indent + 1);
            }
            sb.append("    ".repeat(indent)).append('}');
        }

        Block copyOf() {
            Block b = new Block();
            b.parts.addAll(parts);
            return b;
        }
    }

    /** A method: signature text and body. */
    static final class Method extends Node {
        final String name;
        final boolean isStatic;
        /** Null for Coroutine&lt;Void&gt;. */
        final Ty returns;
        final List<Ty> params;
        final Block body = new Block();

        Method(String name, boolean isStatic, Ty returns, List<Ty> params) {
            this.name = name;
            this.isStatic = isStatic;
            this.returns = returns;
            this.params = params;
        }

        @Override
        void render(StringBuilder sb, int indent) {
            sb.append("    $ASYNC$").append(isStatic ? "static " : "").append("$CORO<")
                    .append(returns == null ? "Void" : returns.boxed).append("> ").append(name).append('(');
            for (int i = 0; i < params.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(params.get(i).java).append(" p").append(i);
            }
            sb.append(") throws CheckedBoom ");
            body.render(sb, 1);
            sb.append("\n\n");
        }

        @Override
        void walk(Consumer<Node> visitor) {
            visitor.accept(this);
            body.walk(visitor);
        }
    }
}
