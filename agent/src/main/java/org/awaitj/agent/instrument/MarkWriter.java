package org.awaitj.agent.instrument;

import java.nio.charset.StandardCharsets;

import org.awaitj.agent.transform.BuildTimeMark;
import org.awaitj.agent.transform.Names;
import org.objectweb.asm.Attribute;
import org.objectweb.asm.ByteVector;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/** Adds the {@link BuildTimeMark} attribute to a class file; the rest of the class is copied unchanged. */
final class MarkWriter {
    private MarkWriter() {
    }

    /** The class marked as rewritten at build time. */
    static byte[] markClass(byte[] classFile) {
        return mark(classFile, new byte[] {BuildTimeMark.CLASS});
    }

    /** The frame class marked as belonging to {@code owner} (an internal name). */
    static byte[] markFrame(byte[] classFile, String owner) {
        byte[] name = owner.getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[3 + name.length];
        content[0] = BuildTimeMark.FRAME;
        content[1] = (byte) (name.length >>> 8);
        content[2] = (byte) name.length;
        System.arraycopy(name, 0, content, 3, name.length);
        return mark(classFile, content);
    }

    private static byte[] mark(byte[] classFile, byte[] content) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(reader, 0);     // same constant pool: methods are copied as they are
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public void visitEnd() {
                super.visitAttribute(new Mark(content));
                super.visitEnd();
            }
        }, 0);
        return writer.toByteArray();
    }

    private static final class Mark extends Attribute {
        private final byte[] content;

        Mark(byte[] content) {
            super(Names.REWRITTEN_ATTRIBUTE);
            this.content = content;
        }

        @Override
        public boolean isUnknown() {
            return false;
        }

        @Override
        protected ByteVector write(ClassWriter classWriter, byte[] code, int codeLength, int maxStack, int maxLocals) {
            return new ByteVector(content.length).putByteArray(content, 0, content.length);
        }
    }
}
