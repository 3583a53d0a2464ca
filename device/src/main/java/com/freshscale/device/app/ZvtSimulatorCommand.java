package com.freshscale.device.app;

import com.freshscale.device.payment.zvt.sim.TerminalSimulator;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A simulated card terminal speaking ZVT on a TCP port, as its own process (tests that kill the scale, a bench
 * without a terminal). Each line on stdin chooses the next payment's answer: approve, decline, pin, timeout or
 * disconnect. It runs until stdin ends or it is stopped.
 */
@Command(name = "zvt-simulator", mixinStandardHelpOptions = true,
        description = "Run a simulated ZVT card terminal. Lines on stdin choose the next answer: approve, decline, pin, timeout, disconnect.")
final class ZvtSimulatorCommand implements Callable<Integer> {
    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to listen on (default ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--port", defaultValue = "20007", description = "TCP port (ZVT's default ${DEFAULT-VALUE}; 0 = any free port).")
    int port;

    @Option(names = "--terminal-id", defaultValue = "52500038", description = "The 8-digit terminal id it reports.")
    long terminalId;

    @Option(names = "--card-delay-ms", defaultValue = "800", description = "How long the shopper takes to present the card.")
    long cardDelayMs;

    @Option(names = "--pin-delay-ms", defaultValue = "3000", description = "How long the shopper takes to type a PIN.")
    long pinDelayMs;

    @Override
    public Integer call() throws Exception {
        if (terminalId < 0 || terminalId > 99_999_999L) throw new IllegalArgumentException("--terminal-id has at most 8 digits");
        try (TerminalSimulator sim = TerminalSimulator.start(bind, port, terminalId, Duration.ofMillis(cardDelayMs), Duration.ofMillis(pinDelayMs))) {
            // the port on a line of its own: a parent process (a test) reads it when --port 0 was asked
            System.out.println("zvt-simulator listening on port " + sim.port());
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null) {
                String w = line.trim().toUpperCase(Locale.ROOT);
                if (w.isEmpty()) continue;
                try {
                    sim.nextAnswer(TerminalSimulator.Answer.valueOf(w));
                    System.out.println("next answer: " + w.toLowerCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    System.out.println("unknown answer '" + line.trim() + "': approve, decline, pin, timeout or disconnect");
                }
                System.out.flush();
            }
            // stdin closed (no console): keep serving until the process is stopped
            Thread.currentThread().join();
        }
        return 0;
    }
}
