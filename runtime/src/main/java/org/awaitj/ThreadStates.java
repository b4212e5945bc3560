package org.awaitj;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The {@link ThreadLocalBridge}s, and what they captured for one task (or for work handed to a thread): the
 * states, and room for what the thread had before a step, so that a step allocates nothing of its own.
 */
final class ThreadStates {
    private static final System.Logger LOG = System.getLogger("org.awaitj");

    /** Copy-on-write: a task keeps the array it was created with. */
    private static volatile ThreadLocalBridge<Object>[] bridges = load();

    private final ThreadLocalBridge<Object>[] of;
    private final Object[] states;
    private final Object[] previous;

    private ThreadStates(ThreadLocalBridge<Object>[] of, Object[] states) {
        this.of = of;
        this.states = states;
        this.previous = new Object[of.length];
    }

    /** What the bridges see on the calling thread; null when no bridge is registered. */
    static ThreadStates capture() {
        ThreadLocalBridge<Object>[] b = bridges;
        if (b.length == 0) {
            return null;
        }
        Object[] s = new Object[b.length];
        for (int i = 0; i < b.length; i++) {
            s[i] = capture(b[i]);
        }
        return new ThreadStates(b, s);
    }

    /** Before a step: installs the captured states, keeping the thread's own. */
    void enter() {
        for (int i = 0; i < of.length; i++) {
            try {
                previous[i] = of[i].restore(states[i]);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "ThreadLocalBridge " + of[i] + " failed to restore", e);
            }
        }
    }

    /** After a step: captures the states again if {@code keep}, then gives the thread its own back. */
    void exit(boolean keep) {
        for (int i = of.length - 1; i >= 0; i--) {
            if (keep) {
                states[i] = capture(of[i]);
            }
            try {
                of[i].reset(previous[i]);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "ThreadLocalBridge " + of[i] + " failed to reset", e);
            }
            previous[i] = null;
        }
    }

    private static Object capture(ThreadLocalBridge<Object> bridge) {
        try {
            return bridge.capture();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "ThreadLocalBridge " + bridge + " failed to capture", e);
            return null;
        }
    }

    static synchronized void register(ThreadLocalBridge<?> bridge) {
        java.util.Objects.requireNonNull(bridge, "bridge");
        if (!Arrays.asList(bridges).contains(bridge)) {
            ThreadLocalBridge<Object>[] b = Arrays.copyOf(bridges, bridges.length + 1);
            b[b.length - 1] = cast(bridge);
            bridges = b;
        }
    }

    static synchronized boolean unregister(ThreadLocalBridge<?> bridge) {
        List<ThreadLocalBridge<Object>> b = new ArrayList<>(Arrays.asList(bridges));
        boolean removed = b.remove(bridge);
        bridges = toArray(b);
        return removed;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static ThreadLocalBridge<Object> cast(ThreadLocalBridge<?> bridge) {
        return (ThreadLocalBridge) bridge;
    }

    @SuppressWarnings("unchecked")
    private static ThreadLocalBridge<Object>[] toArray(List<ThreadLocalBridge<Object>> list) {
        return list.toArray(new ThreadLocalBridge[0]);
    }

    /** The bridges that jars on the class path declare; one that fails to load is reported and left out. */
    @SuppressWarnings("rawtypes")
    private static ThreadLocalBridge<Object>[] load() {
        List<ThreadLocalBridge<Object>> found = new ArrayList<>();
        try {
            for (ServiceLoader.Provider<ThreadLocalBridge> p : ServiceLoader.load(ThreadLocalBridge.class).stream().toList()) {
                try {
                    found.add(cast(p.get()));
                } catch (ServiceConfigurationError | RuntimeException e) {
                    LOG.log(System.Logger.Level.ERROR, "cannot load ThreadLocalBridge " + p.type().getName(), e);
                }
            }
        } catch (ServiceConfigurationError e) {
            LOG.log(System.Logger.Level.ERROR, "cannot list the ThreadLocalBridges of the class path", e);
        }
        return toArray(found);
    }
}
