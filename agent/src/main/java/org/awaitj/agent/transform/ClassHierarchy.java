package org.awaitj.agent.transform;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.objectweb.asm.ClassReader;

/**
 * Answers "is this type an AsyncCloseable?" by reading class files through a class loader's resources, never
 * by loading classes: a transformer that loads classes can deadlock and changes class initialization order.
 */
public final class ClassHierarchy {
    private final ClassLoader loader;
    private final Map<String, Boolean> asyncCloseable = new ConcurrentHashMap<>();

    /** A hierarchy read through {@code loader} (the system loader's resources when null). */
    public ClassHierarchy(ClassLoader loader) {
        this.loader = loader;
        asyncCloseable.put(Names.ASYNC_CLOSEABLE, true);
        asyncCloseable.put(Names.TASK_GROUP, true);
        asyncCloseable.put(Names.TIMEOUT, true);
        asyncCloseable.put("java/lang/Object", false);
        asyncCloseable.put("java/lang/AutoCloseable", false);
        asyncCloseable.put("java/io/Closeable", false);
    }

    /** True when the type is the runtime's {@code AsyncCloseable} or implements it. */
    public boolean isAsyncCloseable(String internalName) {
        Boolean known = asyncCloseable.get(internalName);
        if (known != null) {
            return known;
        }
        boolean result = false;
        ClassReader header = read(internalName);
        if (header != null) {
            for (String i : header.getInterfaces()) {
                result |= isAsyncCloseable(i);
            }
            String superName = header.getSuperName();
            result |= superName != null && isAsyncCloseable(superName);
        }
        asyncCloseable.put(internalName, result);
        return result;
    }

    private ClassReader read(String internalName) {
        if (internalName.startsWith("java/") || internalName.startsWith("[")) {
            return null;    // the JDK has no AsyncCloseable
        }
        String resource = internalName + ".class";
        try (InputStream in = loader != null ? loader.getResourceAsStream(resource)
                : ClassLoader.getSystemResourceAsStream(resource)) {
            return in == null ? null : new ClassReader(in.readAllBytes());
        } catch (IOException | RuntimeException e) {
            return null;    // unreadable: treated as not AsyncCloseable
        }
    }
}
