package org.awaitj.agent.analysis;

import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.analysis.BasicValue;

/** An object created by {@code NEW} whose constructor has not run yet; equal by the NEW instruction. */
public final class UninitializedValue extends BasicValue {
    public final AbstractInsnNode newInsn;

    public UninitializedValue(Type type, AbstractInsnNode newInsn) {
        super(type);
        this.newInsn = newInsn;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UninitializedValue u && u.newInsn == newInsn;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(newInsn);
    }

    @Override
    public String toString() {
        return "uninitialized " + getType().getInternalName();
    }
}
