package org.awaitj.internal;

import java.lang.invoke.CallSite;
import java.lang.invoke.ConstantCallSite;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Modifier;

import org.awaitj.Coroutine;

/**
 * The bootstrap of a fused await, {@code await(m(args))} with {@code m} maybe an {@code @Async} method. The agent
 * compiles it to an {@code invokedynamic} of type {@code (args..., Coroutine anchor, int depth)Object}, linked
 * the first time it runs (when m's class is loaded anyway, so loading order does not change): to m's direct entry
 * (same name and type, in the class that declares m) when that class was rewritten with one, else to the
 * factory followed by an ordinary await. Either way the call site then costs what a static call costs. A virtual
 * or interface call that an override may take links on the receiver's class instead ({@link ReceiverSite}), past
 * its first classes through the virtual bridge the agent adds beside an instance method (see there); a
 * super call ({@code invokespecial}) to the entry of the method it names, as a static call does. Where fusing is
 * off ({@link Fusing}: a JVM with Mockito, or {@code -Dawaitj.fuse=false}), every site takes the factory.
 */
@InternalApi
public final class FusedCalls {
    private static final MethodHandle AWAIT;

    static {
        try {
            AWAIT = MethodHandles.lookup().findStatic(CoroutineSupport.class, "fusedAwait",
                    MethodType.methodType(Object.class, Object.class, Coroutine.class, int.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** What the agent adds to an instance method's name for its virtual bridge: {@code deposit$fused}. */
    public static final String BRIDGE_SUFFIX = "$fused";

    /** The packages of the runtime whose waits have entries of their own ({@code Lock.acquire}...). */
    private static final java.util.Set<String> RUNTIME_WAITS = java.util.Set.of("org.awaitj.sync", "org.awaitj.queue",
            "org.awaitj.io");

    private FusedCalls() {
    }

    /**
     * Links a fused await.
     *
     * @param caller the class that awaits, whose access the lookup of the direct entry uses
     * @param name the awaited method's name, which its direct entry shares
     * @param type the call site's type: m's arguments (its receiver first, for an instance method), then the
     *     anchor and the depth, returning the value or {@link CoroutineSupport#SUSPENDED}
     * @param owner the class that declares m
     * @param factory m itself, which returns the coroutine object
     */
    public static CallSite link(MethodHandles.Lookup caller, String name, MethodType type, Class<?> owner,
            MethodHandle factory) {
        return link(caller, name, type, owner, factory, true);
    }

    /**
     * Links the fused site inside an instance method's virtual bridge ({@code m$fused}), which the bridge takes for
     * the receivers it does not run itself: as {@link #link}, but a site past its linked classes goes through its
     * table, never through the bridge again.
     */
    public static CallSite linkBehindBridge(MethodHandles.Lookup caller, String name, MethodType type, Class<?> owner,
            MethodHandle factory) {
        return link(caller, name, type, owner, factory, false);
    }

    private static CallSite link(MethodHandles.Lookup caller, String name, MethodType type, Class<?> owner,
            MethodHandle factory, boolean bridges) {
        MethodHandle generic = MethodHandles.collectArguments(AWAIT, 0,
                factory.asType(factory.type().changeReturnType(Object.class))).asType(type);
        if (!Fusing.on(caller.lookupClass())) {
            return new ConstantCallSite(generic);
        }
        MethodHandleInfo callee = reveal(caller, factory);
        // a super call runs the superclass's method: not the runtime's entry, which dispatches on the receiver
        boolean superCall = callee != null && callee.getReferenceKind() == MethodHandleInfo.REF_invokeSpecial;
        MethodHandle entry = superCall ? null : runtimeEntry(owner, name, type);
        if (entry != null) {
            return new ConstantCallSite(entry.asType(type));   // it checks the receiver's class itself
        }
        if (callee != null && dispatches(callee, owner)) {
            return new ReceiverSite(caller, name, type, generic, bridges);
        }
        Class<?> declaring = callee != null && callee.getReferenceKind() != MethodHandleInfo.REF_invokeStatic
                ? callee.getDeclaringClass() : null;
        try {
            entry = declaring == null ? caller.findStatic(owner, name, type)
                    : caller.findStatic(declaring, name, type.changeParameterType(0, declaring));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            // not rewritten, rewritten without direct entries, or not an @Async method at all
            return new ConstantCallSite(generic);
        }
        return new ConstantCallSite(entry.asType(type));
    }

    private static MethodHandleInfo reveal(MethodHandles.Lookup caller, MethodHandle factory) {
        try {
            return caller.revealDirect(factory);
        } catch (IllegalArgumentException | SecurityException e) {
            return null;
        }
    }

    /** A call that an override may take: virtual or interface, of a method and class that are not final. */
    private static boolean dispatches(MethodHandleInfo callee, Class<?> owner) {
        int kind = callee.getReferenceKind();
        int modifiers = callee.getModifiers();
        return (kind == MethodHandleInfo.REF_invokeVirtual || kind == MethodHandleInfo.REF_invokeInterface)
                && !Modifier.isPrivate(modifiers) && !Modifier.isFinal(modifiers) && !Modifier.isFinal(owner.getModifiers());
    }

    /**
     * The direct entry the runtime wrote for a wait of its own ({@code Lock.acquire}, {@code Queue.get}...): a
     * static method of the same name beside it, package-private, taking the receiver first, declared in the
     * receiver's class or a superclass; null when there is none.
     */
    private static MethodHandle runtimeEntry(Class<?> owner, String name, MethodType type) {
        if (type.parameterCount() == 0 || type.parameterType(0) != owner
                || owner.getClassLoader() != FusedCalls.class.getClassLoader() || !RUNTIME_WAITS.contains(owner.getPackageName())) {
            return null;    // an application's class, even in a package named org.awaitj.something: its own entries
        }
        for (Class<?> c = owner; c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                MethodHandles.Lookup inside = MethodHandles.privateLookupIn(c, MethodHandles.lookup());
                return inside.findStatic(c, name, type.changeParameterType(0, c));
            } catch (NoSuchMethodException | IllegalAccessException e) {
                // not declared here: try the superclass
            }
        }
        return null;
    }
}
