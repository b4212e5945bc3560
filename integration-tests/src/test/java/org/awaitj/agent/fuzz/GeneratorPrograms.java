package org.awaitj.agent.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random async generators and their consumers, as two twins for the differential test of generators. The async
 * twin is what a user writes: {@code @Async AsyncGenerator<Object>} methods whose bodies mix emits with awaits
 * that complete at once or suspend, locals of every width, loops, switches, try/catch/finally; and a consumer
 * that takes {@code limit} values through try-with-resources, so that it closes the generator at its
 * limit-th emit. In the sync twin, {@code await(x)} is the identity, and {@code emit(v)} records v and, at the
 * limit-th value, throws the GeneratorExit that closing would: the finally blocks run the same way.
 *
 * <p>Emits stay out of finally blocks (one that runs while closing would make the close fail, ending the body
 * where the sync twin would go on), and catches name Boom, never GeneratorExit.
 */
final class GeneratorPrograms {
    static final int[] LIMITS = {0, 1, 2, 3, 1000};
    private static final String[] AWAITABLES = {"now", "slp", "tmr"};

    private final Random random;
    private final StringBuilder out = new StringBuilder();
    private int names;
    private int tags;

    private GeneratorPrograms(long seed) {
        this.random = new Random(seed);
    }

    static String asyncName(long seed) {
        return "Fg" + Long.toUnsignedString(seed, 36) + "A";
    }

    static String syncName(long seed) {
        return "Fg" + Long.toUnsignedString(seed, 36) + "S";
    }

    /** The generators' text, shared by both twins. */
    static String template(long seed, int generators) {
        GeneratorPrograms g = new GeneratorPrograms(seed);
        for (int k = 0; k < generators; k++) {
            g.generator(k);
        }
        return g.out.toString();
    }

    private void generator(int k) {
        out.append("    $GEN$ g").append(k).append("(int a, long b, double c, String s) {\n");
        List<String[]> scope = new ArrayList<>(List.of(new String[] {"int", "a"}, new String[] {"long", "b"},
                new String[] {"double", "c"}, new String[] {"String", "s"}));
        block(scope, 2, 2, true);
        out.append("        return finish();\n    }\n\n");
        out.append("    $MAIN$ main").append(k).append("(int limit) {\n");
        out.append("        $CONSUME$g").append(k).append("(").append(random.nextInt(9) - 4).append(", ")
                .append(random.nextInt(1000)).append("L, ").append(random.nextInt(90) / 8.0).append(", \"")
                .append((char) ('p' + random.nextInt(8))).append("\")$END$\n    }\n\n");
    }

    private void block(List<String[]> scope, int depth, int indent, boolean emits) {
        int n = 1 + random.nextInt(4);
        int size = scope.size();
        for (int i = 0; i < n; i++) {
            statement(scope, depth, indent, emits);
        }
        while (scope.size() > size) {
            scope.remove(scope.size() - 1);
        }
    }

