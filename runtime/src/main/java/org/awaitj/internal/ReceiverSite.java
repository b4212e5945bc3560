package org.awaitj.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.MutableCallSite;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;

/**
 * A fused await of a virtual or interface call, {@code await(x.m(args))}: which method runs depends on the class of
 * {@code x}, known when the site first runs. Then the site links to the direct entry of the method that class
 * runs, behind a test of the receiver's class, and to the factory and an await for any other receiver: one class
 * of receivers, the common case, costs what a static call does; several cost a class test more than before.
 */
final class ReceiverSite extends MutableCallSite {
    private static final MethodHandle FIRST;
    private static final MethodHandle IS_CLASS;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            FIRST = l.findVirtual(ReceiverSite.class, "first", MethodType.methodType(Object.class, Object[].class));
            IS_CLASS = l.findStatic(ReceiverSite.class, "isClass",
                    MethodType.methodType(boolean.class, Class.class, Object.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final MethodHandles.Lookup caller;
    private final String name;
    private final MethodHandle generic;

    ReceiverSite(MethodHandles.Lookup caller, String name, MethodType type, MethodHandle generic) {
        super(type);
        this.caller = caller;
        this.name = name;
        this.generic = generic;
        setTarget(FIRST.bindTo(this).asCollector(Object[].class, type.parameterCount()).asType(type));
    }

    private static boolean isClass(Class<?> expected, Object receiver) {
        return receiver != null && receiver.getClass() == expected;
    }

    /** The first call: links on its receiver's class, then makes the call through the new target. */
    private Object first(Object[] args) throws Throwable {
        MethodHandle target = generic;
        Object receiver = args[0];
        MethodHandle entry = receiver == null ? null : entryFor(receiver.getClass());
        if (entry != null) {
            MethodType type = type();
            MethodHandle test = MethodHandles.dropArguments(IS_CLASS.bindTo(receiver.getClass())
                    .asType(MethodType.methodType(boolean.class, type.parameterType(0))), 1,
                    type.parameterList().subList(1, type.parameterCount()));
            target = MethodHandles.guardWithTest(test, entry.asType(type), generic);
        }
        setTarget(target);
        return target.invokeWithArguments(args);
    }

    /**
     * The direct entry of the method a receiver of {@code type} runs: that of the class that declares it, the
     * nearest superclass with a method of that name and parameters that is neither private nor static; null when
     * it has none (it is not rewritten, abstract, a default method, or not an {@code @Async} method).
     */
    private MethodHandle entryFor(Class<?> type) {
        List<Class<?>> params = type().parameterList();
        Class<?>[] callParams = params.subList(1, params.size() - 2).toArray(new Class<?>[0]);
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            Method m;
            try {
                m = c.getDeclaredMethod(name, callParams);
            } catch (NoSuchMethodException e) {
                continue;
            }
            if (Modifier.isPrivate(m.getModifiers()) || Modifier.isStatic(m.getModifiers())) {
                continue;   // a private method does not override
            }
            if (Modifier.isAbstract(m.getModifiers())) {
                return null;
            }
            try {
                return caller.findStatic(c, name, type().changeParameterType(0, c));
            } catch (NoSuchMethodException | IllegalAccessException e) {
                return null;
            }
        }
        return null;
    }
}
