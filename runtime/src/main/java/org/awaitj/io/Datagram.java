package org.awaitj.io;

import java.net.SocketAddress;
import java.util.Arrays;

/**
 * One datagram that a {@link DatagramEndpoint} received: its bytes, whole, and the address it came from.
 * Two datagrams are equal when their bytes and senders are.
 */
public record Datagram(byte[] data, SocketAddress sender) {
    @Override
    public boolean equals(Object o) {
        return o instanceof Datagram d && Arrays.equals(data, d.data) && java.util.Objects.equals(sender, d.sender);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(data) + java.util.Objects.hashCode(sender);
    }

    @Override
    public String toString() {
        return "Datagram[" + data.length + " bytes from " + sender + "]";
    }
}
