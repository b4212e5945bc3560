package org.awaitj.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.MutableCallSite;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A fused await of a virtual or interface call, {@code await(x.m(args))}: which method runs depends on the class of
 * {@code x}, known only when the site runs. The site links each receiver class it meets, up to {@link #CLASSES}
 * of them, to the direct entry of the method that class runs, behind a test of the receiver's class (an inline
 * cache, as HotSpot's own for virtual calls). Receivers of any further class take the method's virtual bridge,
 * {@code m$fused}, which the agent adds beside each rewritten instance method and each rewritten override
 * overrides: the JVM's dispatch picks the receiver's, which runs its class's direct entry (a receiver of a
 * subclass that only inherits it, or of a class that is not rewritten, goes on to a site of the bridge's own).
 * Where the site's type has no bridge (it was not rewritten), and at an interface call for a
 * {@code java.lang.reflect.Proxy}, they find the entry in a table by class (a {@link ClassValue}) and are called through it: a
 * call the JIT cannot inline. Either way no frame unless the callee suspends. One or two classes of receivers,
 * the common cases, cost what a static call does plus a class test each.
 */
final class ReceiverSite extends MutableCallSite {
    /** How many receiver classes a site links behind class tests; those it meets later take the bridge or the table. */
    static final int CLASSES = 2;
    private static final MethodHandle MISS;
    private static final MethodHandle IS_CLASS;
    private static final MethodHandle SELECT;
    private static final MethodHandle IS_RECEIVER;
    private static final MethodHandle UNDISPATCHABLE;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            MISS = l.findVirtual(ReceiverSite.class, "miss", MethodType.methodType(Object.class, Object[].class));
            IS_CLASS = l.findStatic(ReceiverSite.class, "isClass",
                    MethodType.methodType(boolean.class, Class.class, Object.class));
            SELECT = l.findVirtual(ReceiverSite.class, "select", MethodType.methodType(MethodHandle.class, Object.class));
            IS_RECEIVER = l.findStatic(ReceiverSite.class, "isReceiver", MethodType.methodType(boolean.class, Object.class));
            UNDISPATCHABLE = l.findVirtual(ReceiverSite.class, "undispatchable",
                    MethodType.methodType(Object.class, IncompatibleClassChangeError.class, Object[].class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final MethodHandles.Lookup caller;
    private final String name;
    private final MethodHandle generic;
    /** The classes linked so far, and what each links to (its entry, or the factory when it has none). */
    private final List<Class<?>> classes = new ArrayList<>(CLASSES);
    private final List<MethodHandle> targets = new ArrayList<>(CLASSES);
    /** Past the linked classes: what each class of receiver links to, made on its first call. */
    private final ClassValue<MethodHandle> table = new ClassValue<>() {
        @Override
        protected MethodHandle computeValue(Class<?> c) {
            return targetFor(c);
        }
    };
    /** The call past the linked classes (the bridge, else through {@link #table}), made when the site links its last. */
    private MethodHandle tableCall;
    /** Whether receivers past the linked classes may take the bridge: not from inside a bridge. */
    private final boolean bridges;
    /** The call through {@link #table}; {@link #tableCall} unless the bridge is taken. */
    private MethodHandle viaTable;

    ReceiverSite(MethodHandles.Lookup caller, String name, MethodType type, MethodHandle generic, boolean bridges) {
        super(type);
        this.caller = caller;
        this.name = name;
        this.generic = generic.asType(type);
        this.bridges = bridges;
        setTarget(missHandle());
    }

    private MethodHandle missHandle() {
        return MISS.bindTo(this).asCollector(Object[].class, type().parameterCount()).asType(type());
    }

    private static boolean isClass(Class<?> expected, Object receiver) {
        return receiver != null && receiver.getClass() == expected;
    }

    /** The target of the site's table for a receiver: its class's, or for null the factory's, which throws. */
    private MethodHandle select(Object receiver) {
        return receiver == null ? generic : table.get(receiver.getClass());
    }

    /** A receiver's class's entry adapted to the site, else the factory. */
    private MethodHandle targetFor(Class<?> c) {
        MethodHandle entry = entryFor(c);
        return entry != null ? entry.asType(type()) : generic;
    }

    /**
     * A receiver of a class the site has not linked: links it (while there is room), then makes the call through
     * the new target. Loops may race here: each links a class the site did not have, and any target is correct.
     */
    private Object miss(Object[] args) throws Throwable {
        Object receiver = args[0];
        if (receiver == null) {
            return generic.invokeWithArguments(args);     // the factory's call throws NullPointerException
        }
        MethodHandle target;
        synchronized (this) {
            Class<?> c = receiver.getClass();
            if (classes.size() < CLASSES && !classes.contains(c)) {
                classes.add(c);
                targets.add(targetFor(c));
            }
            MethodHandle cached = cache();
            setTarget(cached);
            target = classes.contains(c) ? cached : tableCall();    // no room left for c: through the table
        }
        return target.invokeWithArguments(args);
    }

    /** The tests of the classes linked, each to its target, then a miss while there is room, else the table. */
    private MethodHandle cache() {
        MethodHandle target = classes.size() < CLASSES ? missHandle() : tableCall();
        MethodType type = type();
        for (int i = classes.size() - 1; i >= 0; i--) {
            MethodHandle test = MethodHandles.dropArguments(IS_CLASS.bindTo(classes.get(i))
                    .asType(MethodType.methodType(boolean.class, type.parameterType(0))), 1,
                    type.parameterList().subList(1, type.parameterCount()));
            target = MethodHandles.guardWithTest(test, targets.get(i), target);
        }
        return target;
    }

    /** Past the linked classes: through the bridge where the site's type has one, else through the table. */
    private MethodHandle tableCall() {
        if (tableCall == null) {
            MethodHandle select = SELECT.bindTo(this).asType(MethodType.methodType(MethodHandle.class, type().parameterType(0)));
            viaTable = MethodHandles.foldArguments(MethodHandles.exactInvoker(type()), select);
            MethodHandle bridge = bridges ? bridge() : null;
            tableCall = bridge != null ? bridge : viaTable;
        }
        return tableCall;
    }

    /**
     * The call of the site's method's virtual bridge in the site's type or a supertype, or null: none, or not
     * accessible. An interface's bridge is taken by every receiver but a {@code java.lang.reflect.Proxy}, which
     * would hand it to its invocation handler (a lambda's class, or one that is not rewritten, inherits the default
     * bridge, whose site finds what it runs). A class that does not override the bridge may inherit two (from two
     * interfaces), which the JVM cannot choose between: the table.
     */
    private MethodHandle bridge() {
        Class<?> receiver = type().parameterType(0);
        MethodType withReceiver = bridgeCall();
        MethodHandle bridge;
        try {
            bridge = caller.findVirtual(receiver, name + FusedCalls.BRIDGE_SUFFIX, withReceiver.dropParameterTypes(0, 1));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null;
        }
        // the receiver goes as the bridge's argument too: a proxy's override of the bridge hands it to another object
        int seen = withReceiver.parameterCount() - 3;
        bridge = bridge.asType(withReceiver.changeParameterType(seen, receiver));
        int[] reorder = new int[withReceiver.parameterCount()];
        for (int i = 0; i < reorder.length; i++) {
            reorder[i] = i < seen ? i : i == seen ? 0 : i - 1;
        }
        bridge = MethodHandles.permuteArguments(bridge, type(), reorder);
        if (!receiver.isInterface()) {
            return bridge;
        }
        MethodHandle conflict = UNDISPATCHABLE.bindTo(this).asCollector(Object[].class, type().parameterCount())
                .asType(type().insertParameterTypes(0, IncompatibleClassChangeError.class));
        MethodHandle test = MethodHandles.dropArguments(IS_RECEIVER.asType(MethodType.methodType(boolean.class, receiver)),
                1, type().parameterList().subList(1, type().parameterCount()));
        return MethodHandles.guardWithTest(test,
                MethodHandles.catchException(bridge, IncompatibleClassChangeError.class, conflict), viaTable);
    }

    /** The bridge's call: the site's type with the receiver once more as an Object, before the anchor and depth. */
    private MethodType bridgeCall() {
        return type().insertParameterTypes(type().parameterCount() - 2, Object.class);
    }

    /** Not a {@code java.lang.reflect.Proxy}, whose handler would be handed the bridge. */
    private static boolean isReceiver(Object receiver) {
        return !(receiver instanceof java.lang.reflect.Proxy);
    }

    /**
     * The bridge's call failed with {@code e}: from the JVM's dispatch when the receiver's class selects no single
     * bridge (then through the table), else from the callee, rethrown as it came.
     */
    private Object undispatchable(IncompatibleClassChangeError e, Object[] args) throws Throwable {
        MethodType call = bridgeCall();
        Class<?>[] params = call.parameterList().subList(1, call.parameterCount()).toArray(new Class<?>[0]);
        if (selectsOne(args[0].getClass(), name + FusedCalls.BRIDGE_SUFFIX, params)) {
            throw e;
        }
        return viaTable.invokeWithArguments(args);
    }

    /** Whether the JVM selects one method {@code name(params)} for receivers of {@code type}: a class's, or one default. */
    private static boolean selectsOne(Class<?> type, String name, Class<?>[] params) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                c.getDeclaredMethod(name, params);
                return true;
            } catch (NoSuchMethodException e) {
                // inherited, if at all
            }
        }
        return maximallySpecific(type, name, params).size() == 1;
    }

    /**
     * The direct entry of the method a receiver of {@code type} runs: that of the class that declares it, the
     * nearest superclass with a method of that name and parameters that is neither private nor static, else the
     * interface default method it runs; null when it has none (it is not rewritten, abstract, or not an
     * {@code @Async} method).
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
            return entryIn(c);
        }
        return defaultEntry(type, callParams);
    }

    /** The direct entry beside the method in {@code c}, or null: not rewritten, or not accessible from the site. */
    private MethodHandle entryIn(Class<?> c) {
        try {
            return caller.findStatic(c, name, type().changeParameterType(0, c));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null;
        }
    }

    /**
     * No class declares the method: the receiver runs the default method of its one maximally specific
     * superinterface that declares it (as the JVM selects it); null when there is no such single one, or it is
     * abstract there.
     */
    private MethodHandle defaultEntry(Class<?> type, Class<?>[] callParams) {
        List<Class<?>> declaring = maximallySpecific(type, name, callParams);
        if (declaring.size() != 1) {
            return null;
        }
        Class<?> i = declaring.get(0);
        try {
            return Modifier.isAbstract(i.getDeclaredMethod(name, callParams).getModifiers()) ? null : entryIn(i);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    /** The superinterfaces of {@code type} that declare an instance method {@code name(params)}, none a subtype of another. */
    private static List<Class<?>> maximallySpecific(Class<?> type, String name, Class<?>[] params) {
        List<Class<?>> declaring = new ArrayList<>();
        Set<Class<?>> seen = new HashSet<>();
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            interfacesDeclaring(c, name, params, declaring, seen);
        }
        List<Class<?>> all = List.copyOf(declaring);
        declaring.removeIf(i -> all.stream().anyMatch(j -> j != i && i.isAssignableFrom(j)));
        return declaring;
    }

    private static void interfacesDeclaring(Class<?> c, String name, Class<?>[] callParams, List<Class<?>> out,
            Set<Class<?>> seen) {
        for (Class<?> i : c.getInterfaces()) {
            if (!seen.add(i)) {
                continue;
            }
            try {
                int mods = i.getDeclaredMethod(name, callParams).getModifiers();
                if (!Modifier.isStatic(mods) && !Modifier.isPrivate(mods)) {
                    out.add(i);
                }
            } catch (NoSuchMethodException e) {
                // declared further up, if at all
            }
            interfacesDeclaring(i, name, callParams, out, seen);
        }
    }
}
