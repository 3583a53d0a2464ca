package com.freshscale.server.it;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real Mosquitto broker (Debian package) started with the deploy guide's own config
 * (hardware-docs/deploy/mosquitto/freshscale.conf and freshscale.acl), on a free loopback port, with the
 * password file the test's server writes ({@code Identities.writePasswordFile}) and no persistence, so a
 * restart loses every session and queued message: the scales and the server must recover on their own.
 */
final class Mosquitto implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/sbin/mosquitto");
    static final Path DEPLOY = Path.of("..", "hardware-docs", "deploy", "mosquitto").toAbsolutePath().normalize();
    final int port;
    /** The password_file: the test server writes it, {@link #reload()} makes the broker read it again. */
    final Path passwords;
    private final Path acl;
    private final Path config;
    private final Path log;
    private Process process;

    Mosquitto(Path dir) throws IOException {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException("mosquitto is not installed (apt-get install mosquitto; .ci/run does it)");
        }
        this.port = Net.freePort();
        Files.createDirectories(dir);
        this.config = dir.resolve("mosquitto.conf");
        this.passwords = dir.resolve("mosquitto.passwords");
        this.acl = dir.resolve("mosquitto.acl");
        if (!Files.exists(passwords)) Files.writeString(passwords, "");
        // logs stay after the test (target/it-logs) to explain a failure
        Path logs = Path.of("target", "it-logs").toAbsolutePath();
        Files.createDirectories(logs);
        this.log = logs.resolve("mosquitto-" + port + ".log");
        Files.copy(DEPLOY.resolve("freshscale.acl"), acl, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        // the deploy guide's file, with this test's port, paths and log; no persistence (see above)
        String conf = Files.readString(DEPLOY.resolve("freshscale.conf"))
                .replace("listener 1883 0.0.0.0", "listener " + port + " 127.0.0.1")
                .replace("/var/lib/mosquitto/freshscale.passwords", passwords.toString())
                .replace("/etc/mosquitto/freshscale.acl", acl.toString())
                .replace("persistence true", "persistence false")
                .replace("persistence_location /var/lib/mosquitto/\n", "")
                .replace("log_dest file /var/log/mosquitto/mosquitto.log", "log_dest file " + log + "\nlog_type all");
        // Mosquitto started as root drops to the user "mosquitto", which cannot read this test's temporary folder: a test
        // run as root (CI) keeps it root; the deploy guide's file is otherwise unchanged
        if (System.getProperty("user.name").equals("root")) conf += "user root\n";
        if (!conf.contains("listener " + port) || !conf.contains(passwords.toString()) || !conf.contains(acl.toString())) {
            throw new IllegalStateException("the deploy guide's mosquitto config changed shape: " + DEPLOY);
        }
        Files.writeString(config, conf);
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

    /**
     * Adds the ACL block of server instance {@code user} (as the deploy guide says, one per instance: a copy of its
     * {@code user server-1} block), for {@link #reload()} to take in.
     */
    void allowServer(String user) throws IOException {
        String text = Files.readString(DEPLOY.resolve("freshscale.acl"));
        int from = text.indexOf("user server-1\n");
        int to = text.indexOf("\n\n", from);
        if (from < 0 || to < 0) throw new IllegalStateException("the deploy guide's ACL has no 'user server-1' block");
        String block = text.substring(from, to + 1).replace("user server-1\n", "user " + user + "\n");
        if (!Files.readString(acl).contains("user " + user + "\n")) Files.writeString(acl, "\n" + block, java.nio.file.StandardOpenOption.APPEND);
    }

    /**
     * SIGHUP: Mosquitto reads its password and ACL files again (after an enrollment or a revocation). The signal only
     * sets a flag; the broker's single loop logs "Reloading config." and reads the files in the same turn, before it
     * serves any packet again. So once that line is in the log, a client connecting from now on meets the new files.
     * (A fixed sleep here lost the race on a loaded CI machine: a just-enrolled scale was refused.)
     */
    void reload() throws IOException, InterruptedException {
        long before = reloads();
        new ProcessBuilder("kill", "-HUP", Long.toString(process.pid())).inheritIO().start().waitFor();
        long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (reloads() == before) {
            if (System.nanoTime() > end) throw new IllegalStateException("mosquitto did not reload within 15 s: " + log);
            Thread.sleep(20);
        }
    }

    private long reloads() throws IOException {
        if (!Files.exists(log)) return 0;
        try (var lines = Files.lines(log, java.nio.charset.StandardCharsets.ISO_8859_1)) {
            return lines.filter(l -> l.contains("Reloading config")).count();
        }
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
