package org.awaitj.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeserializationFilterTest {
    @Test
    void theFilterRejectsWhatTheRuleDoesNotAllow() throws Exception {
        // streams written by a plain ObjectOutputStream, as a broken or hostile peer could
        InvalidClassException sql = assertThrows(InvalidClassException.class,
                () -> Payloads.deserialize(plainlySerialized(new java.sql.Date(0)), null));
        assertTrue(sql.getMessage().contains("java.sql.Date is neither a class of java.base"), sql.getMessage());

        InvalidClassException notSerializable = assertThrows(InvalidClassException.class,
                () -> Payloads.deserialize(plainlySerialized(Thread.class), null));
        assertTrue(notSerializable.getMessage().contains("java.lang.Thread is not Serializable"),
                notSerializable.getMessage());

        InvalidClassException internal = assertThrows(InvalidClassException.class,
                () -> Payloads.deserialize(plainlySerialized(new Object[] {
                        Class.forName("jdk.internal.misc.Unsafe")}), null));
        assertTrue(internal.getMessage().contains("which java.base does not export"), internal.getMessage());

        Object[] deep = new Object[1];
        Object[] inner = deep;
        for (int i = 0; i < DeserializationFilter.MAX_DEPTH + 10; i++) {
            Object[] next = new Object[1];
            inner[0] = next;
            inner = next;
        }
        byte[] deepBytes = plainlySerialized(deep);
        InvalidClassException tooDeep = assertThrows(InvalidClassException.class,
                () -> Payloads.deserialize(deepBytes, null));
        assertTrue(tooDeep.getMessage().contains("deeper than"), tooDeep.getMessage());

        // an int[10] whose length is forged to 2^31-1: refused before anything is allocated
        byte[] forged = plainlySerialized(new int[10]);
        int at = forged.length - 40 - 4;
        assertEquals(10, forged[at + 3]);
        forged[at] = 0x7f;
        forged[at + 1] = (byte) 0xff;
        forged[at + 2] = (byte) 0xff;
        forged[at + 3] = (byte) 0xff;
        InvalidClassException tooLong = assertThrows(InvalidClassException.class,
                () -> Payloads.deserialize(forged, null));
        assertTrue(tooLong.getMessage().contains("2147483647 elements"), tooLong.getMessage());

        // and what the rule allows
        Object ok = Payloads.deserialize(plainlySerialized(new ArrayList<>(List.of(1, "two", 3.0))), null);
        assertEquals(List.of(1, "two", 3.0), ok);
    }

    private static byte[] plainlySerialized(Object o) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.toByteArray();
    }
}
