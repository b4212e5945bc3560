package org.awaitj.agent.inspect;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * The tasks of a running JVM's event loops, read from outside: attach (the Attach API) and, through the
 * diagnostic commands {@code jcmd} sends, make a JFR recording that holds only the runtime's
 * {@code org.awaitj.TaskSnapshot} events, one per pending task, which the runtime emits when a recording
 * begins. Nothing of awaitj is loaded into the target, it needs no JVM flag, and nothing is left running there
 * (a management agent started for the purpose would be).
 */
final class Snapshot {
    /** What the diagnostic commands travel through: public API of the JDK's attach module, not exported. */
    private static final String HOTSPOT_VM = "sun.tools.attach.HotSpotVirtualMachine";

    private Snapshot() {
    }

    /** The pending tasks of every running loop of the JVM {@code pid}, by loop then task id. */
    static List<TaskRow> of(String pid) throws IOException {
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(pid);
        } catch (AttachNotSupportedException e) {
            throw new IOException("cannot attach to " + pid + ": " + e.getMessage(), e);
        }
        Path dir = Files.createTempDirectory("awaitj-ps");
        Path settings = dir.resolve("snapshot.jfc");
        Path recording = dir.resolve("snapshot.jfr");
        String name = "awaitj-ps-" + ProcessHandle.current().pid();
        try {
            Files.writeString(settings, String.join("\n",
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                    "<configuration version=\"2.0\">",
                    "  <event name=\"" + TaskRow.EVENT + "\">",
                    "    <setting name=\"enabled\">true</setting>",
                    "    <setting name=\"period\">beginChunk</setting>",
                    "  </event>",
                    "</configuration>", ""));
            // the snapshot is taken as the recording begins; stopping it writes the file
            command(vm, "JFR.start name=" + name + " settings=" + settings + " filename=" + recording);
            command(vm, "JFR.stop name=" + name);
            List<TaskRow> rows = new ArrayList<>();
            for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
                if (e.getEventType().getName().equals(TaskRow.EVENT)) {
                    rows.add(TaskRow.of(e));
                }
            }
            rows.sort(Comparator.comparingLong(TaskRow::loopThreadId).thenComparingLong(TaskRow::id));
            return rows;
        } finally {
            vm.detach();
            Files.deleteIfExists(recording);
            Files.deleteIfExists(settings);
            Files.deleteIfExists(dir);
        }
    }

    /** Runs one diagnostic command in the target, as {@code jcmd PID ...} would; its output when it refuses. */
    private static void command(VirtualMachine vm, String command) throws IOException {
        Method execute;
        try {
            execute = Class.forName(HOTSPOT_VM).getMethod("executeJCmd", String.class);
        } catch (ReflectiveOperationException e) {
            throw new IOException("this JVM's attach module has no diagnostic commands (" + e + ")", e);
        }
        try (InputStream out = (InputStream) execute.invoke(vm, command)) {
            String said = new String(out.readAllBytes(), StandardCharsets.UTF_8).strip();
            if (said.contains("Could not") || said.contains("Exception")) {
                throw new IOException("'" + command + "' failed in the target: " + said);
            }
        } catch (IllegalAccessException e) {
            throw new IOException("the diagnostic commands of jdk.attach are not exported to awaitj: run it as "
                    + "java -jar awaitj-agent.jar (its manifest exports them), or add "
                    + "--add-exports jdk.attach/sun.tools.attach=ALL-UNNAMED", e);
        } catch (InvocationTargetException e) {
            throw new IOException("'" + command + "' failed in the target: " + e.getCause(), e.getCause());
        }
    }
}
