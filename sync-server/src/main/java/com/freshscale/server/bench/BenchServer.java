package com.freshscale.server.bench;

import com.freshscale.server.app.ServerApp;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A real server on free ports in a temporary folder, for a benchmark run. */
final class BenchServer implements AutoCloseable {
    final Path dir;
    final int mqttPort;
    final ServerApp app;

    BenchServer(String dbUrl) throws IOException {
        dir = Files.createTempDirectory("freshscale-bench");
        mqttPort = freePort();
        app = ServerApp.start(new ServerApp.Options(dir, "127.0.0.1", mqttPort, dbUrl, "127.0.0.1", 0, null, "bench", java.time.ZoneOffset.UTC));
    }

    String brokerUrl() {
        return "tcp://127.0.0.1:" + mqttPort;
    }

    /**
     * CPU time of this whole process (server, broker and simulated scales): on a shared machine the wall
     * time depends on the neighbours, the CPU time per sale or per scale does not.
     */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException {
        app.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
