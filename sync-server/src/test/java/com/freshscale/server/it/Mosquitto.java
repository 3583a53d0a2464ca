package com.freshscale.server.it;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** A real Mosquitto broker (Debian package), started with a generated config on a free port. */
final class Mosquitto implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/sbin/mosquitto");
    final int port;
    private final Path config;
    private final Path log;
    private Process process;

    Mosquitto(Path dir) throws IOException {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException("mosquitto is not installed (apt-get install mosquitto; .ci/run does it)");
        }
        this.port = Net.freePort();
        this.config = dir.resolve("mosquitto.conf");
        // logs stay after the test (target/it-logs) to explain a failure
        Path logs = Path.of("target", "it-logs").toAbsolutePath();
        Files.createDirectories(logs);
        this.log = logs.resolve("mosquitto-" + port + ".log");
        // MQTT 5 with the limits a store deployment would use; no persistence, so a restart loses every
        // session and queued message: the scales and the server must recover on their own
        Files.writeString(config, """
                listener %d 127.0.0.1
                allow_anonymous true
                persistence false
                max_inflight_messages 20
                max_queued_messages 100000
                message_size_limit 16777216
                log_dest file %s
                log_type all
                """.formatted(port, log));
        start();
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    void start() throws IOException {
        process = new ProcessBuilder(BINARY.toString(), "-c", config.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < end) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        throw new IllegalStateException("mosquitto did not start on port " + port);
    }

    /** Kills the broker (SIGKILL): connections drop without a DISCONNECT. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) kill();
    }
}
