package com.freshscale.device.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.freshscale.device.label.Label;
import com.freshscale.device.label.LabelComposer;
import com.freshscale.device.label.LabelContext;
import com.freshscale.device.label.LabelFormat;
import com.freshscale.device.label.LabelStock;
import com.freshscale.device.label.printer.TcpPrinter;
import com.freshscale.device.pricing.PriceCalculator;
import com.freshscale.device.pricing.PriceRequest;
import com.freshscale.device.pricing.PricedItem;
import com.freshscale.device.pricing.PricingConfig;
import com.freshscale.device.weighing.WeightReading;
import com.freshscale.device.weighing.WeightStatus;
import com.freshscale.protocol.pricebook.DemoPriceBook;
import com.freshscale.protocol.pricebook.PriceBook;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code bench label}: how long the scale takes from "shopper confirmed" to label bytes: pricing, composing,
 * rendering each language, and sending ZPL to a printer on a local TCP port (a sink that reads and discards,
 * standing in for the printer's network stack). Figures are per label, in microseconds.
 */
@Command(name = "label", mixinStandardHelpOptions = true,
        description = "Time pricing, label rendering (ZPL, TSPL, ESC/POS, PNG) and sending over TCP; last line JSON.")
final class LabelBench implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--iterations", defaultValue = "2000", description = "labels per measurement (default: ${DEFAULT-VALUE})")
    int iterations;

    @Override
    public Integer call() throws Exception {
        if (iterations < 10) throw new CommandLine.ParameterException(spec.commandLine(), "--iterations must be at least 10");
        PrintWriter out = spec.commandLine().getOut();
        PriceBook book = DemoPriceBook.load();
        PricingConfig config = PricingConfig.demo();
        PriceCalculator calculator = new PriceCalculator(config);
        LabelComposer composer = new LabelComposer(LabelStock.DEFAULT);
        LabelContext context = new LabelContext(config.storeName(), "bench-1", 1, 0, config.language());
        Instant at = Instant.now();

        long coldStart = System.nanoTime();
        PricedItem first = calculator.price(book, PriceRequest.byWeight("4011", reading(1_234_000), at));
        LabelFormat.ZPL.render(composer.compose(first, context));
        double coldMs = (System.nanoTime() - coldStart) / 1e6;

        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("bench", "label");
        figures.put("iterations", iterations);
        figures.put("cold_first_zpl_label_ms", round(coldMs));

        long[] price = time(i -> calculator.price(book, PriceRequest.byWeight("4011", reading(100_000 + 5_000L * (i % 2000)), at)));
        report(out, figures, "price", price);
        Label label = composer.compose(first, context);
        long[] compose = time(i -> composer.compose(first, context));
        report(out, figures, "compose", compose);
        for (LabelFormat f : LabelFormat.values()) {
            int n = f == LabelFormat.PNG ? Math.max(10, iterations / 10) : iterations;
            long[] t = time(n, i -> f.render(label));
            report(out, figures, "render_" + f.extension(), t);
        }
        figures.put("zpl_bytes", LabelFormat.ZPL.render(label).length);
        figures.put("png_bytes", LabelFormat.PNG.render(label).length);

        try (ServerSocket sink = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread drain = new Thread(() -> drain(sink), "bench-printer-sink");
            drain.setDaemon(true);
            drain.start();
            TcpPrinter printer = new TcpPrinter("127.0.0.1", sink.getLocalPort(), Duration.ofSeconds(2), null);
            byte[] zpl = LabelFormat.ZPL.render(label);
            int n = Math.max(10, iterations / 10);
            long[] send = time(n, i -> {
                printer.print(zpl);
                return null;
            });
            report(out, figures, "tcp_send_zpl", send);
            long[] all = time(n, i -> {
                PricedItem item = calculator.price(book, PriceRequest.byWeight("4011", reading(1_234_000), at));
                printer.print(LabelFormat.ZPL.render(composer.compose(item, context)));
                return null;
            });
            report(out, figures, "end_to_end_zpl_tcp", all);
        }
        out.println(new ObjectMapper().writeValueAsString(figures));
        out.flush();
        return 0;
    }

    private static WeightReading reading(long netMg) {
        return new WeightReading(netMg, netMg, 0, 5_000, true, false, WeightStatus.OK, 0);
    }

    private static void drain(ServerSocket sink) {
        byte[] buf = new byte[8192];
        while (!sink.isClosed()) {
            try (Socket s = sink.accept(); InputStream in = s.getInputStream()) {
                while (in.read(buf) >= 0) {
                    // discard, as a printer's buffer would take it
                }
            } catch (Exception e) {
                // closed at the end of the bench
            }
        }
    }

    interface Step {
        Object run(int i) throws Exception;
    }

    private long[] time(Step step) throws Exception {
        return time(iterations, step);
    }

    /** Warms up with n/2 runs (JIT), then times n runs; nanoseconds, sorted. */
    private static long[] time(int n, Step step) throws Exception {
        Object sink = null;
        for (int i = 0; i < n / 2; i++) sink = step.run(i);
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            long s = System.nanoTime();
            sink = step.run(i);
            t[i] = System.nanoTime() - s;
        }
        if (sink == null && n < 0) throw new AssertionError(); // keeps the results alive
        Arrays.sort(t);
        return t;
    }

    private static void report(PrintWriter out, Map<String, Object> figures, String name, long[] sortedNanos) {
        double p50 = sortedNanos[sortedNanos.length / 2] / 1e3;
        double p99 = sortedNanos[(int) Math.min(sortedNanos.length - 1, Math.ceil(sortedNanos.length * 0.99) - 1)] / 1e3;
        out.printf(Locale.ROOT, "%-22s p50 %10.1f us   p99 %10.1f us   (%d runs)%n", name, p50, p99, sortedNanos.length);
        figures.put(name + "_us_p50", round(p50));
        figures.put(name + "_us_p99", round(p99));
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
