package com.freshscale.device.label.printer;

import com.freshscale.device.label.LabelFormat;
import com.freshscale.device.label.LabelStock;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Config section {@code printer}.
 *
 * <pre>
 * printer:
 *   language: zpl                  # zpl | tspl | escpos (png: a picture, for the simulated printer)
 *   target: "tcp://10.0.0.5:9100"  # tcp://host:port | device:/dev/usb/lp0 | file:/path/label.zpl | simulated:/folder
 *   timeoutMs: 3000                # connect / status / write timeout
 *   statusQuery: true              # tcp only: ask paper/head status before each label
 *   widthMm: 58                    # label stock
 *   heightMm: 40
 *   gapMm: 2
 *   dpi: 203                       # print head: 203 or 300
 * </pre>
 */
public record PrinterConfig(
        String language,
        String target,
        long timeoutMs,
        boolean statusQuery,
        double widthMm,
        double heightMm,
        double gapMm,
        int dpi) {

    public PrinterConfig {
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(target, "target");
        format(language);
        new LabelStock(widthMm, heightMm, gapMm, dpi);
        if (timeoutMs < 100 || timeoutMs > 60_000) throw new IllegalArgumentException("timeoutMs must be 100..60000, got " + timeoutMs);
        URI uri = parse(target);
        if (statusQuery && !"tcp".equals(uri.getScheme())) {
            throw new IllegalArgumentException("statusQuery needs a tcp:// target: the other transports cannot answer");
        }
        if (statusQuery && format(language) == LabelFormat.PNG) {
            throw new IllegalArgumentException("statusQuery needs a printer language, not png");
        }
    }

    public LabelFormat format() {
        return format(language);
    }

    public LabelStock stock() {
        return new LabelStock(widthMm, heightMm, gapMm, dpi);
    }

    /** The printer this section describes. */
    public LabelPrinter open() {
        URI uri = parse(target);
        Duration timeout = Duration.ofMillis(timeoutMs);
        return switch (uri.getScheme()) {
            case "tcp" -> new TcpPrinter(uri.getHost(), uri.getPort(), timeout,
                    statusQuery ? StatusQuery.valueOf(format().name()) : null);
            case "device" -> new CharacterDevicePrinter(Path.of(uri.getSchemeSpecificPart()), timeout);
            case "file" -> new FilePrinter(Path.of(uri.getSchemeSpecificPart()));
            case "simulated" -> new SimulatedPrinter(Path.of(uri.getSchemeSpecificPart()), format().extension());
            default -> throw new IllegalStateException("checked in the constructor");
        };
    }

    private static LabelFormat format(String language) {
        try {
            return LabelFormat.valueOf(language.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("language must be zpl, tspl, escpos or png, got '" + language + "'");
        }
    }

    private static URI parse(String target) {
        String hint = "target must be tcp://host:port, device:/dev/..., file:/path or simulated:/folder, got '" + target + "'";
        URI uri;
        try {
            uri = new URI(target);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(hint);
        }
        String scheme = uri.getScheme();
        if (scheme == null) throw new IllegalArgumentException(hint);
        switch (scheme) {
            case "tcp" -> {
                if (uri.getHost() == null || uri.getPort() < 1 || uri.getPort() > 65535) throw new IllegalArgumentException(hint);
            }
            case "device", "file", "simulated" -> {
                if (uri.getSchemeSpecificPart() == null || !uri.getSchemeSpecificPart().startsWith("/")) {
                    throw new IllegalArgumentException(hint + " (paths must be absolute)");
                }
            }
            default -> throw new IllegalArgumentException(hint);
        }
        return uri;
    }
}
