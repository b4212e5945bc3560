package org.awaitj.io;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The file of a Unix domain server socket, as asyncio handles it: one left behind by a server that is gone
 * is replaced, and closing removes the file only if it is still the one this server bound.
 */
final class UnixSocketFile {
    private static final System.Logger LOG = System.getLogger("org.awaitj");

    private UnixSocketFile() {
    }

    /** A listening socket bound at {@code path}; a socket file there is removed first, any other file stays. */
    static ServerSocketChannel bind(Path path) throws IOException {
        if (isSocket(path)) {
            Files.deleteIfExists(path);
        }
        ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            Listener.bind(ch, UnixDomainSocketAddress.of(path));
            return ch;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private static boolean isSocket(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try {
            int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            return (mode & 0170000) == 0140000;     // S_IFSOCK
        } catch (UnsupportedOperationException | IllegalArgumentException noUnixView) {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther();
        }
    }

    /** What tells this file from another one made at the same path later (device and inode), or null. */
    static Object identity(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    /** Removes the file at {@code path} if it is still the one whose identity was taken when bound. */
    static void removeIfSame(Path path, Object identity, Object owner) {
        try {
            if (identity.equals(identity(path))) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot remove the socket file " + path + " of " + owner, e);
        }
    }
}
