package org.awaitj.process;

/**
 * One frame of the wire format between a {@link ProcessPoolExecutor} and its {@link ProcessPoolWorker}s.
 * Both directions carry frames, {@code int MAGIC, byte kind, int length, byte[length] payload}, written by
 * a {@link FrameWriter} and read by a {@link FrameReader}. A task, a result and an exception each travel in
 * a frame of their own, as a payload of {@link Payloads}, so a payload that cannot be read fails only its
 * task and the stream stays in step.
 */
record Frame(byte kind, byte[] payload) {
    /** Starts every frame: "AWJP". */
    static final int MAGIC = 0x41574A50;

    /** Parent to worker: a serialized {@link java.util.concurrent.Callable} to run. */
    static final byte TASK = 1;
    /** Worker to parent: the serialized result of the task in flight. */
    static final byte RESULT = 2;
    /** Worker to parent: the serialized exception of the task in flight. */
    static final byte THROWN = 3;
    /** Worker to parent: bytes the tasks printed to System.out. */
    static final byte STDOUT = 4;
    /** Worker to parent: bytes the tasks printed to System.err. */
    static final byte STDERR = 5;
}
