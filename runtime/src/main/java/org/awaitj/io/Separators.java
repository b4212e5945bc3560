package org.awaitj.io;

import java.util.Arrays;
import java.util.Comparator;

/**
 * What {@link StreamReader#readUntil} looks for: one separator or several (asyncio 3.13's tuple), shortest
 * first, so that of two matches that end at the same byte the shorter one is reported, as in asyncio.
 */
final class Separators {
    static final Separators NEWLINE = new Separators(new byte[][] {{'\n'}});

    private final byte[][] separators;
    /** The length of the shortest and of the longest separator. */
    final int min;
    final int max;

    private Separators(byte[][] sorted) {
        this.separators = sorted;
        this.min = sorted[0].length;
        this.max = sorted[sorted.length - 1].length;
    }

    /** Copies of the separators; {@link IllegalArgumentException} for none, or an empty one. */
    static Separators of(byte[]... separators) {
        if (separators.length == 0) {
            throw new IllegalArgumentException("readUntil needs at least one separator");
        }
        byte[][] copy = new byte[separators.length][];
        for (int i = 0; i < copy.length; i++) {
            if (separators[i].length == 0) {
                throw new IllegalArgumentException("the separator must be at least one byte");
            }
            copy[i] = separators[i].clone();
        }
        Arrays.sort(copy, Comparator.comparingInt(s -> s.length));
        return new Separators(copy);
    }

    /**
     * The match that ends first in {@code buf[start + from, end)}, as {@code (matchStart << 32) | matchEnd},
     * both counted from {@code start}; -1 when there is none.
     */
    long find(byte[] buf, int start, int end, int from) {
        long best = -1;
        int bestEnd = Integer.MAX_VALUE;
        for (byte[] sep : separators) {
            int i = indexOf(buf, start, end, sep, from);
            if (i >= 0 && i + sep.length < bestEnd) {
                bestEnd = i + sep.length;
                best = ((long) i << 32) | bestEnd;
            }
        }
        return best;
    }

    private static int indexOf(byte[] buf, int start, int end, byte[] sep, int from) {
        byte first = sep[0];
        for (int i = start + from, last = end - sep.length; i <= last; i++) {
            if (buf[i] == first) {
                int j = 1;
                while (j < sep.length && buf[i + j] == sep[j]) {
                    j++;
                }
                if (j == sep.length) {
                    return i - start;
                }
            }
        }
        return -1;
    }
}
