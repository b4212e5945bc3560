package org.awaitj;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Debug mode's answer to "could the loop still start this coroutine?": a walk of what the loop will run (its
 * tasks and their suspended frames, its ready queue, timers and inbox) and of the static fields of the classes
 * whose coroutines it runs, through user objects, arrays and the JDK's collections. Only when a step ends with
 * coroutines it made and did not start, which correct programs seldom do; bounded, and "don't know" when the
 * bound is reached or a field cannot be read. Coroutines kept only on another thread (a lambda handed to an
 * executor) are not seen: they are reported when their step ends.
 */
final class Reachability {
    private static final int BUDGET = 50_000;
    private static final ClassValue<Field[]> REFERENCE_FIELDS = new ClassValue<>() {
        @Override
        protected Field[] computeValue(Class<?> type) {
            List<Field> out = new ArrayList<>();
            // up to the JDK: the state a JDK superclass keeps (a Handler's, a Thread's) is its own
            for (Class<?> c = type; c != null && !isJdk(c); c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (!f.getType().isPrimitive() && !Modifier.isStatic(f.getModifiers())) {
                        out.add(f);
                    }
                }
            }
            return out.toArray(new Field[0]);
        }
    };

    private final Set<Object> targets;
    private final Set<Object> found = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    private final ArrayDeque<Object> queue = new ArrayDeque<>();
    private boolean incomplete;

    private Reachability(List<? extends Coroutine<?>> targets) {
        this.targets = Collections.newSetFromMap(new IdentityHashMap<>());
        this.targets.addAll(targets);
    }

    /** Which of {@code targets} the loop can still reach; null when the walk could not tell. */
    static Set<Object> heldBy(EventLoop loop, List<? extends Coroutine<?>> targets) {
        Reachability r = new Reachability(targets);
        r.offer(loop);
        for (Task<?> t : loop.tasks.snapshot()) {
            for (Coroutine<?> c = t.current; c != null; c = c.caller) {
                r.offerStatics(c);
            }
            r.offerStatics(t.getCoroutine());
        }
        r.walk();
        return r.incomplete ? null : r.found;
    }

    private void walk() {
        while (!queue.isEmpty() && found.size() < targets.size()) {
            if (seen.size() > BUDGET) {
                incomplete = true;
                return;
            }
            visit(queue.poll());
        }
    }

    private void offer(Object o) {
        if (o == null || seen.contains(o)) {
            return;
        }
        if (targets.contains(o)) {
            found.add(o);       // a target holds nothing the search needs: it is not entered
            return;
        }
        seen.add(o);
        queue.add(o);
    }

    /** The static fields of the class whose method a generated frame runs: a coroutine may wait there. */
    private void offerStatics(Coroutine<?> frame) {
        Class<?> type = frame.getClass();
        if (Debug.isRuntime(type)) {
            return;
        }
        try {
            Class<?> owner = Class.forName(frame.stackTraceElement().getClassName(), false, type.getClassLoader());
            for (Field f : owner.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) && !f.getType().isPrimitive()) {
                    f.setAccessible(true);
                    offer(f.get(null));
                }
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            incomplete = true;
        }
    }

    private void visit(Object o) {
        Class<?> type = o.getClass();
        if (type.isArray()) {
            if (!type.getComponentType().isPrimitive()) {
                for (int i = 0, n = Array.getLength(o); i < n; i++) {
                    offer(Array.get(o, i));
                }
            }
            return;
        }
        if (o instanceof NeverAwaited || o instanceof Unretrieved.Ledger || o instanceof Class<?>
                || o instanceof Thread || o instanceof ClassLoader || o instanceof java.lang.ref.Reference<?>) {
            return;     // debug mode's own records, and what keeps nothing a step could start
        }
        visitContainer(o);
        for (Field f : REFERENCE_FIELDS.get(type)) {
            try {
                f.setAccessible(true);
                offer(f.get(o));
            } catch (ReflectiveOperationException | RuntimeException e) {
                incomplete = true;      // a module that does not open its fields: no answer
            }
        }
    }

    private static boolean isJdk(Class<?> c) {
        String name = c.getName();
        return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.") || name.startsWith("sun.");
    }

    /** Containers, the JDK's among them, through their interfaces; other JDK objects hold no coroutine of the program's. */
    private void visitContainer(Object o) {
        try {
            if (o instanceof Collection<?> c) {
                for (Object e : c) {
                    offer(e);
                }
            } else if (o instanceof Map<?, ?> m) {
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    offer(e.getKey());
                    offer(e.getValue());
                }
            } else if (o instanceof java.util.Optional<?> opt) {
                offer(opt.orElse(null));
            } else if (o instanceof java.util.concurrent.atomic.AtomicReference<?> ref) {
                offer(ref.get());
            }
        } catch (RuntimeException e) {
            incomplete = true;
        }
    }
}
