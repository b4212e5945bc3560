package org.awaitj.agent.transform;

import java.nio.charset.StandardCharsets;

/**
 * The agent's pre-filter, kept in a class of its own so that the common path (a class without {@code @Async}
 * methods) loads nothing else of the agent, and ASM not at all.
 *
 * <p>A class can have {@code @Async} methods only if its constant pool holds the annotation's descriptor as a
 * UTF8 entry. The check walks the constant pool, comparing only UTF8 entries of the descriptor's length, which
 * costs a fraction of a byte search over the whole file. A class file whose constant pool cannot be walked
 * (malformed, truncated) falls back to the byte search, so that it is still looked at, and reported, when the
 * descriptor is anywhere in it. The same walk tells whether a class without {@code @Async} methods may override a
 * virtual bridge: a UTF8 entry ends with the bridges' suffix ({@link ForeignBridgeRemover}).
 */
public final class AsyncMarker {
    static final byte[] MARKER = Names.ASYNC_DESC.getBytes(StandardCharsets.UTF_8);
    private static final byte[] SUFFIX = Names.BRIDGE_SUFFIX.getBytes(StandardCharsets.UTF_8);
    /** What {@link #scan} found: the class may have {@code @Async} methods. */
    public static final int ASYNC = 1;
    /** What {@link #scan} found: no {@code @Async} methods, but a name that a bridge's override would have. */
    public static final int BRIDGE_NAME = 2;

    private AsyncMarker() {
    }

    /** True when the class file may have {@code @Async} methods. Never throws. */
    public static boolean isPresent(byte[] classFile) {
        return scan(classFile) == ASYNC;
    }

    /** {@link #ASYNC}, else {@link #BRIDGE_NAME} or 0. Never throws. */
    public static int scan(byte[] classFile) {
        int walked = walkConstantPool(classFile);
        return walked >= 0 ? walked : contains(classFile) ? ASYNC : 0;
    }

    /** ASYNC when a UTF8 entry equals the marker, else BRIDGE_NAME or 0; -1 when the pool cannot be walked. */
    private static int walkConstantPool(byte[] b) {
        int n = b.length;
        if (n < 10 || (b[0] & 0xFF) != 0xCA || (b[1] & 0xFF) != 0xFE || (b[2] & 0xFF) != 0xBA || (b[3] & 0xFF) != 0xBE) {
            return -1;
        }
        int count = ((b[8] & 0xFF) << 8) | (b[9] & 0xFF);
        int p = 10;
        int markerLength = MARKER.length;
        int found = 0;
        for (int i = 1; i < count; i++) {
            if (p >= n) {
                return -1;
            }
            switch (b[p]) {
                case 1 -> {                                 // Utf8: u2 length, bytes
                    if (p + 3 > n) {
                        return -1;
                    }
                    int length = ((b[p + 1] & 0xFF) << 8) | (b[p + 2] & 0xFF);
                    int start = p + 3;
                    if (start + length > n) {
                        return -1;
                    }
                    if (length == markerLength && equalsMarker(b, start)) {
                        return ASYNC;
                    }
                    // '$' where the suffix would begin is rare: most entries cost one load here
                    int end = start + length;
                    if (length > SUFFIX.length && b[end - SUFFIX.length] == '$' && endsWithSuffix(b, end)) {
                        found = BRIDGE_NAME;
                    }
                    p = end;
                }
                case 7, 8, 16, 19, 20 -> p += 3;            // Class, String, MethodType, Module, Package
                case 15 -> p += 4;                          // MethodHandle
                case 3, 4, 9, 10, 11, 12, 17, 18 -> p += 5; // Integer, Float, refs, NameAndType, (Invoke)Dynamic
                case 5, 6 -> {                              // Long, Double: two entries
                    p += 9;
                    i++;
                }
                default -> {
                    return -1;
                }
            }
        }
        return p <= n ? found : -1;
    }

    private static boolean endsWithSuffix(byte[] b, int end) {
        for (int j = 1; j <= SUFFIX.length; j++) {
            if (b[end - j] != SUFFIX[SUFFIX.length - j]) {
                return false;
            }
        }
        return true;
    }

    private static boolean equalsMarker(byte[] b, int start) {
        for (int j = 0; j < MARKER.length; j++) {
            if (b[start + j] != MARKER[j]) {
                return false;
            }
        }
        return true;
    }

    /** The byte search, for class files whose constant pool cannot be walked. */
    static boolean contains(byte[] classFile) {
        outer:
        for (int i = 0, last = classFile.length - MARKER.length; i <= last; i++) {
            for (int j = 0; j < MARKER.length; j++) {
                if (classFile[i + j] != MARKER[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
