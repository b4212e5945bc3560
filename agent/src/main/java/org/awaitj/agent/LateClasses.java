package org.awaitj.agent;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;

import org.awaitj.agent.transform.Names;

/** Reports the classes with {@code @Async} methods that were loaded before the agent was installed. */
final class LateClasses {
    private LateClasses() {
    }

    static void report(Instrumentation inst) {
        classes:
        for (Class<?> c : inst.getAllLoadedClasses()) {
            if (c.getClassLoader() == null || c.isArray() || c.getName().startsWith(Names.AGENT_PACKAGE)) {
                continue;
            }
            try {
                for (Method m : c.getDeclaredMethods()) {
                    for (var a : m.getDeclaredAnnotations()) {
                        if (a.annotationType().getName().equals(Names.ASYNC_CLASS_NAME)) {
                            System.err.println("[awaitj] class " + c.getName() + " was loaded before the agent was "
                                    + "installed, so " + m.getName() + " and its other @Async methods are not rewritten: "
                                    + "call AwaitJAgent.install() before it loads (from a class without @Async methods), "
                                    + "or start the JVM with -javaagent:awaitj-agent.jar");
                            continue classes;
                        }
                    }
                }
            } catch (Throwable ignored) {
                // a class whose methods cannot be listed has nothing we could report
            }
        }
    }
}
