package org.awaitj.agent.fuzz;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitj.agent.fuzz.Ast.Expr;
import org.awaitj.agent.fuzz.Ast.Method;
import org.awaitj.agent.fuzz.Ast.Ty;

/**
 * Renders a unit as its two twins. The async twin is what a user writes: {@code @Async} methods returning
 * {@code Coroutine<T>}, {@code await(...)}, {@code return result(v)}, awaitables that complete at once and
 * ones that suspend. The sync twin is the same text where every method returns its value directly, every
 * awaitable helper returns (or throws) what awaiting it would, and {@code await(x)} is the identity: the
 * program as it means to run, with each await evaluated synchronously. Their event logs, results and
 * exceptions must agree.
 */
final class Twins {
    static final String PACKAGE = "org.awaitj.agent.fuzz.gen";
    private static final Pattern CORO = Pattern.compile("\\$CORO<([A-Za-z\\[\\]]+)>");

    private Twins() {
    }

    static String asyncName(Unit u) {
        return "Fz" + Long.toUnsignedString(u.seed, 36) + "A";
    }

    static String syncName(Unit u) {
        return "Fz" + Long.toUnsignedString(u.seed, 36) + "S";
    }

    /** The text shared by both twins, with markers where they differ. */
    static String template(Unit u) {
        StringBuilder sb = new StringBuilder();
        sb.append("    enum Color { RED, GREEN, BLUE }\n\n");
        for (String member : u.members) {
            sb.append(member).append('\n');
        }
        for (int i = 0; i < u.fields.size(); i++) {
            sb.append("    ").append(u.fields.get(i).java).append(" f").append(i).append(" = ")
                    .append(u.fieldInits.get(i)).append(";\n");
        }
        sb.append("\n    String dump() {\n        return \"fields\"");
        for (int i = 0; i < u.fields.size(); i++) {
            sb.append(" + \",\" + ");
            sb.append(u.fields.get(i) == Ty.INTS ? "java.util.Arrays.toString(f" + i + ")" : "f" + i);
        }
        sb.append(";\n    }\n\n");
        for (Method m : u.methods) {
            m.render(sb, 1);
        }
        for (var e : u.mainArgs.entrySet()) {
            Method m = u.method(e.getKey());
            if (m == null) {
                continue;
            }
            sb.append("    $ASYNC$public static $CORO<Object> main_").append(m.name).append("() throws CheckedBoom {\n");
            StringBuilder call = new StringBuilder(m.name).append('(');
            List<Expr> args = e.getValue();
            for (int i = 0; i < args.size(); i++) {
                if (i > 0) {
                    call.append(", ");
                }
                args.get(i).render(call, 0);
            }
            call.append(')');
            if (m.isStatic) {
                sb.append("        return $RESULT(await(").append(call).append("));\n");
            } else {
                sb.append("        $NAME$ o = new $NAME$();\n");
                sb.append("        try {\n");
                sb.append("            return $RESULT(await(o.").append(call).append("));\n");
                sb.append("        } finally {\n");
                sb.append("            Log.event(o.dump());\n");
                sb.append("        }\n");
            }
            sb.append("    }\n\n");
        }
        return sb.toString();
    }

    static String render(Unit u, boolean async) {
        return render(u, template(u), async);
    }

    /** The package of the unit's other classes (see {@link Unit#classes}), one per twin. */
    static String otherPackage(Unit u, boolean async) {
        return PACKAGE + ".x" + Long.toUnsignedString(u.seed, 36) + (async ? "a" : "s");
    }

