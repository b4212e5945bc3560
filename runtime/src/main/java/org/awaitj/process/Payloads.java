package org.awaitj.process;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.OutputStream;

/**
 * The payloads of {@link Frame}s: a task, a result or an exception, each serialized on its own, with a fresh
 * {@link ObjectOutputStream}, and read back under a {@link DeserializationFilter}.
 */
final class Payloads {
    private Payloads() {
    }

    /** Serializes {@code o} into a payload, refusing the classes {@link DeserializationFilter} refuses. */
    static byte[] serialize(Object o) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (ObjectOutputStream out = new CheckingOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.toByteArray();
    }

    /**
     * Deserializes a payload under the filter, resolving classes with {@code loader} first. A class the
     * filter refuses throws an {@link InvalidClassException} that names it and says why.
     */
    static Object deserialize(byte[] payload, ClassLoader loader) throws IOException, ClassNotFoundException {
        DeserializationFilter filter = new DeserializationFilter(payload.length);
        try (ObjectInputStream in = new LoaderInputStream(new ByteArrayInputStream(payload), loader)) {
            in.setObjectInputFilter(filter);
            return in.readObject();
        } catch (InvalidClassException e) {
            throw filter.explain(e);
        }
    }

    /** Writes like ObjectOutputStream, refusing each class descriptor the filter's rule refuses. */
    private static final class CheckingOutputStream extends ObjectOutputStream {
        CheckingOutputStream(OutputStream out) throws IOException {
            super(out);
        }

        @Override
        protected void annotateClass(Class<?> cl) throws IOException {
            String why = DeserializationFilter.rejection(cl);
            if (why != null) {
                throw new InvalidClassException(cl.getName(), "may not be sent to or from a worker process: "
                        + cl.getName() + " " + why);
            }
        }

        @Override
        protected void annotateProxyClass(Class<?> cl) throws IOException {
            throw new InvalidClassException(cl.getName(), "may not be sent to or from a worker process: "
                    + "ProcessPoolExecutor does not serialize dynamic proxies");
        }
    }

    /** Resolves classes with a given loader first (the task's, in the parent), then as ObjectInputStream does. */
    private static final class LoaderInputStream extends ObjectInputStream {
        private final ClassLoader loader;

        LoaderInputStream(InputStream in, ClassLoader loader) throws IOException {
            super(in);
            this.loader = loader;
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            if (loader != null) {
                try {
                    return Class.forName(desc.getName(), false, loader);
                } catch (ClassNotFoundException e) {
                    // a primitive type, or not visible to that loader
                }
            }
            return super.resolveClass(desc);
        }

        @Override
        protected Class<?> resolveProxyClass(String[] interfaces) throws InvalidObjectException {
            throw new InvalidObjectException("rejected by ProcessPoolExecutor's deserialization filter: a dynamic"
                    + " proxy implementing " + String.join(", ", interfaces));
        }
    }
}
