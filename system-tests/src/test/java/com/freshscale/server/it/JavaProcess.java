package com.freshscale.server.it;

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

/** A main class in its own JVM with the test's class path, so that it can be killed with SIGKILL. */
final class JavaProcess implements AutoCloseable {
    private final Process process;
    final List<String> lines = new CopyOnWriteArrayList<>();

    JavaProcess(Class<?> main, Path log, String... args) throws IOException {
        this(main, log, List.of(), args);
    }

    /** With JVM options {@code jvm} (e.g. -D properties) before the main class. */
    JavaProcess(Class<?> main, Path log, List<String> jvm, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx512m");
        cmd.addAll(jvm);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(List.of(args));
        Path logs = Path.of("target", "it-logs").toAbsolutePath();
        Files.createDirectories(logs);
        process = new ProcessBuilder(cmd).redirectError(logs.resolve(log.getFileName()).toFile()).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) lines.add(line);
            } catch (IOException ignored) {
                // process gone
            }
        }, "stdout-" + main.getSimpleName());
        reader.setDaemon(true);
        reader.start();
    }

    void awaitLine(String prefix, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (lines.stream().anyMatch(l -> l.startsWith(prefix))) return;
            if (!process.isAlive()) throw new IllegalStateException("process exited: " + process.exitValue());
            Thread.sleep(20);
        }
        throw new IllegalStateException("no line '" + prefix + "' within " + timeout);
    }

    /** Waits for the process to end by itself; its exit status. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("process still running after " + timeout);
        }
        return process.exitValue();
    }

    /** kill -9. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) kill();
    }
}
