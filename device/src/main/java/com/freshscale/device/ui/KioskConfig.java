package com.freshscale.device.ui;

import java.util.List;

/**
 * Section {@code kiosk} of the scale's config file: the shopper's screen and the service menu.
 *
 * <pre>
 * kiosk:
 *   host: 127.0.0.1          # the touchscreen's Chromium runs on the scale itself; 0.0.0.0 to reach it from the LAN
 *                            # by IP address (KioskHosts: the kiosk answers to no other name than localhost)
 *   port: 8080
 *   servicePin: "SET-SITE-PIN"   # 4-8 digits, the site's own: a real scale refuses to start with this placeholder
 *                                # or with the demo's documented 4711 (the audit log records every login)
 *   languages: [en, de]      # first = the language a new shopper sees
 *   dataset: /opt/freshscale/produce-pictures   # tile pictures (classes.csv + iconic images); "" for none
 *   labelPreviews: ""        # folder for a PNG copy of every label printed; "" for none
 * </pre>
 */
public record KioskConfig(String host, int port, String servicePin, List<String> languages, String dataset,
                          String labelPreviews) {
    /**
     * The demo's service PIN, printed in the README and by {@code run --demo}: anyone who read them knows it, so only
     * the demo may run with it ({@link #requireSitePin}).
     */
    public static final String DOCUMENTED_DEFAULT_PIN = "4711";
    /** What the deployment example ({@code hardware-docs/deploy/scale.yaml}) ships instead of a working PIN. */
    public static final String PIN_PLACEHOLDER = "SET-SITE-PIN";

    public KioskConfig {
        if (host == null || host.isBlank()) throw new IllegalArgumentException("host is required, e.g. 127.0.0.1");
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0..65535, got " + port);
        if (PIN_PLACEHOLDER.equals(servicePin)) throw new IllegalArgumentException(notASitePin(servicePin));
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

    /**
     * A scale in a store must not open its service menu (zero, calibration, reprints, card reversals) to the PIN the
     * README prints: {@code run --config} calls this, {@code run --demo} does not.
     *
     * @throws IllegalArgumentException naming the key, when the PIN is the documented default
     */
    public void requireSitePin() {
        if (DOCUMENTED_DEFAULT_PIN.equals(servicePin)) throw new IllegalArgumentException(notASitePin(servicePin));
    }

    private static String notASitePin(String pin) {
        return "kiosk.servicePin \"" + pin + "\" is the documentation's, not a site PIN: set the site's own PIN (4 to 8 digits) "
                + "before the scale goes into service";
    }
}
