package org.dovetail.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay on a loopback port in front of a server (an S3 endpoint), for a client that is to
 * be caught in the middle of sending: it forwards the server's replies as they come, and the
 * client's bytes until {@code bytes} of them (over all connections) have gone through; then it
 * announces it through {@code reached} and forwards nothing more, ever. The client is left
 * blocked in its write.
 */
final class StallingRelay {
    private static final CountDownLatch NEVER = new CountDownLatch(1);

    private final String targetHost;
    private final int targetPort;
    private final AtomicLong budget;
    private final Runnable reached;
    private final AtomicBoolean announced = new AtomicBoolean();
    private final ServerSocket server;

    StallingRelay(String targetHostAndPort, long bytes, Runnable reached) throws IOException {
        int colon = targetHostAndPort.lastIndexOf(':');
        this.targetHost = targetHostAndPort.substring(0, colon);
        this.targetPort = Integer.parseInt(targetHostAndPort.substring(colon + 1));
        this.budget = new AtomicLong(bytes);
        this.reached = reached;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon("relay-accept", this::accept);
    }

    /** The address to give the client instead of the server's. */
    String hostAndPort() {
        return server.getInetAddress().getHostAddress() + ":" + server.getLocalPort();
    }

    private void accept() throws IOException {
        while (true) {
            Socket client = server.accept();
            Socket upstream = new Socket(targetHost, targetPort);
            daemon("relay-reply", () -> copy(upstream.getInputStream(), client.getOutputStream(), false));
            daemon("relay-send", () -> copy(client.getInputStream(), upstream.getOutputStream(), true));
        }
    }

    private void copy(InputStream in, OutputStream out, boolean counted) throws IOException {
        byte[] buffer = new byte[64 << 10];
        while (true) {
            int allowed = counted ? reserve(buffer.length) : buffer.length;
            int n = in.read(buffer, 0, allowed);
            if (counted) {
                budget.addAndGet(allowed - Math.max(n, 0));      // give back what was not read
            }
            if (n < 0) {
                out.close();
                return;
            }
            out.write(buffer, 0, n);
            out.flush();
        }
    }

    /** Takes up to {@code wanted} bytes from the budget for one read; waits forever once it is spent. */
    private int reserve(int wanted) throws IOException {
        while (true) {
            long left = budget.get();
            if (left <= 0) {
                break;
            }
            int taken = (int) Math.min(wanted, left);
            if (budget.compareAndSet(left, left - taken)) {
                return taken;
            }
        }
        if (announced.compareAndSet(false, true)) {
            reached.run();
        }
        try {
            NEVER.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("relay interrupted", e);
        }
        throw new IllegalStateException("unreachable");
    }

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
}
