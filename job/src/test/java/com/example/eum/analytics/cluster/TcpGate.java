package com.example.eum.analytics.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A TCP forwarder on a free loopback port in front of a server, that a test can {@link #cut()} (the port closes and
 * every open connection is reset: clients see what a stopped server gives them, connection refused) and
 * {@link #restore()} on the same port. The server behind it keeps running with its state, as S3 does through an
 * outage of its network path.
 */
final class TcpGate implements AutoCloseable {
    private final int targetPort;
    private final int port;
    private final List<Socket> open = new ArrayList<>();
    private ServerSocket server;
    private Thread acceptor;

    TcpGate(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.port = FlinkCluster.freePort();
        restore();
    }

    int port() {
        return port;
    }

    /** Opens the port again and forwards new connections. */
    synchronized void restore() throws IOException {
        if (server != null && !server.isClosed()) {
            return;
        }
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        server = s;
        acceptor = new Thread(() -> acceptLoop(s), "tcp-gate-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Closes the port and resets every open connection. */
    synchronized void cut() throws IOException {
        if (server != null) {
            server.close();
        }
        for (Socket socket : open) {
            try {
                socket.setSoLinger(true, 0); // RST, not an orderly close
                socket.close();
            } catch (IOException alreadyClosed) {
                // nothing to reset
            }
        }
        open.clear();
    }

    private void acceptLoop(ServerSocket s) {
        while (!s.isClosed()) {
            try {
                Socket client = s.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                synchronized (this) {
                    if (s.isClosed()) {
                        client.close();
                        upstream.close();
                        return;
                    }
                    open.add(client);
                    open.add(upstream);
                }
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException closedOrRefused) {
                // the gate was cut, or the server behind it refused: the client sees its socket closed
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException closed) {
                // either side went away
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "tcp-gate-pump-" + port);
        t.setDaemon(true);
        t.start();
    }

    private synchronized void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
        open.remove(socket);
    }

    @Override
    public void close() throws IOException {
        cut();
    }
}
