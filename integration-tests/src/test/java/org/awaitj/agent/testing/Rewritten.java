package org.awaitj.agent.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

import org.awaitj.AsyncIO;
import org.awaitj.Coroutine;
import org.awaitj.EventLoop;
import org.awaitj.agent.transform.AsyncTransformer;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;

/**
 * Runs {@code @Async} methods of test classes after rewriting them in a fresh {@link RewritingClassLoader}:
 * {@code Rewritten.run(Loops.class, "sumWhile", 10)} calls the static method and runs the coroutine it
 * returns on a new event loop on virtual time.
 */
public final class Rewritten {
    private Rewritten() {
    }

    /** The class as the agent would load it, in a loader of its own. */
    public static Class<?> load(Class<?> original) {
        try {
            return new RewritingClassLoader(original.getPackageName() + ".").loadClass(original.getName());
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    /** Fails when the transformer refused a method of a class the rewritten class's loader loaded. */
    public static void assertNoRefusals(Class<?> rewritten) {
        if (rewritten.getClassLoader() instanceof RewritingClassLoader l && !l.problems.isEmpty()) {
            throw new AssertionError("the transformer refused:\n" + String.join("\n", l.problems));
        }
    }

    /** Calls the static method and returns the coroutine it made, without running any of it. */
    public static Coroutine<?> call(Class<?> rewritten, String method, Object... args) {
        Method m = Arrays.stream(rewritten.getDeclaredMethods())
                .filter(x -> x.getName().equals(method) && x.getParameterCount() == args.length && !x.isSynthetic()
                        && accepts(x.getParameterTypes(), args))
                .findFirst().orElseThrow(() -> new AssertionError("no method " + method + " taking " + Arrays.toString(args)));
        m.setAccessible(true);
        try {
            return (Coroutine<?>) m.invoke(null, args);
        } catch (InvocationTargetException e) {
            throw sneaky(e.getCause());
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    /** True when the arguments fit the parameter types (an overload is chosen by its arguments). */
    private static boolean accepts(Class<?>[] types, Object[] args) {
        for (int i = 0; i < types.length; i++) {
            Class<?> t = types[i];
            if (t.isPrimitive()) {
                t = java.lang.invoke.MethodType.methodType(t).wrap().returnType();
                if (args[i] == null) {
                    return false;
                }
            }
            if (args[i] != null && !t.isInstance(args[i])) {
                return false;
            }
        }
        return true;
    }

    /** Rewrites the class, calls the static method and runs the coroutine to completion on virtual time. */
    @SuppressWarnings("unchecked")
    public static <T> T run(Class<?> original, String method, Object... args) {
        return (T) runOn(EventLoop.withVirtualTime(), load(original), method, args);
    }

    public static Object runOn(EventLoop loop, Class<?> rewritten, String method, Object... args) {
        try {
            return runOnLenient(loop, rewritten, method, args);
        } finally {
            assertNoRefusals(rewritten);    // a refused method runs unrewritten: its await throws, which misleads
        }
    }

    /** {@link #runOn} that tolerates refusals: for tests of refused methods' neighbours. Closes the loop. */
    public static Object runOnLenient(EventLoop loop, Class<?> rewritten, String method, Object... args) {
        try {
            return loop.runUntilComplete(call(rewritten, method, args));
        } finally {
            loop.close();
        }
    }

    /** Runs with {@link AsyncIO#run}, on the real clock. */
    public static Object runReal(Class<?> original, String method, Object... args) {
        return AsyncIO.run(call(load(original), method, args));
    }

    /** The class file of a test class as the agent rewrites it (as compiled when there is nothing to rewrite). */
    public static ClassNode classNode(Class<?> original) {
        try (InputStream in = original.getResourceAsStream("/" + original.getName().replace('.', '/') + ".class")) {
            byte[] compiled = in.readAllBytes();
            byte[] bytes = AsyncTransformer.transform(compiled).bytes();
            ClassNode cn = new ClassNode();
            new ClassReader(bytes != null ? bytes : compiled).accept(cn, 0);
            return cn;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> RuntimeException sneaky(Throwable e) throws E {
        throw (E) e;
    }
}
