package org.awaitj.agent.transform;

import java.util.Arrays;
import java.util.List;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.BasicVerifier;

/**
 * The guard behind every refusal: a refused method goes back into the rewritten class as it was compiled, and
 * must load as it did. Each refused method of the output is compared with the original's, instruction by
 * instruction, and run through ASM's basic verifier (which loads no class). When one fails, the caller loads
 * the untouched original class instead.
 */
final class RestoredMethods {
    private RestoredMethods() {
    }

    /**
     * {@link #check(byte[], ClassNode, List)} of a class already written: {@code refused} names the refused
     * methods as name followed by descriptor.
     */
    static String check(byte[] original, byte[] output, List<String> refused) {
        ClassNode after = read(output);
        List<MethodNode> methods = new java.util.ArrayList<>();
        for (MethodNode m : after.methods) {
            if (refused.contains(m.name + m.desc)) {
                methods.add(m);
            }
        }
        return check(original, after, methods);
    }

    /** Null when every refused method of {@code after}, the class to write, is as compiled and verifies; else what is wrong. */
    static String check(byte[] original, ClassNode after, List<MethodNode> refused) {
        ClassNode before = read(original);
        for (MethodNode r : refused) {
            MethodNode compiled = find(before, r);
            MethodNode restored = find(after, r);
            String where = "@Async method " + before.name.replace('/', '.') + "." + r.name + r.desc;
            if (compiled == null || restored == null) {
                return where + " is missing from the rewritten class.";
            }
            if (!Arrays.equals(bytes(compiled), bytes(restored))) {
                return where + " was refused, and did not come back as it was compiled.";
            }
            if ((restored.access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
                continue;
            }
            String failure = verify(after.name, restored);
            if (failure != null) {
                String asCompiled = verify(before.name, compiled);
                return where + " was refused, and does not verify as written back (" + failure + ")"
                        + (asCompiled != null ? "; nor does it as compiled (" + asCompiled + ")." : ".");
            }
        }
        return null;
    }

    private static ClassNode read(byte[] classFile) {
        ClassNode cn = new ClassNode();
        new ClassReader(classFile).accept(cn, ClassReader.EXPAND_FRAMES);
        return cn;
    }

    private static MethodNode find(ClassNode cn, MethodNode like) {
        for (MethodNode m : cn.methods) {
            if (m.name.equals(like.name) && m.desc.equals(like.desc)) {
                return m;
            }
        }
        return null;
    }

    /**
     * The method as a class file would hold it, without its maximums (the rewritten class's writer computes them
     * again): two methods with the same instructions, frames and tables give the same bytes.
     */
    private static byte[] bytes(MethodNode m) {
        ClassWriter cw = new ClassWriter(0);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "Restored", null, "java/lang/Object", null);
        MethodVisitor mv = cw.visitMethod(m.access, m.name, m.desc, m.signature, null);
        m.accept(new MethodVisitor(Opcodes.ASM9, mv) {
            @Override
            public void visitMaxs(int maxStack, int maxLocals) {
                super.visitMaxs(0, 0);
            }
        });
        cw.visitEnd();
        return cw.toByteArray();
    }

    private static String verify(String owner, MethodNode m) {
        try {
            new Analyzer<BasicValue>(new BasicVerifier()).analyze(owner, m);
            return null;
        } catch (AnalyzerException | RuntimeException e) {
            return e.getMessage();
        }
    }
}
