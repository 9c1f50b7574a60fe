package com.example.eum.analytics.sink;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * What an on-call system subscribes to an SNS topic, for tests: an HTTP server on a free loopback port whose paths
 * each collect the bodies POSTed to them (the SNS server's notifications), answering 200.
 */
public final class SubscribedEndpoint implements AutoCloseable {
    private final HttpServer server;

    public SubscribedEndpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.start();
    }

    /** Starts collecting what is POSTed to {@code path} (e.g. {@code /all}); returns the queue of bodies. */
    public LinkedBlockingQueue<String> collect(String path) {
        LinkedBlockingQueue<String> bodies = new LinkedBlockingQueue<>();
        server.createContext(path, exchange -> receive(exchange, bodies));
        return bodies;
    }

    /** The URL of a path, e.g. {@code http://127.0.0.1:40123/all}. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private static void receive(HttpExchange exchange, LinkedBlockingQueue<String> into) throws IOException {
        into.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
