package org.awaitj.agent.debug;

import org.awaitj.agent.transform.AsyncTransformer;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;

/**
 * The reports the agent plants at call sites, chained into one write of the class: blocking calls
 * ({@code BlockingCallMarker}) and coroutines dropped or kept unawaited ({@code UnawaitedCoroutineMarker}).
 */
public final class CallSiteMarks {
    private CallSiteMarks() {
    }

    /**
     * The rewritten class written with its call sites marked, in the one write of its rewriting; null when
     * neither the rewriting nor the marking changed it.
     */
    public static byte[] mark(AsyncTransformer.Result rewritten) {
        if (rewritten.untouched()) {
            return null;
        }
        ClassWriter writer = AsyncTransformer.newWriter();
        Chain chain = new Chain(writer);
        rewritten.accept(chain.first);
        return rewritten.changed() || chain.changed() ? writer.toByteArray() : null;
    }

    /** The class with its call sites marked, or null when it has none: for classes without @Async methods. */
    public static byte[] mark(byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(reader, 0);
        Chain chain = new Chain(writer);
        reader.accept(chain.first, 0);
        return chain.changed() ? writer.toByteArray() : null;
    }

    private static final class Chain {
        final UnawaitedCoroutineMarker unawaited;
        final BlockingCallMarker blocking;
        final ClassVisitor first;

        Chain(ClassVisitor writer) {
            unawaited = new UnawaitedCoroutineMarker(writer);
            blocking = new BlockingCallMarker(unawaited);
            first = blocking;
        }

        boolean changed() {
            return unawaited.changed() || blocking.changed();
        }
    }
}
