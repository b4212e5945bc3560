package org.awaitj.agent.shapes.access.p1;

/** Public methods whose descriptors name the package-private Hidden. */
public final class Api {
    private Api() {
    }

    public static Hidden make(String v) {
        return new Hidden(v);
    }

    public static Hidden[] makeAll(String v) {
        return new Hidden[] {new Hidden(v), new Hidden(v + v)};
    }

    public static String show(Object o) {
        return o instanceof Object[] a ? java.util.Arrays.toString(a) : String.valueOf(o);
    }

    public static String show(Object o, String suffix) {
        return show(o) + suffix;
    }

    /** Takes the hidden type itself: the caller's value must be typed Hidden for the verifier. */
    public static String take(Hidden h, String suffix) {
        return h.value + suffix;
    }

    public static String built(Object b) {
        return ((Base) b).build();
    }
}
