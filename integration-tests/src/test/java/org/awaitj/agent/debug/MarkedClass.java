package org.awaitj.agent.debug;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import org.awaitj.agent.transform.AsyncTransformer;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.util.CheckClassAdapter;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A test class rewritten and marked in one write, as the agent does it, checked by CheckClassAdapter, with its
 * generated frames defined in a loader of its own: the marked body to look at, and the class to load and run.
 */
final class MarkedClass {
    private final byte[] marked;
    private final Loader loader = new Loader();
    private final String name;

    MarkedClass(Class<?> original) throws IOException {
        AsyncTransformer.Result r = AsyncTransformer.transform(bytes(original));
        assertEquals(List.of(), r.problems());
        marked = CallSiteMarks.mark(r);
        name = original.getName();
        r.generated().forEach(g -> loader.define(g.internalName().replace('/', '.'), g.bytes()));
        StringWriter report = new StringWriter();
        CheckClassAdapter.verify(new ClassReader(marked), loader, false, new PrintWriter(report));
        assertEquals("", report.toString());
    }

    /** The rewritten body of the @Async method {@code method} (the one that takes its frame). */
    MethodNode body(String method) {
        ClassNode cn = new ClassNode();
        new ClassReader(marked).accept(cn, 0);
        return cn.methods.stream().filter(m -> m.name.equals(method) && m.desc.startsWith("(L")).findFirst().orElseThrow();
    }

    /** The marked class, loaded. */
    Class<?> load() {
        return loader.define(name, marked);
    }

    static byte[] bytes(Class<?> c) throws IOException {
        try (InputStream in = c.getResourceAsStream(c.getName().substring(c.getName().lastIndexOf('.') + 1) + ".class")) {
            return in.readAllBytes();
        }
    }

    /** Defines the classes it is given, and takes every other from the test's loader. */
    private static final class Loader extends ClassLoader {
        Loader() {
            super(MarkedClass.class.getClassLoader());
        }

        Class<?> define(String name, byte[] bytes) {
            return defineClass(name, bytes, 0, bytes.length);
        }
    }
}
