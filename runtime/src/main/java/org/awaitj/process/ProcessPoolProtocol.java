package org.awaitj.process;

import org.awaitj.*;
import org.awaitj.internal.*;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.InvalidObjectException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.StreamCorruptedException;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Proxy;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The wire format between a {@link ProcessPoolExecutor} and its {@link ProcessPoolWorker}s, and the rule for
 * what may cross it. Internal.
 *
 * <p><b>Frames.</b> Both directions carry frames: {@code int MAGIC, byte kind, int length, byte[length]
 * payload}. A task, a result and an exception are each serialized into a payload of their own, with a fresh
 * {@link ObjectOutputStream}, so a payload that cannot be read fails only its task, and the stream stays in
 * step. Bytes that are not a frame (something that wrote to the worker's file descriptor 1 natively, such
 * as the JVM itself) are skipped up to the next {@code MAGIC} and copied to standard error.
 *
 * <p><b>What may be deserialized</b> ({@link #rejection(Class)}, applied by the filter on reading and also
 * by the writer, so a task is refused at submission rather than in the worker):
 * <ul>
 * <li>primitives;
 * <li>classes of {@code java.base}, in a package it exports to everybody ({@code java.util},
 *     {@code java.lang.invoke}, ... but not {@code sun.*} or {@code jdk.internal.*});
 * <li>classes of the application class path: those defined by the system class loader or one of its
 *     ancestors below the platform class loader, which is what the worker JVMs load from
 *     {@code java.class.path};
 * </ul>
 * and of those only classes that are {@link Serializable}, with two exceptions: an array needs only its
 * element type to pass (its elements are checked one by one), and an application class that is not
 * Serializable may appear as the {@link Class} object naming the capturing class of a serializable lambda,
 * that is if it declares {@code $deserializeLambda$}. Dynamic proxies and every other class (other JDK
 * modules such as {@code java.sql}, JDK internals, classes of other class loaders) are refused. A stream
 * also may not nest deeper than {@value #MAX_DEPTH}, nor hold an array longer, or more references, than
 * the payload has bytes. A JVM-wide filter ({@code jdk.serialFilter}) is consulted first.
 */
final class ProcessPoolProtocol {
    static final int MAGIC = 0x41574A50; // "AWJP"

    /** Parent to worker: a serialized {@link Callable} to run. */
    static final byte TASK = 1;
    /** Worker to parent: the serialized result of the task in flight. */
    static final byte RESULT = 2;
    /** Worker to parent: the serialized exception of the task in flight. */
    static final byte THROWN = 3;
    /** Worker to parent: bytes the tasks printed to System.out. */
    static final byte STDOUT = 4;
    /** Worker to parent: bytes the tasks printed to System.err. */
    static final byte STDERR = 5;

    static final int MAX_DEPTH = 1000;
    /** The longest frame a reader accepts (the longest Java array). */
    static final int MAX_FRAME = Integer.MAX_VALUE - 8;
    /** The longest output frame a writer sends (longer writes are split). */
    static final int MAX_OUTPUT_FRAME = 1 << 16;

    private ProcessPoolProtocol() {
    }

    /** Writes frames; safe for concurrent use. */
    static final class FrameWriter {
        private final DataOutputStream out;

        FrameWriter(OutputStream raw) {
            this.out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16));
        }

        synchronized void write(byte kind, byte[] payload) throws IOException {
            write(kind, payload, 0, payload.length);
        }

        synchronized void write(byte kind, byte[] b, int off, int len) throws IOException {
            out.writeInt(MAGIC);
            out.writeByte(kind);
            out.writeInt(len);
            out.write(b, off, len);
            out.flush();
        }

        synchronized void close() throws IOException {
            out.close();
        }
    }

    /** A frame read. */
    static final class Frame {
        final byte kind;
        final byte[] payload;

        Frame(byte kind, byte[] payload) {
            this.kind = kind;
            this.payload = payload;
        }
    }

    /** Reads frames, skipping (and copying to {@code junk}) any bytes between them. Not thread-safe. */
    static final class FrameReader {
        private final DataInputStream in;
        private final OutputStream junk;

        FrameReader(InputStream in, OutputStream junk) {
            this.in = new DataInputStream(new java.io.BufferedInputStream(in, 1 << 16));
            this.junk = junk;
        }

        /** The next frame, or null at the end of the stream between frames. */
        Frame read() throws IOException {
            int window = 0;
            int seen = 0;
            ByteArrayOutputStream skipped = null;
            while (seen < 4 || window != MAGIC) {
                int b = in.read();
                if (b < 0) {
                    if (seen > 0) {
                        if (skipped == null) {
                            skipped = new ByteArrayOutputStream();
                        }
                        for (int i = Math.min(seen, 4) - 1; i >= 0; i--) {
                            skipped.write(window >>> (8 * i));
                        }
                    }
                    flushJunk(skipped);
                    return null;
                }
                if (seen >= 4) {
                    if (skipped == null) {
                        skipped = new ByteArrayOutputStream();
                    }
                    int out = (window >>> 24) & 0xff;
                    skipped.write(out);
                    if (out == '\n') {
                        flushJunk(skipped);
                        skipped = null;
                    }
                }
                window = (window << 8) | b;
                seen++;
            }
            flushJunk(skipped);
            byte kind = in.readByte();
            int length = in.readInt();
            if (length < 0 || length > MAX_FRAME) {
                throw new StreamCorruptedException("frame of kind " + kind + " claims " + length + " bytes");
            }
            byte[] payload = in.readNBytes(length);
            if (payload.length != length) {
                throw new EOFException("the stream ended inside a frame (" + payload.length + " of " + length
                        + " bytes)");
            }
            return new Frame(kind, payload);
        }

        private void flushJunk(ByteArrayOutputStream skipped) {
            if (skipped != null && skipped.size() > 0 && junk != null) {
                try {
                    skipped.writeTo(junk);
                    junk.flush();
                } catch (IOException e) {
                    // nowhere to report it
                }
            }
        }
    }

    /** Serializes {@code o} into a payload, refusing the classes {@link #rejection(Class)} refuses. */
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
        Filter filter = new Filter(payload.length);
        try (ObjectInputStream in = new LoaderInputStream(new ByteArrayInputStream(payload), loader)) {
            in.setObjectInputFilter(filter);
            return in.readObject();
        } catch (InvalidClassException e) {
            if (filter.rejectedClass == null && filter.rejection == null) {
                throw e;
            }
            InvalidClassException clear = filter.rejectedClass != null
                    ? new InvalidClassException(filter.rejectedClass, filter.rejection)
                    : new InvalidClassException(filter.rejection);
            clear.initCause(e);
            throw clear;
        }
    }

    /** Why {@code c} may not cross the pipe, or null if it may; see the class comment. */
    static String rejection(Class<?> c) {
        Class<?> element = c;
        while (element.isArray()) {
            element = element.getComponentType();
        }
        if (element.isPrimitive()) {
            return null;
        }
        if (Proxy.isProxyClass(element)) {
            return "is a dynamic proxy class; ProcessPoolExecutor does not deserialize proxies";
        }
        Module module = element.getModule();
        boolean javaBase = module == Object.class.getModule();
        if (javaBase) {
            if (!module.isExported(element.getPackageName())) {
                return "is in package " + element.getPackageName() + ", which java.base does not export;"
                        + " ProcessPoolExecutor only lets through the exported classes of java.base and the"
                        + " classes of the application class path";
            }
        } else if (!isApplicationClass(element)) {
            return "is neither a class of java.base nor one of the application class path (it comes from "
                    + (module.isNamed() ? "module " + module.getName() : "class loader " + element.getClassLoader())
                    + "); ProcessPoolExecutor only lets through the exported classes of java.base and the classes"
                    + " the worker processes load from java.class.path";
        }
        if (c.isArray() || Serializable.class.isAssignableFrom(element)) {
            return null;
        }
        if (!javaBase) {
            Optional<String> notCapturing = CAPTURES_LAMBDAS.get(element);
            if (notCapturing.isEmpty()) {
                return null; // a Class object: the capturing class of a serializable lambda
            }
            return "is not Serializable" + notCapturing.get();
        }
        return "is not Serializable";
    }

    private static boolean isApplicationClass(Class<?> c) {
        ClassLoader loader = c.getClassLoader();
        if (loader == null) {
            return false;
        }
        ClassLoader platform = ClassLoader.getPlatformClassLoader();
        for (ClassLoader l = ClassLoader.getSystemClassLoader(); l != null && l != platform; l = l.getParent()) {
            if (l == loader) {
                return true;
            }
        }
        return false;
    }

    /**
     * Empty if the class declares {@code $deserializeLambda$}, the method javac adds to the capturing class of
     * serializable lambdas; else what to add to "is not Serializable".
     */
    private static final ClassValue<Optional<String>> CAPTURES_LAMBDAS = new ClassValue<>() {
        @Override
        protected Optional<String> computeValue(Class<?> type) {
            try {
                type.getDeclaredMethod("$deserializeLambda$", SerializedLambda.class);
                return Optional.empty();
            } catch (NoSuchMethodException e) {
                return Optional.of("");
            } catch (LinkageError | SecurityException e) {
                return Optional.of(" (nor could it be checked for serializable lambdas: " + e + ")");
            }
        }
    };

    /** The filter of one payload; remembers why it rejected, for the message. */
    static final class Filter implements ObjectInputFilter {
        private final long limit;
        private final ObjectInputFilter global = ObjectInputFilter.Config.getSerialFilter();
        String rejectedClass;
        String rejection;

        Filter(long payloadBytes) {
            this.limit = payloadBytes;
        }

        @Override
        public Status checkInput(FilterInfo info) {
            if (global != null && global.checkInput(info) == Status.REJECTED) {
                return reject(info.serialClass(), "is rejected by the JVM-wide serialization filter (jdk.serialFilter)");
            }
            if (info.depth() > MAX_DEPTH) {
                return reject(null, "the object graph nests deeper than " + MAX_DEPTH + " levels");
            }
            if (info.references() > limit) {
                return reject(null, "the stream holds more references (" + info.references() + ") than bytes ("
                        + limit + ")");
            }
            if (info.arrayLength() > limit) {
                return reject(info.serialClass(), "has " + info.arrayLength() + " elements, more than the " + limit
                        + " bytes of its stream");
            }
            Class<?> c = info.serialClass();
            if (c == null) {
                return Status.UNDECIDED;
            }
            String why = rejection(c);
            return why == null ? Status.ALLOWED : reject(c, why);
        }

        private Status reject(Class<?> c, String why) {
            if (rejection == null) {
                rejectedClass = c == null ? null : c.getName();
                rejection = "rejected by ProcessPoolExecutor's deserialization filter: "
                        + (c == null ? why : c.getName() + " " + why);
            }
            return Status.REJECTED;
        }
    }

    /** Writes like ObjectOutputStream, refusing each class descriptor {@link #rejection(Class)} refuses. */
    private static final class CheckingOutputStream extends ObjectOutputStream {
        CheckingOutputStream(OutputStream out) throws IOException {
            super(out);
        }

        @Override
        protected void annotateClass(Class<?> cl) throws IOException {
            String why = rejection(cl);
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

    /** A Runnable sent as a Callable; the parent supplies the Runnable's result value itself. */
    @SuppressWarnings("serial") // the Runnable is checked to be Serializable when the task is serialized
    static final class RunnableCall implements Callable<Object>, Serializable {
        private static final long serialVersionUID = 1L;
        final Runnable task;

        RunnableCall(Runnable task) {
            this.task = task;
        }

        @Override
        public Object call() {
            task.run();
            return null;
        }
    }
}
