package org.awaitj.internal;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Whether a fused await links to the callee's direct entry, or to its factory and an ordinary await, as unfused
 * code runs: {@code -Dawaitj.fuse=false} turns direct entries off in this JVM, {@code =true} on; unset, they are off
 * for the classes that can see Mockito. Mockito's inline mocks and spies (its default since Mockito 5) intercept a
 * call to the method of the mocked class itself, the factory call that a direct entry skips: with it, a fused
 * await of a mock's method would run the real body instead of the stub. A test runs unfused, which changes nothing
 * observable but the allocations.
 */
final class Fusing {
    private static final String MOCKITO = "org.mockito.Mockito";
    private static final Map<ClassLoader, Boolean> SEES_MOCKITO = Collections.synchronizedMap(new WeakHashMap<>());

    private Fusing() {
    }

    /** Whether the fused sites of {@code caller} link to direct entries. */
    static boolean on(Class<?> caller) {
        String property = System.getProperty("awaitj.fuse");
        if (property != null) {
            return !property.equals("false");
        }
        ClassLoader loader = caller.getClassLoader();
        return !(loader == null ? seesMockito(null) : SEES_MOCKITO.computeIfAbsent(loader, Fusing::seesMockito));
    }

    private static boolean seesMockito(ClassLoader loader) {
        try {
            Class.forName(MOCKITO, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
