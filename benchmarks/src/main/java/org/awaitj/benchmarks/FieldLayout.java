package org.awaitj.benchmarks;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What a parked task is made of, field by field: the offset and size of every instance field of {@link
 * org.awaitj.Task} and of the frame of {@link AwaitjWorkloads#waiter} (the coroutine each task of workload 7
 * parks in), read with {@code Unsafe.objectFieldOffset} as JOL does. Run it with the agent, so that the frame
 * class exists:
 *
 * <pre>java -javaagent:agent/target/awaitj-agent.jar -cp benchmarks/target/benchmarks.jar org.awaitj.benchmarks.FieldLayout</pre>
 */
public final class FieldLayout {
    private FieldLayout() {
    }

    public static void main(String[] args) throws Exception {
        Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
        f.setAccessible(true);
        sun.misc.Unsafe unsafe = (sun.misc.Unsafe) f.get(null);
        AwaitjWorkloads.waiter(null);   // loads the frame class
        for (String name : new String[] {"org.awaitj.Task", "org.awaitj.benchmarks.AwaitjWorkloads$waiter$Coroutine"}) {
            print(unsafe, Class.forName(name));
        }
    }

    private static void print(sun.misc.Unsafe unsafe, Class<?> c) {
        record Slot(long offset, int size, String field) {
        }
        List<Slot> slots = new ArrayList<>();
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            for (Field field : k.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers())) {
                    slots.add(new Slot(unsafe.objectFieldOffset(field), size(field.getType()),
                            k.getSimpleName() + "." + field.getName() + " (" + field.getType().getSimpleName() + ")"));
                }
            }
        }
        slots.sort(Comparator.comparingLong(Slot::offset));
        System.out.println(c.getName() + ":");
        long end = slots.isEmpty() ? 12 : slots.get(0).offset();
        System.out.printf("  %3d..%3d  header%n", 0, end);
        for (Slot s : slots) {
            System.out.printf("  %3d..%3d  %s%n", s.offset(), s.offset() + s.size(), s.field());
            end = Math.max(end, s.offset() + s.size());
        }
        System.out.printf("  instance size %d bytes (fields end at %d, aligned to 8)%n%n", (end + 7) / 8 * 8, end);
    }

    private static int size(Class<?> t) {
        if (t == long.class || t == double.class) {
            return 8;
        }
        if (t == int.class || t == float.class) {
            return 4;
        }
        if (t == short.class || t == char.class) {
            return 2;
        }
        if (t == byte.class || t == boolean.class) {
            return 1;
        }
        return 4;   // a compressed reference, with the default heap sizes of these runs
    }
}
