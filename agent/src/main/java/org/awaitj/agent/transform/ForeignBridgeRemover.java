package org.awaitj.agent.transform;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Removes overrides of virtual bridges from classes the agent did not rewrite. A proxy class made at run time that
 * overrides every method it can (Spring's CGLIB proxies) overrides a rewritten class's bridges too, and hands
 * their calls to its advice and its target: the advice would be handed a synthetic method at every fused await
 * past a site's linked classes. Without the override the proxy inherits the bridge, which sees a receiver of
 * another class than its own and calls the proxy's own method, so the advice is handed that method once, as
 * without fusing. A bridge is known by its name's suffix and its parameters' tail (the receiver, the anchor, the
 * depth), which no compiler writes.
 */
public final class ForeignBridgeRemover {
    private static final String TAIL = "Ljava/lang/Object;" + Names.DIRECT_TAIL + ")Ljava/lang/Object;";

    private ForeignBridgeRemover() {
    }

    /** The class without its overrides of bridges, or null when it has none. */
    public static byte[] strip(byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(reader, 0);
        boolean[] removed = {false};
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                if ((access & Opcodes.ACC_STATIC) == 0 && isBridge(name, descriptor)) {
                    removed[0] = true;
                    return null;
                }
                return super.visitMethod(access, name, descriptor, signature, exceptions);
            }
        }, 0);
        return removed[0] ? writer.toByteArray() : null;
    }

    private static boolean isBridge(String name, String descriptor) {
        return name.endsWith(Names.BRIDGE_SUFFIX) && descriptor.endsWith(TAIL);
    }
}
