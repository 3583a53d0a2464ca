package com.freshscale.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import com.freshscale.device.app.DeviceMain;
import com.freshscale.server.app.ServerMain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Quiet start (issue 11, why 9): {@code ./freshscale demo} on a fresh folder shows one line per component that matters
 * and no warning nobody must act on: no CUDA, NNPACK or PyTorch notices, no Flyway outOfOrder warning, no line per
 * weighing status, no "retained price book not signed by this server". The two programs run as the launcher runs them
 * (their own JVMs, their own logging configuration, the launcher's environment), the scale's terminal output and the
 * server's log are read until the scale is idle with its model loaded, and a few seconds more.
 */
class QuietStartTest {
    /** What the terminal may show: the banner lines, a few start-up lines, nothing more. */
    static final int MAX_TERMINAL_LINES = 12;
    static final Pattern PROBLEM = Pattern.compile("\\b(WARN|ERROR|warning|Warning|WARNING|Exception)\\b|NNPACK|CUDA|deprecat");

    /** A main class in its own JVM with the tests' class path and {@code logback} as its logging configuration. */
    static final class Program implements AutoCloseable {
        final Process process;
        final List<String> lines = new CopyOnWriteArrayList<>();

        Program(Class<?> main, Path logback, Path log, String... args) throws IOException {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx768m",
                    "-Dlogback.configurationFile=" + logback.toAbsolutePath(), "-cp", System.getProperty("java.class.path"), main.getName()));
            cmd.addAll(List.of(args));
            ProcessBuilder b = new ProcessBuilder(cmd).redirectErrorStream(true);
            // as ./freshscale sets it for both programs
            b.environment().put("TORCH_CPP_LOG_LEVEL", "ERROR");
            process = b.start();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        lines.add(line);
                        if (log != null) Files.writeString(log, line + "\n", StandardCharsets.UTF_8,
                                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
                    }
                } catch (IOException ignored) {
                    // the process is gone
                }
            }, "output-" + main.getSimpleName());
            reader.setDaemon(true);
            reader.start();
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy(); // SIGTERM, as Ctrl-C in the launcher: shutdown hooks close the databases
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
        }
    }

    @Test
    void aFreshDemoShowsOneLinePerComponentAndNoWarnings(@TempDir Path demo) throws Exception {
        int console = DemoStack.freePort();
        int mqtt = DemoStack.freePort();
        int kiosk = DemoStack.freePort();
        Path root = Path.of("..").toAbsolutePath().normalize();
        Path serverLog = demo.resolve("server.log");
        List<String> terminal;
        List<String> server;
        try (Program s = new Program(ServerMain.class, root.resolve("sync-server/src/main/resources/logback.xml"), serverLog,
                "run", "--demo", "--data-dir", demo.resolve("server").toString(), "--http-host", "127.0.0.1",
                "--http-port", String.valueOf(console), "--mqtt-bind", "127.0.0.1", "--mqtt-port", String.valueOf(mqtt))) {
            // the launcher starts both at once and the scale waits 90 s for the server; a test machine under load may
            // need longer to start the server, so the scale starts once the server is up
            Awaitility.await("the server is up").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200)).until(() -> {
                if (!s.process.isAlive()) throw new AssertionError("the server stopped: " + s.lines);
                return s.lines.stream().anyMatch(l -> l.startsWith("freshscale-server running"));
            });
            try (Program d = new Program(DeviceMain.class, root.resolve("device/src/main/resources/logback.xml"), null,
                    "run", "--demo", "--demo-dir", demo.toString(), "--server", "http://127.0.0.1:" + console,
                    "--broker", "tcp://127.0.0.1:" + mqtt, "--kiosk-port", String.valueOf(kiosk),
                    "--dataset", DemoStack.DATASET.toString())) {
                Awaitility.await("the demo is up").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200)).until(() -> {
                    if (!d.process.isAlive()) throw new AssertionError("the scale stopped: " + d.lines + "\nserver: " + s.lines);
                    return d.lines.stream().anyMatch(l -> l.startsWith("Service menu PIN"));
                });
                // the price book reaches the scale, the platter settles at its power-up zero, the printer is looked at
                java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
                Awaitility.await("the kiosk prices").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() -> {
                    String view = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + kiosk + "/api/view")).build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString()).body();
                    return view.contains("\"state\":\"IDLE\"");
                });
                // the model is loaded and warmed up: where libtorch's notices (NNPACK, CUDA, deprecations) would come
                Awaitility.await("the model is ready").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500))
                        .until(() -> d.lines.stream().anyMatch(l -> l.contains("vision ready")));
                Thread.sleep(5_000);
                terminal = List.copyOf(d.lines);
            }
            server = List.copyOf(s.lines);
        }
        String shown = String.join("\n", terminal);
        System.out.println("the demo's terminal (" + terminal.size() + " lines):\n" + shown);
        System.out.println("the server's log (" + server.size() + " lines):\n" + String.join("\n", server));
        assertThat(terminal).as("no warning on the terminal:\n" + shown).noneMatch(l -> PROBLEM.matcher(l).find());
        assertThat(terminal.size()).as("a few lines:\n" + shown).isLessThanOrEqualTo(MAX_TERMINAL_LINES);
        assertThat(terminal).anyMatch(l -> l.startsWith("Kiosk:")).anyMatch(l -> l.startsWith("Console:"));
        assertThat(server).as("nothing in the server's log for anyone to act on").noneMatch(l -> PROBLEM.matcher(l).find());
    }
}
