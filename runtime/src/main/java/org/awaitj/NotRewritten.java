package org.awaitj;

import java.lang.annotation.Annotation;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Recognises an {@code @Async} method whose class the agent did not rewrite. Such a method is a plain one: its
 * body runs when it is called, outside any event loop, and fails at the first runtime call that needs a loop
 * or an await, or returns {@code result(x)}, far from the cause. Rewritten, a method's frame runs its body
 * through a method of another signature, so a frame of the {@code @Async} method itself, body and all, on the
 * stack means "not rewritten". Looked for on error paths, and where {@code AsyncIO.result} is called outside
 * rewritten code (only code that is not rewritten calls it).
 */
final class NotRewritten {
    private static final String ASYNC = "org.awaitj.annotations.Async";
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    /** Per class, its {@code @Async} methods as name plus descriptor. */
    private static final ClassValue<Set<String>> ASYNC_METHODS = new ClassValue<>() {
        @Override
        protected Set<String> computeValue(Class<?> type) {
            Set<String> out = new HashSet<>();
            try {
                for (Method m : type.getDeclaredMethods()) {
                    for (Annotation a : m.getDeclaredAnnotations()) {
                        if (a.annotationType().getName().equals(ASYNC)) {
                            out.add(m.getName() + MethodType.methodType(m.getReturnType(), m.getParameterTypes())
                                    .toMethodDescriptorString());
                        }
                    }
                }
            } catch (LinkageError | RuntimeException e) {
                // a class whose methods cannot be listed is not one we can say anything about
            }
            return out;
        }
    };

    private NotRewritten() {
    }

    /** What to say when an @Async method's own body is on the calling thread's stack, else null. */
    static String explanation() {
        Optional<StackWalker.StackFrame> body = WALKER.walk(frames -> frames.filter(NotRewritten::isAsyncBody).findFirst());
        return body.map(NotRewritten::explain).orElse(null);
    }

    /**
     * What {@code await}, {@code emit} or {@code finish} throw outside a rewritten method: {@code where} names the
     * kind of method they belong in, {@code returning} its return type.
     */
    static IllegalStateException error(String what, String where, String returning) {
        String asyncButNotRewritten = explanation();
        String how = asyncButNotRewritten != null ? asyncButNotRewritten
                : System.getProperty("awaitj.agent") == null
                ? "the awaitj agent is not installed: start the JVM with -javaagent:awaitj-agent.jar, or call "
                    + "org.awaitj.agent.AwaitJAgent.install() before the classes that use " + what + " are loaded"
                : "mark the enclosing method @Async, with return type " + returning;
        return new IllegalStateException(what + "(...) called outside a rewritten " + where + ": " + how);
    }

    /** {@code AsyncIO.result(...)}: refused when its caller is an @Async method's own body. */
    static void checkResultCaller() {
        Optional<StackWalker.StackFrame> caller = WALKER.walk(frames -> frames
                .filter(f -> f.getDeclaringClass() != AsyncIO.class && f.getDeclaringClass() != NotRewritten.class)
                .findFirst());
        if (caller.isPresent() && isAsyncBody(caller.get())) {
            throw new IllegalStateException(explain(caller.get()));
        }
    }

    private static boolean isAsyncBody(StackWalker.StackFrame f) {
        Class<?> c = f.getDeclaringClass();
        return !c.isPrimitive() && !c.getName().startsWith("java.")
                && ASYNC_METHODS.get(c).contains(f.getMethodName() + f.getDescriptor());
    }

    private static String explain(StackWalker.StackFrame f) {
        String type = f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1);
        String how = System.getProperty("awaitj.agent") == null
                ? "run the JVM with -javaagent:awaitj-agent.jar, call org.awaitj.agent.AwaitJAgent.install() before "
                    + "the class is loaded, or rewrite the classes at build time (the awaitj-maven-plugin, or java -jar "
                    + "awaitj-agent.jar instrument)"
                : "the agent is installed, but it did not rewrite this class: it was loaded before the agent was, "
                    + "or it could not be rewritten (the agent said why on standard error, in a line starting "
                    + "[awaitj]); -javaagent:awaitj-agent.jar on the command line rewrites every class";
        return type + "." + f.getMethodName() + " (" + f.getFileName() + ":" + f.getLineNumber() + ") is @Async, "
                + "but its class was not rewritten: its body ran when it was called, not when it was awaited. To fix it, "
                + how;
    }
}