    /** Every source of the unit, both twins, by class name. */
    static java.util.Map<String, String> sources(Unit u) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        for (boolean async : new boolean[] {true, false}) {
            out.put(PACKAGE + "." + (async ? asyncName(u) : syncName(u)), render(u, async));
            u.classes.forEach((name, text) -> out.put(otherPackage(u, async) + "." + name, renderOther(u, text, async)));
        }
        return out;
    }

    /** True for the classes of the async twin besides its main class: nested ones and those of its other package. */
    static boolean isAsyncClass(Unit u, String className) {
        return className.startsWith(PACKAGE + "." + asyncName(u) + "$") || className.startsWith(otherPackage(u, true) + ".");
    }

    /**
     * A class of the unit's other package: its text uses the markers of the unit's class, and {@code $IMPORTS$}
     * (the async twin's imports) and {@code $AWAITDEF$} (the sync twin's identity await), {@code $SLEEP(} (a
     * suspension that yields the value, or the value itself).
     */
    static String renderOther(Unit u, String text, boolean async) {
        String imports = async ? "import org.awaitj.Coroutine;\nimport org.awaitj.annotations.Async;\n"
                + "import static org.awaitj.AsyncIO.await;\nimport static org.awaitj.AsyncIO.result;\n"
                + "import static org.awaitj.AsyncIO.sleep;\n" : "";
        String body = "package " + otherPackage(u, async) + ";\n\nimport org.awaitj.agent.fuzz.FuzzSupport.*;\n"
                + text.replace("$IMPORTS$", imports)
                        .replace("$AWAITDEF$", async ? "" : "static <T> T await(T v) { return v; }")
                        .replace("$SLEEP(", async ? "sleep(0, " : "(");
        return markers(u, body, async);
    }

    static String render(Unit u, String template, boolean async) {
        String name = async ? asyncName(u) : syncName(u);
        StringBuilder sb = new StringBuilder();
        sb.append("package ").append(PACKAGE).append(";\n\n");
        sb.append("import org.awaitj.agent.fuzz.FuzzSupport.*;\n");
        if (async) {
            sb.append("import java.util.concurrent.CompletableFuture;\n");
            sb.append("import org.awaitj.AsyncCloseable;\n");
            sb.append("import org.awaitj.Coroutine;\n");
            sb.append("import org.awaitj.Task;\n");
            sb.append("import org.awaitj.annotations.Async;\n");
            // single static imports: javac looks every unqualified name up in a star import's members
            for (String verb : new String[] {"await", "createTask", "getRunningLoop", "result", "sleep"}) {
                sb.append("import static org.awaitj.AsyncIO.").append(verb).append(";\n");
            }
        }
        sb.append("\n@SuppressWarnings(\"all\")\npublic class ").append(name).append(" {\n");
        sb.append(async ? ASYNC_HELPERS : SYNC_HELPERS);
        sb.append(markers(u, template, async));
        sb.append("}\n");
        return sb.toString();
    }

    private static String markers(Unit u, String template, boolean async) {
        String body = template.replace("$NAME$", async ? asyncName(u) : syncName(u))
                .replace("$LIB$", otherPackage(u, async))
                .replace("$ASYNC$", async ? "@Async " : "")
                .replace("$RESULTV$", async ? "result()" : "null")
                .replace("$RESULT(", async ? "result(" : "(");
        Matcher m = CORO.matcher(body);
        return m.replaceAll(async ? "Coroutine<$1>" : "$1");
    }

    /** Awaitables: completing at once (now, done), suspending (yld, slp, tmr, task), failing (fail*). */
    private static final String ASYNC_HELPERS = """
                @Async static <T> Coroutine<T> now(T v) { Log.event("now"); return result(v); }
                @Async static <T> Coroutine<T> yld(T v) { Log.event("yield"); await(sleep(0)); return result(v); }
                static <T> Coroutine<T> slp(T v) { Log.event("sleep"); return sleep(0, v); }
                static <T> Coroutine<T> tmr(T v) { Log.event("timer"); return sleep(0.001, v); }
                static <T> CompletableFuture<T> done(T v) { Log.event("done"); return CompletableFuture.completedFuture(v); }
                static <T> Task<T> task(Coroutine<T> c) { return createTask(c); }
                static <T> CompletableFuture<T> later(T v) {
                    Log.event("later");
                    CompletableFuture<T> f = new CompletableFuture<>();
                    getRunningLoop().callSoon(() -> f.complete(v));
                    return f;
                }
                @Async static <T> Coroutine<T> fail(String m) { Log.event("fail"); await(sleep(0)); throw new Boom(m); }
                @Async static <T> Coroutine<T> failNow(String m) { Log.event("failNow"); throw new Boom(m); }
                @Async static <T> Coroutine<T> failChecked(String m) throws CheckedBoom {
                    Log.event("failChecked"); await(sleep(0)); throw new CheckedBoom(m);
                }

                static final class ARes implements AsyncCloseable {
                    final String name;
                    final boolean fail;
                    ARes(String name, boolean fail) { this.name = name; this.fail = fail; Log.event("aopen " + name); }
                    String name() { return name; }
                    @Async public Coroutine<Void> closeAsync() {
                        Log.event("aclose " + name);
                        await(sleep(0));
                        if (fail) {
                            throw new Boom("aclose " + name);
                        }
                        return result();
                    }
                    @Override public void close() { throw new IllegalStateException("not rewritten"); }
                }

            """;

    private static final String SYNC_HELPERS = """
                static <T> T await(T v) { return v; }
                static <T> T now(T v) { Log.event("now"); return v; }
                static <T> T yld(T v) { Log.event("yield"); return v; }
                static <T> T slp(T v) { Log.event("sleep"); return v; }
                static <T> T tmr(T v) { Log.event("timer"); return v; }
                static <T> T done(T v) { Log.event("done"); return v; }
                static <T> T task(T v) { return v; }
                static <T> T later(T v) { Log.event("later"); return v; }
                static <T> T fail(String m) { Log.event("fail"); throw new Boom(m); }
                static <T> T failNow(String m) { Log.event("failNow"); throw new Boom(m); }
                static <T> T failChecked(String m) throws CheckedBoom { Log.event("failChecked"); throw new CheckedBoom(m); }

                static final class ARes implements AutoCloseable {
                    final String name;
                    final boolean fail;
                    ARes(String name, boolean fail) { this.name = name; this.fail = fail; Log.event("aopen " + name); }
                    String name() { return name; }
                    @Override public void close() {
                        Log.event("aclose " + name);
                        if (fail) {
                            throw new Boom("aclose " + name);
                        }
                    }
                }

            """;
}
