package org.awaitj.agent;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.awaitj.agent.transform.AsyncTransformer;
import org.awaitj.agent.transform.ClassHierarchy;

/**
 * Rewrites the {@code @Async} methods of each class as it loads, and defines their frame classes beside it.
 * Never throws out of {@link #transform}: a class it cannot rewrite loads as it was, and the reason is
 * reported once.
 */
final class AsyncClassFileTransformer implements ClassFileTransformer {
    private final ClassDefiner definer;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    AsyncClassFileTransformer(ClassDefiner definer) {
        this.definer = definer;
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain,
            byte[] classFile) {
        if (loader == null || classFile == null || !AsyncTransformer.mayHaveAsyncMethods(classFile)) {
            return null;
        }
        try {
            AsyncTransformer.Result r = AsyncTransformer.transform(classFile, new ClassHierarchy(loader));
            r.problems().forEach(this::report);
            if (!r.changed()) {
                return null;
            }
            for (AsyncTransformer.GeneratedClass g : r.generated()) {
                definer.define(loader, g.internalName(), g.bytes(), domain);
            }
            return r.bytes();
        } catch (Throwable e) {
            report("could not rewrite class " + String.valueOf(className).replace('/', '.') + " (" + e
                    + "); it was loaded as it was, and its @Async methods throw IllegalStateException when they await");
            return null;
        }
    }

    private void report(String message) {
        if (reported.add(message)) {
            System.err.println("[awaitj] " + message);
        }
    }
}
