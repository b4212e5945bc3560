package org.awaitj.io;

import java.util.Objects;
import javax.net.ssl.SSLContext;

import org.awaitj.AsyncIO;

/**
 * How {@link AsyncIO#openConnection(String, int, ConnectOptions)} connects: the keyword arguments of
 * asyncio's {@code open_connection} that awaitj supports, as an immutable value whose methods return a copy
 * with one setting changed:
 * <pre>{@code
 * await(openConnection("example.org", 443, ConnectOptions.defaults().ssl(ctx).happyEyeballsDelay(0.25)));
 * }</pre>
 */
public final class ConnectOptions {
    private static final ConnectOptions DEFAULTS = new ConnectOptions(null, Double.NaN, 0);

    private final SSLContext ssl;
    private final double happyEyeballsDelay;
    private final int interleave;

    private ConnectOptions(SSLContext ssl, double happyEyeballsDelay, int interleave) {
        this.ssl = ssl;
        this.happyEyeballsDelay = happyEyeballsDelay;
        this.interleave = interleave;
    }

    /** Plain TCP, one address after the other: what {@code openConnection(host, port)} does. */
    public static ConnectOptions defaults() {
        return DEFAULTS;
    }

    /** Over TLS with {@code ssl}: the handshake is done, and the certificate checked against the host, first. */
    public ConnectOptions ssl(SSLContext ssl) {
        return new ConnectOptions(Objects.requireNonNull(ssl, "ssl"), happyEyeballsDelay, interleave);
    }

    /**
     * Happy eyeballs (RFC 8305, asyncio's {@code happy_eyeballs_delay}): when the host has several addresses,
     * the next attempt starts {@code seconds} after the previous one (at once if that one fails) without
     * waiting for it to give up; the first to connect wins and the others are closed. asyncio and the RFC
     * recommend 0.25.
     */
    public ConnectOptions happyEyeballsDelay(double seconds) {
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("happyEyeballsDelay must be a finite number of seconds >= 0, got " + seconds);
        }
        return new ConnectOptions(ssl, seconds, interleave);
    }

    /**
     * Reorders the addresses so that the families alternate, {@code firstFamilyCount} of the first family
     * first (asyncio's {@code interleave}); with a happy eyeballs delay and no interleave given, 1.
     */
    public ConnectOptions interleave(int firstFamilyCount) {
        if (firstFamilyCount < 1) {
            throw new IllegalArgumentException("interleave must be at least 1, got " + firstFamilyCount);
        }
        return new ConnectOptions(ssl, happyEyeballsDelay, firstFamilyCount);
    }

    /** The TLS context, or null for plain TCP. */
    public SSLContext ssl() {
        return ssl;
    }

    /** The happy eyeballs delay in seconds, or NaN when the addresses are tried one after the other. */
    public double happyEyeballsDelay() {
        return happyEyeballsDelay;
    }

    /** How many addresses of the first family come before the families alternate; 0 for no reordering. */
    public int interleave() {
        return interleave != 0 || Double.isNaN(happyEyeballsDelay) ? interleave : 1;
    }

    @Override
    public String toString() {
        return "ConnectOptions[ssl=" + (ssl != null) + ", happyEyeballsDelay=" + happyEyeballsDelay + ", interleave="
                + interleave() + "]";
    }
}
