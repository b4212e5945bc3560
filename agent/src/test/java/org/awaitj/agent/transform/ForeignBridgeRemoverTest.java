package org.awaitj.agent.transform;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.util.CheckClassAdapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A class that overrides a virtual bridge without being rewritten (as a CGLIB proxy does) loses that override and
 * nothing else: the pre-filter finds its bridge name, the stripped class verifies and loads, and a class with no
 * such override is left alone.
 */
class ForeignBridgeRemoverTest {
    private static final String BRIDGE = "(ILjava/lang/Object;Lorg/awaitj/Coroutine;I)Ljava/lang/Object;";

    @Test
    void onlyTheInstanceMethodsShapedAsBridgesGo() throws Throwable {
        byte[] proxy = proxyClass(true);
        assertEquals(AsyncMarker.BRIDGE_NAME, AsyncMarker.scan(proxy));
        byte[] stripped = ForeignBridgeRemover.strip(proxy);
        assertEquals(List.of("<init>()V", "price(I)Ljava/lang/Object;", "price$fused(I)Ljava/lang/Object;",
                "helper$fused" + BRIDGE, "CGLIB$price$fused$0" + BRIDGE), methods(stripped));
        StringWriter problems = new StringWriter();
        CheckClassAdapter.verify(new ClassReader(stripped), getClass().getClassLoader(), false, new PrintWriter(problems));
        assertEquals("", problems.toString());
        Class<?> loaded = new ClassLoader(getClass().getClassLoader()) {
            Class<?> define() {
                return defineClass("p.Proxy", stripped, 0, stripped.length);
            }
        }.define();
        // by a lookup of price alone: reflecting on every method would load the runtime's classes the bridges name
        MethodHandle price = MethodHandles.publicLookup().findVirtual(loaded, "price", MethodType.methodType(Object.class, int.class));
        assertEquals(7, price.invoke(loaded.getConstructor().newInstance(), 7));
    }

    @Test
    void aClassWithoutSuchOverridesIsLeftAlone() {
        byte[] plain = proxyClass(false);
        assertEquals(0, AsyncMarker.scan(plain));
        assertNull(ForeignBridgeRemover.strip(plain));
    }

    /** A class with, when {@code bridges}, an override of price's bridge and methods that only look like one. */
    private static byte[] proxyClass(boolean bridges) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "p/Proxy", null, "java/lang/Object", null);
        MethodVisitor init = cw.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        MethodVisitor price = cw.visitMethod(Opcodes.ACC_PUBLIC, "price", "(I)Ljava/lang/Object;", null, null);
        price.visitVarInsn(Opcodes.ILOAD, 1);
        price.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Integer", "valueOf", "(I)Ljava/lang/Integer;", false);
        price.visitInsn(Opcodes.ARETURN);
        price.visitMaxs(0, 0);
        price.visitEnd();
        if (bridges) {
            returnsNull(cw, Opcodes.ACC_PUBLIC, "price$fused", BRIDGE);                    // the override: goes
            returnsNull(cw, Opcodes.ACC_PUBLIC, "price$fused", BRIDGE.replace("(I", "(J")); // an overload's: goes
            returnsNull(cw, Opcodes.ACC_PUBLIC, "price$fused", "(I)Ljava/lang/Object;");   // not a bridge's type: stays
            returnsNull(cw, Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "helper$fused", BRIDGE);  // static: stays
            returnsNull(cw, Opcodes.ACC_PUBLIC, "CGLIB$price$fused$0", BRIDGE);           // another name: stays
        }
        cw.visitEnd();
        return cw.toByteArray();
    }

    private static void returnsNull(ClassWriter cw, int access, String name, String desc) {
        MethodVisitor m = cw.visitMethod(access, name, desc, null, null);
        m.visitInsn(Opcodes.ACONST_NULL);
        m.visitInsn(Opcodes.ARETURN);
        m.visitMaxs(0, 0);
        m.visitEnd();
    }

    private static List<String> methods(byte[] classFile) {
        List<String> out = new ArrayList<>();
        new ClassReader(classFile).accept(new org.objectweb.asm.ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                out.add(name + descriptor);
                return null;
            }
        }, 0);
        return out;
    }
}
