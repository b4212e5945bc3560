package org.awaitj.agent.transform;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the mark that build-time rewriting leaves on the classes it wrote: a class attribute named
 * {@link Names#REWRITTEN_ATTRIBUTE}. Kept free of ASM, like {@code AsyncMarker}, because the agent asks it about
 * every class with {@code @Async} methods as it loads.
 *
 * <p>Why an attribute and not an invisible annotation: the JVM, javac and reflection ignore an unknown attribute
 * by specification (JVMS 4.7.1), whereas an annotation of a type that is on no class path is something javac
 * reads, and may warn about, when it compiles against the rewritten classes (the tests do). The attribute is
 * found by name at the end of the class file, not by a search of the constant pool, so a class whose code merely
 * mentions the name is not taken for a rewritten one.
 *
 * <p>Its content is one byte, {@link #CLASS} or {@link #FRAME}; a frame class adds the internal name of the class
 * it belongs to (u2 length and UTF-8), so that frame classes left behind by a class that javac recompiled,
 * changed or removed can be found and deleted. The content holds no constant pool index: a tool that rewrites
 * the class afterwards (ASM copies unknown attributes byte for byte) keeps it valid.
 */
public final class BuildTimeMark {
    /** The content's first byte for a class whose {@code @Async} methods were rewritten. */
    public static final byte CLASS = 1;
    /** The content's first byte for a generated frame class. */
    public static final byte FRAME = 2;

    private static final byte[] NAME = Names.REWRITTEN_ATTRIBUTE.getBytes(StandardCharsets.UTF_8);

    private BuildTimeMark() {
    }

    /** True when the class was written by build-time rewriting. Never throws. */
    public static boolean isPresent(byte[] classFile) {
        return content(classFile) != null;
    }

    /** For a frame class written at build time, the internal name of its class; else null. Never throws. */
    public static String frameOwner(byte[] classFile) {
        byte[] c = content(classFile);
        if (c == null || c.length < 3 || c[0] != FRAME) {
            return null;
        }
        int length = u2(c, 1);
        return 3 + length <= c.length ? new String(c, 3, length, StandardCharsets.UTF_8) : null;
    }

    /** The content of the mark, or null when the class has none (or cannot be parsed). */
    static byte[] content(byte[] b) {
        try {
            if (b.length < 10 || u2(b, 0) != 0xCAFE || u2(b, 2) != 0xBABE) {
                return null;
            }
            int count = u2(b, 8);
            int[] utf8 = new int[count];        // offset of each UTF8 entry, 0 for the others
            int p = 10;
            for (int i = 1; i < count; i++) {
                switch (b[p]) {
                    case 1 -> {
                        utf8[i] = p;
                        p += 3 + u2(b, p + 1);
                    }
                    case 7, 8, 16, 19, 20 -> p += 3;
                    case 15 -> p += 4;
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> p += 5;
                    case 5, 6 -> {
                        p += 9;
                        i++;
                    }
                    default -> {
                        return null;
                    }
                }
            }
            p += 6;                             // access, this, super
            p += 2 + 2 * u2(b, p);              // interfaces
            for (int members = 0; members < 2; members++) {     // fields, then methods
                int n = u2(b, p);
                p += 2;
                for (int i = 0; i < n; i++) {
                    p += 6;
                    p = skipAttributes(b, p);
                }
            }
            int n = u2(b, p);
            p += 2;
            for (int i = 0; i < n; i++) {
                int name = u2(b, p);
                int length = u4(b, p + 2);
                if (name < count && utf8[name] != 0 && isName(b, utf8[name])) {
                    return Arrays.copyOfRange(b, p + 6, p + 6 + length);
                }
                p += 6 + length;
            }
            return null;
        } catch (RuntimeException malformed) {      // an index out of bounds: not a class file we wrote
            return null;
        }
    }

    private static int skipAttributes(byte[] b, int p) {
        int n = u2(b, p);
        p += 2;
        for (int i = 0; i < n; i++) {
            p += 6 + u4(b, p + 2);
        }
        return p;
    }

    private static boolean isName(byte[] b, int entry) {
        if (u2(b, entry + 1) != NAME.length) {
            return false;
        }
        for (int j = 0; j < NAME.length; j++) {
            if (b[entry + 3 + j] != NAME[j]) {
                return false;
            }
        }
        return true;
    }

    private static int u2(byte[] b, int p) {
        return ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
    }

    private static int u4(byte[] b, int p) {
        return (u2(b, p) << 16) | u2(b, p + 2);
    }
}
