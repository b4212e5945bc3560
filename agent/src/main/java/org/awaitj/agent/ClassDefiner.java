package org.awaitj.agent;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.security.ProtectionDomain;

/** Defines a frame class in the class loader of the class it belongs to, in the same package. */
final class ClassDefiner {
    private final Method defineClass;
    private final Method findLoadedClass;

    ClassDefiner() {
        try {
            defineClass = ClassLoader.class.getDeclaredMethod("defineClass",
                    String.class, byte[].class, int.class, int.class, ProtectionDomain.class);
            defineClass.setAccessible(true);
            findLoadedClass = ClassLoader.class.getDeclaredMethod("findLoadedClass", String.class);
            findLoadedClass.setAccessible(true);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("awaitj: cannot reach ClassLoader.defineClass", e);
        }
    }

    /** Defines the class unless the loader already has it (a retransformation produces the same frame). */
    void define(ClassLoader loader, String internalName, byte[] bytes, ProtectionDomain domain) {
        String name = internalName.replace('/', '.');
        try {
            if (findLoadedClass.invoke(loader, name) == null) {
                defineClass.invoke(loader, name, bytes, 0, bytes.length, domain);
            }
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof LinkageError && String.valueOf(cause.getMessage()).contains("duplicate")) {
                return;     // another thread defined it meanwhile
            }
            throw new IllegalStateException("could not define " + name + ": " + cause, cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("could not define " + name + ": " + e, e);
        }
    }
}
