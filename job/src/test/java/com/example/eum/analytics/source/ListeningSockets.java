package com.example.eum.analytics.source;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The TCP sockets a process listens on, read from Linux's {@code /proc}: the process's open descriptors
 * ({@code /proc/<pid>/fd/* -> socket:[inode]}) matched with the kernel's socket tables ({@code /proc/net/tcp},
 * {@code /proc/net/tcp6}, state {@code 0A} = LISTEN). Every listening socket counts, not only the ports the test
 * asked for.
 */
final class ListeningSockets {
    private static final String LISTEN = "0A";
    private static final Pattern SOCKET_LINK = Pattern.compile("socket:\\[(\\d+)]");

    private ListeningSockets() {}

    /** Every TCP socket process {@code pid} listens on (IPv4 and IPv6). */
    static List<InetSocketAddress> of(long pid) throws IOException {
        Set<String> inodes = socketInodes(pid);
        List<InetSocketAddress> listening = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            for (String line : Files.readAllLines(Paths.get(table))) {
                InetSocketAddress address = listeningAddress(line, inodes);
                if (address != null) {
                    listening.add(address);
                }
            }
        }
        return listening;
    }

    /**
     * The local address of one line of a {@code /proc/net/tcp[6]} table when it is a LISTEN socket whose inode is in
     * {@code inodes}; null otherwise (the header, other states, other processes).
     */
    static InetSocketAddress listeningAddress(String line, Set<String> inodes) throws UnknownHostException {
        String[] f = line.trim().split("\\s+");
        if (f.length < 10 || !f[0].endsWith(":") || !LISTEN.equals(f[3]) || !inodes.contains(f[9])) {
            return null;
        }
        String[] hostPort = f[1].split(":");
        return new InetSocketAddress(address(hostPort[0]), Integer.parseInt(hostPort[1], 16));
    }

    /**
     * The kernel's hex address: 8 digits (IPv4) or 32 (IPv6), each 32-bit word in host byte order (little-endian
     * here). An IPv4-mapped IPv6 address comes back as the IPv4 address.
     */
    static InetAddress address(String hex) throws UnknownHostException {
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int b = 0; b < 4; b++) {
                int at = word * 8 + (3 - b) * 2;
                bytes[word * 4 + b] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
            }
        }
        return InetAddress.getByAddress(bytes);
    }

    private static Set<String> socketInodes(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Paths.get("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                String target;
                try {
                    target = Files.readSymbolicLink(fd).toString();
                } catch (IOException closedMeanwhile) {
                    continue;
                }
                Matcher m = SOCKET_LINK.matcher(target);
                if (m.matches()) {
                    inodes.add(m.group(1));
                }
            }
        }
        return inodes;
    }
}
