package org.awaitj.testapp;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.concurrent.atomic.AtomicInteger;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Another agent, registered before awaitj's: it adds a field to every class of this package and a call at the
 * start of every method, as profilers and tracers do. With the argument "frames" it also recomputes every stack
 * map frame with ASM (whose frames differ from javac's). awaitj then rewrites what it made.
 */
public final class OtherAgent {
    public static final AtomicInteger ENTRIES = new AtomicInteger();

    private OtherAgent() {
    }

    public static void enter() {
        ENTRIES.incrementAndGet();
    }

    public static void premain(String args, Instrumentation inst) {
        boolean frames = "frames".equals(args);
        inst.addTransformer(new ClassFileTransformer() {
            @Override
            public byte[] transform(ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain,
                    byte[] bytes) {
                if (name == null || !name.startsWith("org/awaitj/testapp/") || name.endsWith("OtherAgent")
                        || name.contains("$Coroutine")) {
                    return null;
                }
                try {
                    return instrument(bytes, frames);
                } catch (Throwable t) {
                    t.printStackTrace();
                    return null;
                }
            }
        }, true);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
                System.out.println("other agent: " + (ENTRIES.get() > 0 ? "ran" : "did not run"))));
    }

    public static byte[] instrument(byte[] bytes, boolean frames) {
        ClassReader reader = new ClassReader(bytes);
        ClassWriter writer = frames
                ? new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
                    @Override
                    protected ClassLoader getClassLoader() {
                        return OtherAgent.class.getClassLoader();
                    }
                }
                : new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public void visitEnd() {
                visitField(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "otherAgentWasHere", "Z", null, null).visitEnd();
                super.visitEnd();
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String signature, String[] exceptions) {
                MethodVisitor mv = super.visitMethod(access, name, desc, signature, exceptions);
                return new MethodVisitor(Opcodes.ASM9, mv) {
                    @Override
                    public void visitCode() {
                        super.visitCode();
                        super.visitMethodInsn(Opcodes.INVOKESTATIC, "org/awaitj/testapp/OtherAgent", "enter", "()V",
                                false);
                    }
                };
            }
        }, frames ? ClassReader.SKIP_FRAMES : 0);
        return writer.toByteArray();
    }
}
