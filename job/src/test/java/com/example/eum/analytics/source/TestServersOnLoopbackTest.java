package com.example.eum.analytics.source;

import com.example.eum.analytics.sink.S3MockServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test servers (kinesis-local, S3Mock) accept connections on loopback only: every socket their processes
 * listen on, as the kernel reports it, is bound to 127.0.0.1 or ::1, never to a wildcard or another interface.
 */
class TestServersOnLoopbackTest {

    @Test
    void kinesisLocalListensOnLoopbackOnly() throws Exception {
        try (KinesisLocalServer server = KinesisLocalServer.start()) {
            List<InetSocketAddress> sockets = ListeningSockets.of(server.pid());
            assertThat(sockets).as("plain and TLS ports").hasSize(2);
            assertThat(sockets).extracting(InetSocketAddress::getPort).contains(port(server.endpoint()));
            assertOnlyLoopback(sockets);
        }
    }

    @Test
    void s3MockListensOnLoopbackOnly(@TempDir Path work) throws Exception {
        try (S3MockServer server = S3MockServer.start(work, "bucket")) {
            List<InetSocketAddress> sockets = ListeningSockets.of(server.pid());
            assertThat(sockets).as("HTTP and HTTPS connectors").hasSize(2);
            assertThat(sockets).extracting(InetSocketAddress::getPort).contains(server.port());
            assertOnlyLoopback(sockets);
        }
    }

    @Test
    void readsListeningAddressesTheWayTheKernelWritesThem() throws Exception {
        Set<String> ours = Set.of("4242", "4343", "4444", "4545");
        String header = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode";
        assertThat(ListeningSockets.listeningAddress(header, ours)).isNull();
        assertThat(ListeningSockets.listeningAddress(
                "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 4242 1 0", ours))
                .isEqualTo(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 8080));
        assertThat(ListeningSockets.listeningAddress(
                "   1: 00000000:1F91 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 4343 1 0", ours))
                .satisfies(a -> assertThat(a.getAddress().isAnyLocalAddress()).isTrue());
        assertThat(ListeningSockets.listeningAddress(
                "   2: 0100007F:1F92 0100007F:D431 01 00000000:00000000 00:00000000 00000000  1000        0 4444 1 0", ours))
                .as("an established connection is not a listening socket").isNull();
        assertThat(ListeningSockets.listeningAddress(
                "   3: 0100007F:1F93 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 9999 1 0", ours))
                .as("another process's socket").isNull();
        assertThat(ListeningSockets.address("00000000000000000000000001000000")).isEqualTo(InetAddress.getByName("::1"));
        assertThat(ListeningSockets.address("0000000000000000FFFF00000100007F")).isEqualTo(InetAddress.getByName("127.0.0.1"));
        assertThat(ListeningSockets.address("00000000000000000000000000000000").isAnyLocalAddress()).isTrue();
        assertThat(ListeningSockets.address("0A00A8C0").getHostAddress()).isEqualTo("192.168.0.10");
    }

    private static void assertOnlyLoopback(List<InetSocketAddress> sockets) {
        assertThat(sockets).allSatisfy(s -> assertThat(s.getAddress().isLoopbackAddress())
                .as("%s is bound to loopback", s).isTrue());
    }

    private static int port(String endpoint) {
        return Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
    }
}
