package org.awaitj.agent.fuzz;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What generated programs call, in both twins alike: an event log that records every side effect in order
 * (with the value of the expression it wraps), the exceptions they throw, and a resource for
 * try-with-resources. Loaded by the test's class loader, never rewritten.
 */
public final class FuzzSupport {
    private FuzzSupport() {
    }

    /** Thrown by generated code: unchecked, compared by message. */
    public static final class Boom extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Boom(String message) {
            super(message);
        }
    }

    /** A checked exception generated methods declare; await rethrows it unwrapped. */
    public static final class CheckedBoom extends Exception {
        private static final long serialVersionUID = 1L;

        public CheckedBoom(String message) {
            super(message);
        }
    }

    /** Thrown by every log call once a program has used its fuel: bounds the work of any program. */
    public static final class FuelOut extends Error {
        private static final long serialVersionUID = 1L;

        public FuelOut() {
            super("out of fuel", null, false, false);
        }
    }

    /** A record to construct with awaits among its constructor's arguments. */
    public record IntBox(int v, long w) {
    }

    /** A resource whose close is logged (and may throw), for try-with-resources. */
    public static final class Res implements AutoCloseable {
        private final String name;
        private final boolean failOnClose;

        public Res(String name, boolean failOnClose) {
            this.name = name;
            this.failOnClose = failOnClose;
            Log.event("open " + name);
        }

        public String name() {
            return name;
        }

        @Override
        public void close() {
            Log.event("close " + name);
            if (failOnClose) {
                throw new Boom("close " + name);
            }
        }
    }

    /**
     * The event log: one static log for the program that runs now (programs run one at a time, on one
     * thread). Each typed method logs its tag and value and returns the value, so an expression can be
     * wrapped in any operand position without changing its meaning.
     */
    public static final class Log {
        static final int FUEL = 4000;
        private static List<String> events = new ArrayList<>();
        private static int fuel = FUEL;

        private Log() {
        }

        static void reset() {
            events = new ArrayList<>();
            fuel = FUEL;
        }

        static List<String> take() {
            List<String> e = events;
            events = new ArrayList<>();
            return e;
        }

        public static void event(String what) {
            if (--fuel < 0) {
                throw new FuelOut();
            }
            events.add(what);
        }

        public static boolean z(int tag, boolean v) {
            event(tag + "=" + v);
            return v;
        }

        public static byte b(int tag, byte v) {
            event(tag + "=" + v);
            return v;
        }

        public static char c(int tag, char v) {
            event(tag + "=" + (int) v);
            return v;
        }

        public static short h(int tag, short v) {
            event(tag + "=" + v);
            return v;
        }

        public static int i(int tag, int v) {
            event(tag + "=" + v);
            return v;
        }

        public static long j(int tag, long v) {
            event(tag + "=" + v);
            return v;
        }

        public static float f(int tag, float v) {
            event(tag + "=" + v);
            return v;
        }

        public static double d(int tag, double v) {
            event(tag + "=" + v);
            return v;
        }

        public static String s(int tag, String v) {
            event(tag + "=" + v);
            return v;
        }

        public static Integer n(int tag, Integer v) {
            event(tag + "=" + v);
            return v;
        }

        public static Object o(int tag, Object v) {
            event(tag + "=" + v);
            return v;
        }

        public static int[] a(int tag, int[] v) {
            event(tag + "=" + Arrays.toString(v));
            return v;
        }

        public static void at(int tag) {
            event("@" + tag);
        }
    }

    /** A value or an exception, rendered so that two runs compare with equals. */
    static String render(Object v) {
        if (v instanceof int[] a) {
            return "int[]" + Arrays.toString(a);
        }
        if (v == null) {
            return "null";
        }
        return v.getClass().getSimpleName() + ":" + v;
    }

    /** Our own exceptions by message; the JDK's by class only (helpful NullPointerException messages name slots). */
    static String renderThrown(Throwable t) {
        if (t instanceof Boom || t instanceof CheckedBoom) {
            return "threw " + t.getClass().getSimpleName() + ": " + t.getMessage();
        }
        return "threw " + t.getClass().getName();
    }
}
