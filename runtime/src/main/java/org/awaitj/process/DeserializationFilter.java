package org.awaitj.process;

import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Proxy;
import java.util.Optional;

/**
 * What may cross the pipes of a {@link ProcessPoolExecutor}: the filter of one payload on reading, and the
 * rule ({@link #rejection(Class)}) it applies, which {@link Payloads} also applies on writing, so that a task
 * is refused at submission rather than in the worker. The rule lets through:
 * <ul>
 * <li>primitives;
 * <li>classes of {@code java.base}, in a package it exports to everybody ({@code java.util},
 *     {@code java.lang.invoke}, ... but not {@code sun.*} or {@code jdk.internal.*});
 * <li>classes of the application class path: those defined by the system class loader or one of its
 *     ancestors below the platform class loader, which is what the worker JVMs load from
 *     {@code java.class.path};
 * </ul>
 * and of those only classes that are {@link Serializable}, with two exceptions: an array needs only its
 * element type to pass (its elements are checked one by one), and an application class that is not
 * Serializable may appear as the {@link Class} object naming the capturing class of a serializable lambda,
 * that is if it declares {@code $deserializeLambda$}. Dynamic proxies and every other class (other JDK
 * modules such as {@code java.sql}, JDK internals, classes of other class loaders) are refused. A stream
 * also may not nest deeper than {@value #MAX_DEPTH}, nor hold an array longer, or more references, than
 * the payload has bytes. A JVM-wide filter ({@code jdk.serialFilter}) is consulted first.
 */
final class DeserializationFilter implements ObjectInputFilter {
    static final int MAX_DEPTH = 1000;

    private final long limit;
    private final ObjectInputFilter global = ObjectInputFilter.Config.getSerialFilter();
    /** The class of the first rejection, if it was about a class. */
    private String rejectedClass;
    /** The first rejection, said in full; null while the stream passes. */
    private String reason;

    /** The filter of a payload of {@code payloadBytes} bytes. */
    DeserializationFilter(long payloadBytes) {
        this.limit = payloadBytes;
    }

    @Override
    public Status checkInput(FilterInfo info) {
        if (global != null && global.checkInput(info) == Status.REJECTED) {
            return reject(info.serialClass(), "is rejected by the JVM-wide serialization filter (jdk.serialFilter)");
        }
        if (info.depth() > MAX_DEPTH) {
            return reject(null, "the object graph nests deeper than " + MAX_DEPTH + " levels");
        }
        if (info.references() > limit) {
            return reject(null, "the stream holds more references (" + info.references() + ") than bytes ("
                    + limit + ")");
        }
        if (info.arrayLength() > limit) {
            return reject(info.serialClass(), "has " + info.arrayLength() + " elements, more than the " + limit
                    + " bytes of its stream");
        }
        Class<?> c = info.serialClass();
        if (c == null) {
            return Status.UNDECIDED;
        }
        String why = rejection(c);
        return why == null ? Status.ALLOWED : reject(c, why);
    }

    private Status reject(Class<?> c, String why) {
        if (reason == null) {
            rejectedClass = c == null ? null : c.getName();
            reason = "rejected by ProcessPoolExecutor's deserialization filter: "
                    + (c == null ? why : c.getName() + " " + why);
        }
        return Status.REJECTED;
    }

    /**
     * What to throw for {@code e}, thrown by a stream under this filter: {@code e} itself, unless this filter
     * rejected the stream; then an exception that names what it rejected and why, caused by {@code e}.
     */
    InvalidClassException explain(InvalidClassException e) {
        if (reason == null) {
            return e;
        }
        InvalidClassException clear = rejectedClass != null
                ? new InvalidClassException(rejectedClass, reason)
                : new InvalidClassException(reason);
        clear.initCause(e);
        return clear;
    }

    /** Why {@code c} may not cross the pipe, or null if it may; see the class comment. */
    static String rejection(Class<?> c) {
        Class<?> element = c;
        while (element.isArray()) {
            element = element.getComponentType();
        }
        if (element.isPrimitive()) {
            return null;
        }
        if (Proxy.isProxyClass(element)) {
            return "is a dynamic proxy class; ProcessPoolExecutor does not deserialize proxies";
        }
        Module module = element.getModule();
        boolean javaBase = module == Object.class.getModule();
        if (javaBase) {
            if (!module.isExported(element.getPackageName())) {
                return "is in package " + element.getPackageName() + ", which java.base does not export;"
                        + " ProcessPoolExecutor only lets through the exported classes of java.base and the"
                        + " classes of the application class path";
            }
        } else if (!isApplicationClass(element)) {
            return "is neither a class of java.base nor one of the application class path (it comes from "
                    + (module.isNamed() ? "module " + module.getName() : "class loader " + element.getClassLoader())
                    + "); ProcessPoolExecutor only lets through the exported classes of java.base and the classes"
                    + " the worker processes load from java.class.path";
        }
        if (c.isArray() || Serializable.class.isAssignableFrom(element)) {
            return null;
        }
        if (!javaBase) {
            Optional<String> notCapturing = CAPTURES_LAMBDAS.get(element);
            if (notCapturing.isEmpty()) {
                return null; // a Class object: the capturing class of a serializable lambda
            }
            return "is not Serializable" + notCapturing.get();
        }
        return "is not Serializable";
    }

    private static boolean isApplicationClass(Class<?> c) {
        ClassLoader loader = c.getClassLoader();
        if (loader == null) {
            return false;
        }
        ClassLoader platform = ClassLoader.getPlatformClassLoader();
        for (ClassLoader l = ClassLoader.getSystemClassLoader(); l != null && l != platform; l = l.getParent()) {
            if (l == loader) {
                return true;
            }
        }
        return false;
    }

    /**
     * Empty if the class declares {@code $deserializeLambda$}, the method javac adds to the capturing class of
     * serializable lambdas; else what to add to "is not Serializable".
     */
    private static final ClassValue<Optional<String>> CAPTURES_LAMBDAS = new ClassValue<>() {
        @Override
        protected Optional<String> computeValue(Class<?> type) {
            try {
                type.getDeclaredMethod("$deserializeLambda$", SerializedLambda.class);
                return Optional.empty();
            } catch (NoSuchMethodException e) {
                return Optional.of("");
            } catch (LinkageError | SecurityException e) {
                return Optional.of(" (nor could it be checked for serializable lambdas: " + e + ")");
            }
        }
    };
}
