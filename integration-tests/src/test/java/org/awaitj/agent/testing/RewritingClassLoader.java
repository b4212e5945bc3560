package org.awaitj.agent.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.awaitj.agent.transform.AsyncTransformer;
import org.awaitj.agent.transform.ClassHierarchy;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.CheckClassAdapter;

/**
 * Loads the classes of one package itself, rewritten by the transformer exactly as the agent would, after
 * checking every output class with ASM's {@link CheckClassAdapter} (data flow included). Defining them then
 * runs the JVM's own verifier. Everything else comes from the parent, the runtime included.
 */
public final class RewritingClassLoader extends ClassLoader {
    private final String prefix;
    /** Every refusal the transformer reported, in load order. */
    public final List<String> problems = new ArrayList<>();
    /** Names of the frame classes defined. */
    public final List<String> generated = new ArrayList<>();
    /** Class files to load in place of the parent's resources (classes a test generated), by class name. */
    private final Map<String, byte[]> supplied = new HashMap<>();

    public RewritingClassLoader(String packagePrefix) {
        super(RewritingClassLoader.class.getClassLoader());
        this.prefix = packagePrefix;
    }

    /** Serves {@code bytes} as the class file of {@code name} (which must be in the package), rewritten as any other. */
    public void supply(String name, byte[] bytes) {
        supplied.put(name, bytes.clone());
    }

    /** Supplied classes are resources too: the transformer reads class files (of supertypes) through them. */
    @Override
    public InputStream getResourceAsStream(String name) {
        if (name.endsWith(".class")) {
            byte[] bytes = supplied.get(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
            if (bytes != null) {
                return new java.io.ByteArrayInputStream(bytes);
            }
        }
        return super.getResourceAsStream(name);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!name.startsWith(prefix)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                c = rewriteAndDefine(name);
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    private Class<?> rewriteAndDefine(String name) throws ClassNotFoundException {
        byte[] original = read(name);
        AsyncTransformer.Result r = AsyncTransformer.transform(original, new ClassHierarchy(this));
        problems.addAll(r.problems());
        if (!r.changed()) {
            return defineClass(name, original, 0, original.length);
        }
        for (AsyncTransformer.GeneratedClass g : r.generated()) {
            String frameName = g.internalName().replace('/', '.');
            defineClass(frameName, g.bytes(), 0, g.bytes().length);
            generated.add(frameName);
        }
        Class<?> c = defineClass(name, r.bytes(), 0, r.bytes().length);
        // verified once defined (the JVM links it later): checking a class may load one that refers back to it
        for (AsyncTransformer.GeneratedClass g : r.generated()) {
            verify(g.bytes());
        }
        verify(r.bytes());
        return c;
    }

    /** ASM's verifier over the class; fails with its report. */
    public void verify(byte[] bytes) {
        StringWriter report = new StringWriter();
        CheckClassAdapter.verify(new ClassReader(bytes), this, false, new PrintWriter(report));
        if (!report.toString().isEmpty()) {
            throw new AssertionError("CheckClassAdapter rejected " + new ClassReader(bytes).getClassName() + ":\n" + report);
        }
    }

    private byte[] read(String name) throws ClassNotFoundException {
        if (supplied.containsKey(name)) {
            return supplied.get(name).clone();
        }
        try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
            if (in == null) {
                throw new ClassNotFoundException(name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
        }
    }
}
