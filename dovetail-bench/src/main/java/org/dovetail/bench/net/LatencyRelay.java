package org.dovetail.bench.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP relay on a loopback port in front of a server that behaves as a network link with a
 * fixed round-trip time: every byte is delivered half the round trip after it was sent, in each
 * direction, and a new connection carries nothing until one round trip after it was accepted
 * (the handshake a real link costs). So one request and its reply cost one round trip more than
 * without the relay, whether the client sends them one after another on one connection or on
 * many connections at once; bandwidth is not limited. The delays are fixed: nothing is random.
 */
public final class LatencyRelay implements AutoCloseable {
    private static final byte[] END = new byte[0];

    private final String targetHost;
    private final int targetPort;
    private final long oneWayNanos;
    private final ServerSocket server;
    private final AtomicInteger connections = new AtomicInteger();

    /** A relay to {@code targetHostAndPort} ({@code host:port}) adding {@code roundTrip} to every exchange. */
    public LatencyRelay(String targetHostAndPort, Duration roundTrip) throws IOException {
        int colon = targetHostAndPort.lastIndexOf(':');
        this.targetHost = targetHostAndPort.substring(0, colon);
        this.targetPort = Integer.parseInt(targetHostAndPort.substring(colon + 1));
        this.oneWayNanos = roundTrip.toNanos() / 2;
        this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        daemon("latency-relay-accept", this::accept);
    }

    /** The address to give clients instead of the server's, {@code 127.0.0.1:port}. */
    public String hostAndPort() {
        return server.getInetAddress().getHostAddress() + ":" + server.getLocalPort();
    }

    /** How many connections clients have opened through the relay so far. */
    public int connections() {
        return connections.get();
    }

    private void accept() throws IOException {
        while (!server.isClosed()) {
            Socket client = server.accept();
            long firstBytes = System.nanoTime() + 2 * oneWayNanos;
            connections.incrementAndGet();
            Socket upstream = new Socket(targetHost, targetPort);
            client.setTcpNoDelay(true);
            upstream.setTcpNoDelay(true);
            AtomicInteger pipesOpen = new AtomicInteger(2);
            pipe(client, upstream, firstBytes, pipesOpen);
            pipe(upstream, client, 0, pipesOpen);
        }
    }

    /** Forwards what {@code from} sends to {@code to}, each chunk one way's delay after it was read (and not before {@code notBefore}). */
    private void pipe(Socket from, Socket to, long notBefore, AtomicInteger pipesOpen) throws IOException {
        BlockingQueue<Chunk> line = new LinkedBlockingQueue<>();
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        daemon("latency-relay-read", () -> {
            byte[] buffer = new byte[64 << 10];
            try {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    line.add(new Chunk(due(notBefore), Arrays.copyOf(buffer, n)));
                }
            } finally {
                line.add(new Chunk(due(notBefore), END));
            }
        });
        daemon("latency-relay-write", () -> {
            try {
                while (true) {
                    Chunk chunk = take(line);
                    for (long wait; (wait = chunk.due - System.nanoTime()) > 0; ) {
                        LockSupport.parkNanos(wait);
                    }
                    if (chunk.bytes == END) {
                        to.shutdownOutput();
                        if (pipesOpen.decrementAndGet() == 0) {
                            from.close();
                            to.close();
                        }
                        return;
                    }
                    out.write(chunk.bytes);
                    out.flush();
                }
            } catch (IOException e) {
                from.close();
                to.close();
                throw e;
            }
        });
    }

    private long due(long notBefore) {
        return Math.max(System.nanoTime(), notBefore) + oneWayNanos;
    }

    private static Chunk take(BlockingQueue<Chunk> line) throws IOException {
        try {
            return line.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("relay interrupted", e);
        }
    }

    private record Chunk(long due, byte[] bytes) {}

    private interface Work {
        void run() throws IOException;
    }

    private static void daemon(String name, Work work) {
        Thread thread = new Thread(() -> {
            try {
                work.run();
            } catch (IOException e) {
                // a closed connection ends its pump
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
