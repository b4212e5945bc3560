package org.awaitj.agent.inspect;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import jdk.management.jfr.FlightRecorderMXBean;

/**
 * The tasks of a running JVM's event loops, read from outside: attach (the Attach API), start the JVM's local
 * management agent (what jconsole does; no flag needed), and make a JFR recording that holds only the
 * runtime's {@code org.awaitj.TaskSnapshot} events, one per pending task, which the runtime emits when a
 * recording begins. Nothing of awaitj is loaded into the target, and it needs no JVM flag: the runtime only
 * runs code when such a recording starts.
 */
final class Snapshot {
    private Snapshot() {
    }

    /** The pending tasks of every running loop of the JVM {@code pid}, by loop then task id. */
    static List<TaskRow> of(String pid) throws IOException {
        String address;
        try {
            VirtualMachine vm = VirtualMachine.attach(pid);
            try {
                address = vm.startLocalManagementAgent();
            } finally {
                vm.detach();
            }
        } catch (AttachNotSupportedException e) {
            throw new IOException("cannot attach to " + pid + ": " + e.getMessage(), e);
        }
        try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
            return record(connector.getMBeanServerConnection());
        }
    }

    private static List<TaskRow> record(MBeanServerConnection connection) throws IOException {
        FlightRecorderMXBean jfr;
        try {
            jfr = JMX.newMXBeanProxy(connection, new ObjectName(FlightRecorderMXBean.MXBEAN_NAME), FlightRecorderMXBean.class);
        } catch (MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
        long id = jfr.newRecording();
        Path file = Files.createTempFile("awaitj-ps", ".jfr");
        try {
            jfr.setRecordingSettings(id, Map.of(TaskRow.EVENT + "#enabled", "true", TaskRow.EVENT + "#period", "beginChunk"));
            jfr.setRecordingOptions(id, Map.of("name", "awaitj-ps", "disk", "true"));
            jfr.startRecording(id);     // the snapshot is taken as the recording begins
            jfr.stopRecording(id);
            long stream = jfr.openStream(id, Map.of());
            try (OutputStream out = Files.newOutputStream(file)) {
                for (byte[] chunk = jfr.readStream(stream); chunk != null; chunk = jfr.readStream(stream)) {
                    out.write(chunk);
                }
            } finally {
                jfr.closeStream(stream);
            }
            List<TaskRow> rows = new ArrayList<>();
            for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
                if (e.getEventType().getName().equals(TaskRow.EVENT)) {
                    rows.add(TaskRow.of(e));
                }
            }
            rows.sort(Comparator.comparingLong(TaskRow::loopThreadId).thenComparingLong(TaskRow::id));
            return rows;
        } finally {
            jfr.closeRecording(id);
            Files.deleteIfExists(file);
        }
    }
}
