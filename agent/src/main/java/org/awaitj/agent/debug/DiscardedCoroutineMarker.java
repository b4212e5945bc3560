package org.awaitj.agent.debug;

import org.awaitj.agent.transform.Names;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Finds {@code fetchData(3);}: a call that returns a coroutine, whose value the very next instruction drops.
 * That coroutine can never be awaited, so the {@code pop} becomes
 * {@code CoroutineSupport.discarded(coroutine, "Example.java:14")}, which reports it at once, with its line,
 * in any mode (asyncio can only say so when the object is collected). Code that awaits or keeps what it
 * calls is left as it was, and pays nothing. The replacement is straight-line code of the same stack effect
 * plus one slot, so the stack map frames stay valid.
 */
public final class DiscardedCoroutineMarker {
    private static final String DISCARDED_DESC = "(Ljava/lang/Object;Ljava/lang/String;)V";

    private DiscardedCoroutineMarker() {
    }

    /** The class with its dropped coroutines marked, or null when it drops none. */
    public static byte[] mark(byte[] classFile) {
        ClassNode cn = new ClassNode();
        new ClassReader(classFile).accept(cn, 0);
        String file = cn.sourceFile != null ? cn.sourceFile : "?";
        boolean changed = false;
        for (MethodNode m : cn.methods) {
            int line = -1;
            boolean marked = false;
            for (AbstractInsnNode n = m.instructions.getFirst(); n != null; n = n.getNext()) {
                if (n instanceof LineNumberNode l) {
                    line = l.line;
                } else if (n.getOpcode() == Opcodes.POP && n.getPrevious() instanceof MethodInsnNode call
                        && returnsCoroutine(call)) {
                    // no label between the call and the pop: nothing else reaches that pop
                    m.instructions.insertBefore(n, new LdcInsnNode(file + ":" + line));
                    MethodInsnNode report = new MethodInsnNode(Opcodes.INVOKESTATIC, Names.SUPPORT, "discarded",
                            DISCARDED_DESC, false);
                    m.instructions.set(n, report);
                    n = report;
                    marked = true;
                }
            }
            if (marked) {
                m.maxStack++;
                changed = true;
            }
        }
        if (!changed) {
            return null;
        }
        ClassWriter cw = new ClassWriter(0);
        cn.accept(cw);
        return cw.toByteArray();
    }

    private static boolean returnsCoroutine(MethodInsnNode call) {
        return Type.getReturnType(call.desc).getDescriptor().equals(Names.COROUTINE_DESC) && !call.owner.equals(Names.SUPPORT)
                && !Names.isResult(call);
    }
}
