package com.freshscale.device.ui;

import java.util.List;

/** Facts about the kiosk pages shared by the Java side. */
public final class Kiosk {
    /** Languages the kiosk pages have texts for (static/kiosk/i18n.js). */
    public static final List<String> LANGUAGES = List.of("en", "de");

    private Kiosk() {
    }
}
