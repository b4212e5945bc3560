package org.awaitj.agent.transform;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.commons.SerialVersionUIDAdder;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldNode;

/**
 * Keeps a serializable class's serialVersionUID what it was as compiled. When the class declares none, the JVM
 * hashes its interfaces and members, to which the rewriting adds (the bodies, direct entries, bridges): objects serialized by the class as compiled, or as another awaitj version rewrote it,
 * would no longer deserialize. So the rewritten class declares the value the JVM computes for the class file as
 * compiled (ASM's {@link SerialVersionUIDAdder} computes it). Enums and records have none to keep.
 */
final class SerialVersionKeeper {
    private static final String FIELD = "serialVersionUID";

    private SerialVersionKeeper() {
    }

    /** Declares in {@code cn}, rewritten from {@code original}, the default serialVersionUID of the original. */
    static void keep(byte[] original, ClassNode cn, ClassHierarchy hierarchy) {
        if ((cn.access & (Opcodes.ACC_INTERFACE | Opcodes.ACC_ENUM)) != 0 || "java/lang/Record".equals(cn.superName)
                || declares(cn) || !serializable(cn, hierarchy)) {
            return;
        }
        Computed computed = new Computed();
        new ClassReader(original).accept(computed, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG);
        cn.fields.add(new FieldNode(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_FINAL | Opcodes.ACC_SYNTHETIC,
                FIELD, "J", null, computed.value));
    }

    private static boolean declares(ClassNode cn) {
        return cn.fields.stream().anyMatch(f -> f.name.equals(FIELD));
    }

    private static boolean serializable(ClassNode cn, ClassHierarchy hierarchy) {
        return cn.interfaces.stream().anyMatch(hierarchy::isSerializable)
                || cn.superName != null && hierarchy.isSerializable(cn.superName);
    }

    /** The adder, keeping the value instead of adding the field to a class it writes. */
    private static final class Computed extends SerialVersionUIDAdder {
        long value;

        Computed() {
            super(Opcodes.ASM9, null);
        }

        @Override
        protected void addSVUID(long svuid) {
            value = svuid;
        }
    }
}
