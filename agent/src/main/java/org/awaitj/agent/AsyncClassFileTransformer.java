package org.awaitj.agent;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.awaitj.agent.debug.CallSiteMarks;
import org.awaitj.agent.transform.AsyncMarker;
import org.awaitj.agent.transform.AsyncTransformer;
import org.awaitj.agent.transform.BuildTimeMark;
import org.awaitj.agent.transform.ClassHierarchy;
import org.awaitj.agent.transform.ForeignBridgeRemover;
import org.awaitj.agent.transform.Names;

/**
 * Rewrites the {@code @Async} methods of each class as it loads, and defines their frame classes beside it.
 * Never throws out of {@link #transform}: a class it cannot rewrite loads as it was, and the reason is
 * reported once.
 */
final class AsyncClassFileTransformer implements ClassFileTransformer {
    private final ClassDefiner definer;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    /** With -Dawaitj.debug=true, blocking calls are marked in every application class, not only coroutine ones. */
    private final boolean debug = Boolean.getBoolean("awaitj.debug");

    AsyncClassFileTransformer(ClassDefiner definer) {
        this.definer = definer;
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain,
            byte[] classFile) {
        if (loader == null || classFile == null) {
            return null;
        }
        int found = AsyncMarker.scan(classFile);     // loads nothing else of the agent, nor ASM
        boolean async = found == AsyncMarker.ASYNC;
        boolean marked = debug && isApplicationClass(className);
        if (!async && found != AsyncMarker.BRIDGE_NAME && !marked) {
            return null;        // the common case: untouched, unparsed
        }
        if (BuildTimeMark.isPresent(classFile)) {
            return null;        // rewritten at build time (blocking calls marked too): nothing left to do
        }
        try {
            if (!async) {
                // a proxy's overrides of bridges go; debug mode marks the call sites of a class without @Async methods
                byte[] stripped = found == AsyncMarker.BRIDGE_NAME ? ForeignBridgeRemover.strip(classFile) : null;
                byte[] marks = marked ? CallSiteMarks.mark(stripped != null ? stripped : classFile) : null;
                return marks != null ? marks : stripped;
            }
            AsyncTransformer.Result r = AsyncTransformer.transform(classFile, new ClassHierarchy(loader));
            r.problems().forEach(this::report);
            for (AsyncTransformer.GeneratedClass g : r.generated()) {
                definer.define(loader, g.internalName(), g.bytes(), domain);
            }
            // blocking calls and dropped coroutines are marked in every coroutine class, in the write of its rewriting
            return CallSiteMarks.mark(r);
        } catch (Throwable e) {
            report("could not rewrite class " + String.valueOf(className).replace('/', '.') + " (" + e
                    + "); it was loaded as it was, and its @Async methods throw IllegalStateException when they await");
            return null;
        }
    }

    private static boolean isApplicationClass(String className) {
        return className != null && !Names.isAwaitjClass(className) && !className.startsWith("java/")
                && !className.startsWith("javax/") && !className.startsWith("jdk/") && !className.startsWith("sun/")
                && !className.startsWith("com/sun/");
    }

    private void report(String message) {
        if (reported.add(message)) {
            System.err.println("[awaitj] " + message);
        }
    }
}
