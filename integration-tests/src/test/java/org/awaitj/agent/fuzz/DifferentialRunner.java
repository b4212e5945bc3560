package org.awaitj.agent.fuzz;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.awaitj.Coroutine;
import org.awaitj.EventLoop;
import org.awaitj.agent.testing.RewritingClassLoader;

/**
 * Compiles units' twins, loads the async twin rewritten exactly as the agent would (every output class checked
 * by CheckClassAdapter, then by the JVM's verifier), runs every program of both twins and compares their
 * results, exceptions and event logs.
 */
final class DifferentialRunner {
    /** What went wrong: the twins disagree, or the rewritten class was refused or did not verify, or it hung. */
    enum Kind { MISMATCH, REJECTED, HANG }

    record Failure(Unit unit, String program, Kind kind, String detail) {
        /** The same kind of failure, for the reducer: a reduced program must keep failing the same way. */
        String signature() {
            return kind == Kind.REJECTED ? kind + ":" + detail.lines().findFirst().orElse("") : kind.toString();
        }
    }

    /** A program's run: its result (or exception) and its events. */
    record Outcome(String result, List<String> events) {
    }

    private static final long UNIT_TIMEOUT_SECONDS = 120;

    /** What the programs did, to show that they do something: runs, runs that threw, events, suspensions. */
    final java.util.concurrent.atomic.LongAdder programs = new java.util.concurrent.atomic.LongAdder();
    final java.util.concurrent.atomic.LongAdder threw = new java.util.concurrent.atomic.LongAdder();
    final java.util.concurrent.atomic.LongAdder events = new java.util.concurrent.atomic.LongAdder();
    final java.util.concurrent.atomic.LongAdder suspending = new java.util.concurrent.atomic.LongAdder();

    final java.util.concurrent.atomic.LongAdder compileNanos = new java.util.concurrent.atomic.LongAdder();
    final java.util.concurrent.atomic.LongAdder loadNanos = new java.util.concurrent.atomic.LongAdder();
    final java.util.concurrent.atomic.LongAdder runNanos = new java.util.concurrent.atomic.LongAdder();

    final Map<String, Integer> endings = new java.util.concurrent.ConcurrentSkipListMap<>();
    /** Programs run per feature of their unit (a unit has several). */
    final Map<String, Integer> featurePrograms = new java.util.concurrent.ConcurrentSkipListMap<>();

    String stats() {
        long n = Math.max(1, programs.sum());
        return String.format("%d%% of the programs ended with an exception; %.1f events and %.1f suspending "
                + "awaits per program; javac %.1f s, rewriting and loading %.1f s, running %.1f s", 100 * threw.sum() / n,
                events.sum() / (double) n, suspending.sum() / (double) n, compileNanos.sum() / 1e9, loadNanos.sum() / 1e9,
                runNanos.sum() / 1e9) + " " + endings + "; programs by feature of their unit " + featurePrograms
                + (javacCrashes.isEmpty() ? "" : "; javac crashed on (and the run left out) units " + javacCrashes)
                + (javacMiscompiled.isEmpty() ? "" : "; javac's own classes did not verify (the run left out) units "
                        + javacMiscompiled);
    }

    /** javac by release (units of the pattern feature are compiled for 21 or 25), one set per thread. */
    private final ThreadLocal<Map<Integer, InMemoryCompiler>> javacs = ThreadLocal.withInitial(java.util.HashMap::new);

