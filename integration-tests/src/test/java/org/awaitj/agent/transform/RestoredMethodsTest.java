package org.awaitj.agent.transform;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.MethodNode;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.objectweb.asm.Opcodes.NOP;

/** The guard's check on its own: a refused method as written back must be the method as compiled, and verify. */
class RestoredMethodsTest {
    private static byte[] original() throws Exception {
        try (var in = RestoredMethodsTest.class.getResourceAsStream("/org/awaitj/agent/shapes/Refusals.class")) {
            return in.readAllBytes();
        }
    }

    private static MethodNode method(ClassNode cn, String name) {
        return cn.methods.stream().filter(m -> m.name.equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aMethodWrittenBackAsCompiledPasses() throws Exception {
        byte[] bytes = original();
        ClassNode cn = new ClassNode();
        new ClassReader(bytes).accept(cn, ClassReader.EXPAND_FRAMES);
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cn.accept(cw);
        MethodNode m = method(cn, "awaitInSynchronizedBlock");
        assertNull(RestoredMethods.check(bytes, cw.toByteArray(), List.of(m.name + m.desc)));
    }

    @Test
    void aMethodThatDidNotComeBackAsCompiledIsCaught() throws Exception {
        byte[] bytes = original();
        ClassNode cn = new ClassNode();
        new ClassReader(bytes).accept(cn, ClassReader.EXPAND_FRAMES);
        MethodNode m = method(cn, "awaitInSynchronizedBlock");
        m.instructions.insert(new InsnNode(NOP));      // a restore that missed something, however harmless
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cn.accept(cw);
        String wrong = RestoredMethods.check(bytes, cw.toByteArray(), List.of(m.name + m.desc));
        assertTrue(wrong != null && wrong.contains("awaitInSynchronizedBlock(Ljava/lang/Object;)Lorg/awaitj/Coroutine; "
                + "was refused, and did not come back as it was compiled"), wrong);
    }
}