    private void statement(List<String[]> scope, int depth, int indent, boolean emits) {
        String pad = "    ".repeat(indent);
        int choice = random.nextInt(depth > 0 ? 12 : 7);
        switch (choice) {
            case 0, 1 -> {
                if (emits) {
                    out.append(pad).append("emit(").append(value(scope)).append(");\n");
                } else {
                    out.append(pad).append("Log.event(\"f").append(tags++).append(" \" + ").append(value(scope)).append(");\n");
                }
            }
            case 2 -> {
                String[] types = {"int", "long", "double", "String"};
                String t = types[random.nextInt(types.length)];
                String name = "v" + names++;
                out.append(pad).append(t).append(' ').append(name).append(" = ").append(expr(scope, t)).append(";\n");
                scope.add(new String[] {t, name});
            }
            case 3 -> {
                String[] v = scope.get(random.nextInt(scope.size()));
                if (!v[0].equals("counter")) {
                    out.append(pad).append(v[1]).append(" = ").append(expr(scope, v[0])).append(";\n");
                }
            }
            case 4 -> out.append(pad).append("await(").append(awaitable()).append("(0));\n");
            case 5 -> out.append(pad).append("Log.event(\"e").append(tags++).append(" \" + ").append(value(scope)).append(");\n");
            case 6 -> out.append(pad).append("if (").append(expr(scope, "int")).append(" % 5 == 0) { throw new Boom(\"b")
                    .append(tags++).append("\"); }\n");
            case 7 -> {
                String c = "k" + names++;
                out.append(pad).append("for (int ").append(c).append(" = 0; ").append(c).append(" < ")
                        .append(1 + random.nextInt(3)).append("; ").append(c).append("++) {\n");
                scope.add(new String[] {"counter", c});     // read, never assigned: the loop ends
                block(scope, depth - 1, indent + 1, emits);
                scope.remove(scope.size() - 1);
                out.append(pad).append("}\n");
            }
            case 8 -> {
                out.append(pad).append("if (").append(expr(scope, "int")).append(" % 2 == 0) {\n");
                block(scope, depth - 1, indent + 1, emits);
                out.append(pad).append("} else {\n");
                block(scope, depth - 1, indent + 1, emits);
                out.append(pad).append("}\n");
            }
            case 9 -> {
                out.append(pad).append("try {\n");
                block(scope, depth - 1, indent + 1, emits);
                out.append(pad).append("} finally {\n");
                block(scope, depth - 1, indent + 1, false);
                out.append(pad).append("}\n");
            }
            case 10 -> {
                out.append(pad).append("try {\n");
                block(scope, depth - 1, indent + 1, emits);
                out.append(pad).append("} catch (Boom e").append(names++).append(") {\n");
                out.append(pad).append("    Log.event(\"caught\");\n");
                block(scope, depth - 1, indent + 1, emits);
                out.append(pad).append("}\n");
            }
            default -> {
                out.append(pad).append("switch (Math.floorMod(").append(expr(scope, "int")).append(", 3)) {\n");
                for (String label : new String[] {"case 0", "case 1", "default"}) {
                    out.append(pad).append("    ").append(label).append(" -> {\n");
                    block(scope, depth - 1, indent + 2, emits);
                    out.append(pad).append("    }\n");
                }
                out.append(pad).append("}\n");
            }
        }
    }

    private String awaitable() {
        return AWAITABLES[random.nextInt(AWAITABLES.length)];
    }

    /** Something to emit or log: any local, or an expression of a random type. */
    private String value(List<String[]> scope) {
        String[] types = {"int", "long", "double", "String"};
        return random.nextBoolean() ? scope.get(random.nextInt(scope.size()))[1] : expr(scope, types[random.nextInt(4)]);
    }

    /** An expression of type {@code t}, which may await. */
    private String expr(List<String[]> scope, String t) {
        String local = pick(scope, t);
        String lit = switch (t) {
            case "int" -> Integer.toString(random.nextInt(7));
            case "long" -> random.nextInt(100) + "L";
            case "double" -> random.nextInt(40) / 4.0 + "";
            default -> "\"" + (char) ('a' + random.nextInt(6)) + "\"";
        };
        String awaited = "await(" + awaitable() + "(" + lit + "))";
        return switch (random.nextInt(4)) {
            case 0 -> lit;
            case 1 -> awaited;
            case 2 -> local != null ? local : lit;
            default -> local != null ? "(" + local + " + " + awaited + ")" : awaited;
        };
    }

    private String pick(List<String[]> scope, String t) {
        List<String> of = new ArrayList<>();
        for (String[] v : scope) {
            if (v[0].equals(t) || t.equals("int") && v[0].equals("counter")) {
                of.add(v[1]);
            }
        }
        return of.isEmpty() ? null : of.get(random.nextInt(of.size()));
    }
}
