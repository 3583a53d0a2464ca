package com.freshscale.device.ui;

import java.util.List;

/**
 * Section {@code kiosk} of the scale's config file: the shopper's screen and the service menu.
 *
 * <pre>
 * kiosk:
 *   host: 127.0.0.1          # the touchscreen's Chromium runs on the scale itself; 0.0.0.0 to reach it from the LAN
 *   port: 8080
 *   servicePin: "4711"       # 4-8 digits; change it at installation (the audit log records every login)
 *   languages: [en, de]      # first = the language a new shopper sees
 *   dataset: /opt/freshscale/produce-pictures   # tile pictures (classes.csv + iconic images); "" for none
 *   labelPreviews: ""        # folder for a PNG copy of every label printed; "" for none
 * </pre>
 */
public record KioskConfig(String host, int port, String servicePin, List<String> languages, String dataset,
                          String labelPreviews) {
    public KioskConfig {
        if (host == null || host.isBlank()) throw new IllegalArgumentException("host is required, e.g. 127.0.0.1");
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0..65535, got " + port);
        if (servicePin == null || !servicePin.matches("[0-9]{4,8}")) {
            throw new IllegalArgumentException("servicePin must be 4 to 8 digits");
        }
        if (languages == null || languages.isEmpty()) throw new IllegalArgumentException("languages needs at least one, e.g. [en, de]");
        for (String l : languages) {
            if (!Kiosk.LANGUAGES.contains(l)) {
                throw new IllegalArgumentException("language '" + l + "' has no kiosk texts; available: " + Kiosk.LANGUAGES);
            }
        }
        languages = List.copyOf(languages);
        if (dataset == null) dataset = "";
        if (labelPreviews == null) labelPreviews = "";
    }
}
