package org.awaitj.agent.transform;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodNode;

/** The method being rewritten and its class: names for generated code and for messages. */
final class MethodContext {
    final ClassNode owner;
    final MethodNode method;
    final String frameClass;
    /** Declared to return AsyncGenerator: an async generator, whose emits suspend too. */
    final boolean generator;

    MethodContext(ClassNode owner, MethodNode method, String frameClass) {
        this.owner = owner;
        this.method = method;
        this.frameClass = frameClass;
        this.generator = Type.getReturnType(method.desc).getDescriptor().equals(Names.ASYNC_GENERATOR_DESC);
    }

    boolean ownerIsInterface() {
        return (owner.access & Opcodes.ACC_INTERFACE) != 0;
    }

    boolean isStatic() {
        return (method.access & Opcodes.ACC_STATIC) != 0;
    }

    /** "Example.fetchData", as Python names a coroutine. */
    String shortName() {
        String name = owner.name.substring(owner.name.lastIndexOf('/') + 1);
        return name + "." + method.name;
    }

    /** "com.example.Example.fetchData(int, String)". */
    String signature() {
        StringBuilder sb = new StringBuilder(owner.name.replace('/', '.')).append('.').append(method.name).append('(');
        Type[] args = Type.getArgumentTypes(method.desc);
        for (int i = 0; i < args.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(args[i].getClassName());
        }
        return sb.append(')').toString();
    }

    /** "Example.java:12", or the nearest we know. */
    String where(AbstractInsnNode insn) {
        String file = owner.sourceFile != null ? owner.sourceFile : owner.name + ".class";
        int line = line(insn);
        return line > 0 ? file + ":" + line : file;
    }

    /** The source line of an instruction: the closest line number before it, else the method's first. */
    int line(AbstractInsnNode insn) {
        for (AbstractInsnNode n = insn; n != null; n = n.getPrevious()) {
            if (n instanceof LineNumberNode l) {
                return l.line;
            }
        }
        return firstLine();
    }

    int firstLine() {
        for (AbstractInsnNode n = method.instructions.getFirst(); n != null; n = n.getNext()) {
            if (n instanceof LineNumberNode l) {
                return l.line;
            }
        }
        return -1;
    }

    Refusal refuse(AbstractInsnNode at, String what) {
        return new Refusal("cannot rewrite @Async method " + signature() + " at "
                + where(at != null ? at : method.instructions.getFirst()) + ": " + what
                + " The method was left as it was.");
    }
}
