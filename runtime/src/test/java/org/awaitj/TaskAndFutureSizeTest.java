package org.awaitj;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

import com.sun.management.HotSpotDiagnosticMXBean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What a parked task costs starts with the size of a Task: 40 bytes with compressed references (the default
 * below 32 GiB of heap), 24 for a plain Future. A field added to either shows here first. Offsets are read as
 * JOL reads them.
 */
class TaskAndFutureSizeTest {
    private static sun.misc.Unsafe unsafe;

    @BeforeAll
    static void compressedReferences() throws Exception {
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        assumeTrue(vm != null && "true".equals(vm.getVMOption("UseCompressedOops").getValue())
                && "true".equals(vm.getVMOption("UseCompressedClassPointers").getValue())
                && !"true".equals(option(vm, "UseCompactObjectHeaders")), "sizes below are for 12-byte headers "
                + "and 4-byte references");
        Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
        f.setAccessible(true);
        unsafe = (sun.misc.Unsafe) f.get(null);
    }

    private static String option(HotSpotDiagnosticMXBean vm, String name) {
        try {
            return vm.getVMOption(name).getValue();
        } catch (IllegalArgumentException absentBeforeJdk24) {
            return null;
        }
    }

    /** Where the instance fields end, rounded up to the 8-byte alignment of objects. */
    private static long instanceSize(Class<?> c) {
        long end = 12;
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            for (Field field : k.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers())) {
                    long size = field.getType() == long.class || field.getType() == double.class ? 8 : 4;
                    if (field.getType() == byte.class || field.getType() == boolean.class) {
                        size = 1;
                    } else if (field.getType() == short.class || field.getType() == char.class) {
                        size = 2;
                    }
                    end = Math.max(end, unsafe.objectFieldOffset(field) + size);
                }
            }
        }
        return (end + 7) / 8 * 8;
    }

    @Test
    void aTaskIsFortyBytes() {
        assertEquals(40, instanceSize(Task.class));
    }

    @Test
    void aFutureIsTwentyFourBytes() {
        assertEquals(24, instanceSize(Future.class));
    }
}
