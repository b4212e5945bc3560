package org.awaitj.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EachConnectionLogsItsOwnIdTest {
    private static final Pattern LINE = Pattern.compile("\\[([^\\]]+)\\] (.*)");
    private static final Pattern CLIENT = Pattern.compile("'(\\w+) line \\d+'");

    @Test
    void everyLineOfAConnectionCarriesThatConnectionsIdAndNoOther() throws Exception {
        List<String> lines = PrintedLines.of(TaggedLogServer::main);
        assertTrue(lines.get(0).startsWith("[server] serving on /127.0.0.1:"), lines.toString());
        Map<String, String> connectionOfClient = new HashMap<>();
        Map<String, Integer> linesOfConnection = new HashMap<>();
        Set<String> closed = new HashSet<>();
        for (String line : lines.subList(1, lines.size())) {
            Matcher m = LINE.matcher(line);
            assertTrue(m.matches(), line);
            String tag = m.group(1);
            String message = m.group(2);
            assertTrue(tag.startsWith("conn-"), "a connection's line without its id: " + line);
            linesOfConnection.merge(tag, 1, Integer::sum);
            Matcher client = CLIENT.matcher(message);
            if (client.find()) {
                String previous = connectionOfClient.putIfAbsent(client.group(1), tag);
                assertEquals(previous == null ? tag : previous, tag, "a client's lines under two ids: " + line);
            } else if (message.equals("closed")) {
                assertTrue(closed.add(tag), "closed twice: " + tag);
            } else {
                assertEquals("connected", message, line);
            }
        }
        assertEquals(Set.of("alice", "bob", "carol"), connectionOfClient.keySet());
        assertEquals(3, new HashSet<>(connectionOfClient.values()).size(), "each client has an id of its own");
        assertEquals(new HashSet<>(connectionOfClient.values()), closed);
        // connected, closed, and for each client line a received and an audited line
        assertEquals(2 + 3 * 2, linesOfConnection.get(connectionOfClient.get("alice")));
        assertEquals(2 + 2 * 2, linesOfConnection.get(connectionOfClient.get("carol")));
    }
}