    private InMemoryCompiler compiler(int release) {
        return javacs.get().computeIfAbsent(release, InMemoryCompiler::new);
    }
    private ExecutorService worker = newWorker();
    /** javac is single-threaded: two compile the next batches while the current one runs. */
    private final ExecutorService compilers = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "fuzz-javac");
        t.setDaemon(true);
        return t;
    });

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-worker");
            t.setDaemon(true);
            return t;
        });
    }

    /** Compiles the units together (javac's cost is per call, not per class), then runs them one by one. */
    List<Failure> run(List<Unit> units) {
        return run(units, compile(units));
    }

    /**
     * Runs the batches in order, compiling the next ones meanwhile (a few ahead: a long run streams its units);
     * stops after the batch in which the failures reach {@code maxFailures}.
     */
    List<Failure> runAll(java.util.Iterator<List<Unit>> batches, int maxFailures) {
        java.util.ArrayDeque<List<Unit>> pending = new java.util.ArrayDeque<>();
        java.util.ArrayDeque<java.util.concurrent.Future<Map<String, byte[]>>> compiled = new java.util.ArrayDeque<>();
        List<Failure> failures = new ArrayList<>();
        try {
            while (failures.size() < maxFailures) {
                while (compiled.size() < 4 && batches.hasNext()) {
                    List<Unit> batch = batches.next();
                    pending.add(batch);
                    compiled.add(compilers.submit(() -> compile(batch)));
                }
                if (compiled.isEmpty()) {
                    break;
                }
                failures.addAll(run(pending.poll(), compiled.poll().get()));
                if (progress != null) {
                    progress.accept(failures.size());
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new AssertionError(e.getCause());
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        } finally {
            compiled.forEach(f -> f.cancel(true));
        }
        return failures;
    }

    /** Called after each batch with the failures so far (a long run reports its progress). */
    java.util.function.IntConsumer progress;

    /** Units javac itself crashed on (not a failure of the agent; they are left out). */
    final List<Long> javacCrashes = java.util.Collections.synchronizedList(new ArrayList<>());
    /** Units javac compiled into classes that do not verify (JDK 17's javac on some dead pattern code): left out. */
    final List<Long> javacMiscompiled = java.util.Collections.synchronizedList(new ArrayList<>());

    private Map<String, byte[]> compile(List<Unit> units) {
        Map<Integer, List<Unit>> byRelease = new java.util.TreeMap<>();
        for (Unit u : units) {
            byRelease.computeIfAbsent(u.release, r -> new ArrayList<>()).add(u);
        }
        Map<String, byte[]> classes = new LinkedHashMap<>();
        byRelease.forEach((release, group) -> classes.putAll(compile(release, group)));
        return classes;
    }

    private Map<String, byte[]> compile(int release, List<Unit> units) {
        long t0 = System.nanoTime();
        try {
            return compiler(release).compile(sources(units));
        } catch (InMemoryCompiler.CompileError e) {
            if (!e.crashed) {
                throw e;
            }
            // javac crashed (it has assertion failures on some generated shapes): compile the units one by
            // one, and leave out those it crashes on again
            Map<String, byte[]> classes = new LinkedHashMap<>();
            for (Unit u : units) {
                try {
                    classes.putAll(compiler(release).compile(sources(List.of(u))));
                } catch (InMemoryCompiler.CompileError again) {
                    if (!again.crashed) {
                        throw again;
                    }
                    javacCrashes.add(u.seed);
                }
            }
            return classes;
        } finally {
            compileNanos.add(System.nanoTime() - t0);
        }
    }

    private static Map<String, String> sources(List<Unit> units) {
        Map<String, String> sources = new LinkedHashMap<>();
        for (Unit u : units) {
            sources.putAll(Twins.sources(u));
        }
        return sources;
    }

    private List<Failure> run(List<Unit> units, Map<String, byte[]> classes) {
        RewritingClassLoader loader = new RewritingClassLoader(Twins.PACKAGE + ".");
        classes.forEach(loader::supply);
        List<Failure> failures = new ArrayList<>();
        for (Unit u : units) {
            if (classes.containsKey(Twins.PACKAGE + "." + Twins.asyncName(u))) {
                failures.addAll(runUnit(u, loader, classes));
            }
        }
        return failures;
    }

    void close() {
        worker.shutdownNow();
        compilers.shutdownNow();
    }

    private List<Failure> runUnit(Unit u, RewritingClassLoader loader, Map<String, byte[]> classes) {
        java.util.concurrent.Future<List<Failure>> f = worker.submit(() -> runUnitNow(u, loader, classes));
        try {
            return f.get(UNIT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            worker.shutdownNow();
            worker = newWorker();
            return List.of(new Failure(u, null, Kind.HANG, "a program of the unit ran for more than "
                    + UNIT_TIMEOUT_SECONDS + " s (the twins' fuel bounds every correct run far below that)"));
        } catch (ExecutionException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private List<Failure> runUnitNow(Unit u, RewritingClassLoader loader, Map<String, byte[]> classes) {
        String asyncName = Twins.PACKAGE + "." + Twins.asyncName(u);
        Class<?> async;
        Class<?> sync;
        int before = loader.problems.size();
        long t0 = System.nanoTime();
        try {
            // the sync twin is never rewritten: when it does not verify, javac miscompiled the unit
            sync = Class.forName(Twins.PACKAGE + "." + Twins.syncName(u), true, loader);
        } catch (VerifyError e) {
            javacMiscompiled.add(u.seed);
            return List.of();
        } catch (Throwable t) {
            return List.of(new Failure(u, null, Kind.REJECTED, describe(t)));
        }
        try {
            async = Class.forName(asyncName, true, loader);
            for (String name : classes.keySet()) {
                if (Twins.isAsyncClass(u, name)) {
                    // nested and other classes: rewritten and verified now; the Lazy ones are initialised by
                    // the program that uses them first, which logs it
                    Class.forName(name, !name.contains("$Lazy"), loader);
                }
            }
        } catch (Throwable t) {
            return List.of(new Failure(u, null, Kind.REJECTED, describe(t)));
        }
        if (loader.problems.size() > before) {
            return List.of(new Failure(u, null, Kind.REJECTED,
                    String.join("\n", loader.problems.subList(before, loader.problems.size()))));
        }
        long t1 = System.nanoTime();
        loadNanos.add(t1 - t0);
        List<Failure> failures = new ArrayList<>();
        for (String program : u.programs()) {
            if (u.method(program) == null) {
                continue;
            }
            Outcome expected = runSync(sync, program);
            programs.increment();
            for (Feature f : u.features) {
                featurePrograms.merge(f.name().toLowerCase(java.util.Locale.ROOT), 1, Integer::sum);
            }
            threw.add(expected.result().startsWith("threw") ? 1 : 0);
            endings.merge(expected.result().startsWith("threw") ? expected.result().replaceAll(": .*", "") : "value", 1,
                    Integer::sum);
            events.add(expected.events().size());
            suspending.add(expected.events().stream().filter(e -> e.equals("yield") || e.equals("sleep")
                    || e.equals("timer") || e.startsWith("fail") || e.startsWith("aclose")).count());
            Outcome actual = runAsync(async, program);
            if (!expected.equals(actual)) {
                failures.add(new Failure(u, program, Kind.MISMATCH, difference(expected, actual)));
            }
        }
        runNanos.add(System.nanoTime() - t1);
        return failures;
    }

    static Outcome runSync(Class<?> sync, String program) {
        FuzzSupport.Log.reset();
        String result;
        try {
            Method main = sync.getDeclaredMethod("main_" + program);
            result = FuzzSupport.render(main.invoke(null));
        } catch (InvocationTargetException e) {
            result = FuzzSupport.renderThrown(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
        return new Outcome(result, FuzzSupport.Log.take());
    }

    static Outcome runAsync(Class<?> async, String program) {
        FuzzSupport.Log.reset();
        String result;
        EventLoop loop = EventLoop.withVirtualTime();
        try {
            Method main = async.getDeclaredMethod("main_" + program);
            Coroutine<?> c = (Coroutine<?>) main.invoke(null);
            result = FuzzSupport.render(loop.runUntilComplete(c));
        } catch (InvocationTargetException e) {
            result = "factory " + FuzzSupport.renderThrown(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        } catch (Throwable t) {
            result = FuzzSupport.renderThrown(t);
            if (t instanceof VirtualMachineError && !(t instanceof StackOverflowError)) {
                throw (VirtualMachineError) t;
            }
            if (!(t instanceof FuzzSupport.Boom) && !(t instanceof FuzzSupport.CheckedBoom)
                    && !(t instanceof FuzzSupport.FuelOut) && !isJdkException(t)) {
                result += " " + describe(t);     // not a program's own exception: show where it came from
            }
        } finally {
            loop.close();
        }
        return new Outcome(result, FuzzSupport.Log.take());
    }

    /** Exceptions the generated programs raise themselves: division by zero, null unboxing, casts. */
    private static boolean isJdkException(Throwable t) {
        return t instanceof ArithmeticException || t instanceof NullPointerException
                || t instanceof ArrayIndexOutOfBoundsException || t instanceof NegativeArraySizeException
                || t instanceof StringIndexOutOfBoundsException;
    }

    static String difference(Outcome expected, Outcome actual) {
        StringBuilder sb = new StringBuilder();
        sb.append("  awaits evaluated synchronously: ").append(expected.result()).append(", ")
                .append(expected.events().size()).append(" events\n");
        sb.append("  rewritten by the agent:         ").append(actual.result()).append(", ")
                .append(actual.events().size()).append(" events\n");
        List<String> a = expected.events();
        List<String> b = actual.events();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            String x = i < a.size() ? a.get(i) : "(none)";
            String y = i < b.size() ? b.get(i) : "(none)";
            if (!x.equals(y)) {
                sb.append("  first different event, #").append(i).append(": expected '").append(x)
                        .append("', got '").append(y).append("'\n");
                sb.append("  events before it: ").append(a.subList(Math.max(0, i - 8), Math.min(i, a.size())))
                        .append('\n');
                break;
            }
        }
        return sb.toString();
    }

    static String describe(Throwable t) {
        java.io.StringWriter w = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(w));
        String s = w.toString();
        return s.length() > 4000 ? s.substring(0, 4000) + "..." : s;
    }
}
