package org.awaitj.agent;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.awaitj.agent.transform.AsyncMarker;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pre-filter (a walk over the constant pool's UTF8 entries) answers as a search of the whole file for the
 * @Async descriptor would, on every class of the tests (among them {@link ConstantPoolShapes}) and of java.base,
 * and on cut and damaged class files.
 */
class AsyncMarkerTest {
    private static final byte[] MARKER = "Lorg/awaitj/annotations/Async;".getBytes(StandardCharsets.UTF_8);
    /** Where the constant pool starts: after the magic number, the version and the pool's count. */
    private static final int POOL = 10;

    @Test
    void agreesWithASearchOfTheWholeFileOnRealClassFiles() throws IOException {
        List<byte[]> classes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(testClasses())) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
                classes.add(Files.readAllBytes(f));
            }
        }
        int tests = classes.size();
        FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
        try (Stream<Path> files = Files.walk(jrt.getPath("/modules/java.base/java/util"))) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
                classes.add(Files.readAllBytes(f));
            }
        }
        int withMarker = 0;
        for (byte[] c : classes) {
            boolean expected = contains(c);
            assertEquals(expected, AsyncMarker.isPresent(c));
            withMarker += expected ? 1 : 0;
            assertEquals(expected, AsyncMarker.scan(c) == AsyncMarker.ASYNC);
        }
        for (byte[] c : classes.subList(tests, classes.size())) {
            assertEquals(0, AsyncMarker.scan(c));     // no JDK class names a bridge: only a proxy of a rewritten one would
        }
        assertTrue(withMarker >= 6 && classes.size() - withMarker >= 500, withMarker + " of " + classes.size());
    }

    @Test
    void aDamagedClassFileHoldingTheMarkerIsStillLookedAt() throws IOException {
        byte[] whole = Files.readAllBytes(testClasses().resolve("org/awaitj/agent/ConstantPoolShapes$Lambdas.class"));
        assertTrue(AsyncMarker.isPresent(whole));
        Random random = new Random(3);
        for (int i = 0; i < 2000; i++) {
            byte[] damaged = whole.clone();
            // from the constant pool on: a smaller constant pool count leaves a pool that walks cleanly and ends
            // before the descriptor, which the pre-filter cannot tell from a sound class file (the JVM rejects it)
            for (int k = 0; k < 1 + random.nextInt(4); k++) {
                damaged[POOL + random.nextInt(damaged.length - POOL)] = (byte) random.nextInt();
            }
            if (contains(damaged)) {
                assertTrue(AsyncMarker.isPresent(damaged), "damaged copy " + i);
            }
            byte[] cut = java.util.Arrays.copyOf(whole, random.nextInt(whole.length));
            AsyncMarker.isPresent(cut);     // never throws
        }
    }

    private static Path testClasses() {
        try {
            return Path.of(AsyncMarkerTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean contains(byte[] haystack) {
        outer:
        for (int i = 0; i <= haystack.length - MARKER.length; i++) {
            for (int j = 0; j < MARKER.length; j++) {
                if (haystack[i + j] != MARKER[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
