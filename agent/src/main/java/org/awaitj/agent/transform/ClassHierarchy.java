package org.awaitj.agent.transform;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;

/**
 * Answers "is this type an AsyncCloseable?" and "may this class name that type?" by reading class files
 * through a class loader's resources, never by loading classes: a transformer that loads classes can deadlock
 * and changes class initialization order.
 */
public final class ClassHierarchy {
    private final ClassLoader loader;
    private final Map<String, Boolean> asyncCloseable = new ConcurrentHashMap<>();
    private final Map<String, Boolean> serializable = new ConcurrentHashMap<>();
    private final Map<String, Boolean> exportedPublic = new ConcurrentHashMap<>();

    /** A hierarchy read through {@code loader} (the system loader's resources when null). */
    public ClassHierarchy(ClassLoader loader) {
        this.loader = loader;
        asyncCloseable.put(Names.ASYNC_CLOSEABLE, true);
        asyncCloseable.put(Names.TASK_GROUP, true);
        asyncCloseable.put(Names.TIMEOUT, true);
        asyncCloseable.put("java/lang/Object", false);
        asyncCloseable.put("java/lang/AutoCloseable", false);
        asyncCloseable.put("java/io/Closeable", false);
        serializable.put("java/io/Serializable", true);
        serializable.put("java/lang/Object", false);
    }

    /** True when the type is the runtime's {@code AsyncCloseable} or implements it. */
    public boolean isAsyncCloseable(String internalName) {
        return isA(internalName, asyncCloseable);
    }

    /** True when the type is {@code java.io.Serializable} or implements it. */
    public boolean isSerializable(String internalName) {
        return isA(internalName, serializable);
    }

    /** Whether the type is a subtype of what {@code known} holds the answers for (the type itself true). */
    private boolean isA(String internalName, Map<String, Boolean> known) {
        Boolean answer = known.get(internalName);
        if (answer != null) {
            return answer;
        }
        boolean result = false;
        ClassReader header = read(internalName);
        if (header != null) {
            for (String i : header.getInterfaces()) {
                result |= isA(i, known);
            }
            String superName = header.getSuperName();
            result |= superName != null && isA(superName, known);
        }
        known.put(internalName, result);
        return result;
    }

    /**
     * True when code of class {@code from} may name {@code type} (an internal name or array descriptor) in a
     * cast: the JVM's access check of a class reference (JVMS 5.4.4) passes. That is, the element type is
     * primitive, in the same package, or public in a package its module exports. A type whose class file cannot
     * be read counts as not accessible: the caller then takes the way that needs no access.
     */
    public boolean isAccessible(String type, String from) {
        String element = type;
        if (element.startsWith("[")) {
            element = element.substring(element.lastIndexOf('[') + 1);
            if (!element.startsWith("L")) {
                return true;        // an array of primitives
            }
            element = element.substring(1, element.length() - 1);
        }
        if (packageOf(element).equals(packageOf(from))) {
            return true;
        }
        return exportedPublic.computeIfAbsent(element, name -> {
            ClassReader header = readAny(name);
            return header != null && (header.getAccess() & Opcodes.ACC_PUBLIC) != 0 && exported(packageOf(name));
        });
    }

    private static String packageOf(String internalName) {
        int slash = internalName.lastIndexOf('/');
        return slash < 0 ? "" : internalName.substring(0, slash);
    }

    /** Whether the package is exported to everyone: named modules of the boot layer may keep packages to themselves. */
    private static boolean exported(String pkg) {
        Module m = BootPackages.MODULES.get(pkg.replace('/', '.'));
        return m == null || m.isExported(pkg.replace('/', '.'));
    }

    /** The boot layer's packages and their modules (from the module descriptors: no class is loaded). */
    private static final class BootPackages {
        static final Map<String, Module> MODULES = new java.util.HashMap<>();

        static {
            for (Module m : ModuleLayer.boot().modules()) {
                for (String p : m.getPackages()) {
                    MODULES.put(p, m);
                }
            }
        }
    }

    private ClassReader read(String internalName) {
        if (internalName.startsWith("java/") || internalName.startsWith("[")) {
            return null;    // the JDK has no AsyncCloseable
        }
        return readAny(internalName);
    }

    private ClassReader readAny(String internalName) {
        String resource = internalName + ".class";
        try (InputStream in = loader != null ? loader.getResourceAsStream(resource)
                : ClassLoader.getSystemResourceAsStream(resource)) {
            return in == null ? null : new ClassReader(in.readAllBytes());
        } catch (IOException | RuntimeException e) {
            return null;    // unreadable: treated as not AsyncCloseable
        }
    }
}
