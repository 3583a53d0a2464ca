package com.freshscale.device.label;

import java.util.Objects;

/**
 * What the label needs beyond the priced item: the store, and the traceability the weights-and-measures
 * inspector and HQ need: which scale, which sale, and the calibration counter (the audit-trail event
 * counter that changes with every calibration, the event counter of WELMEC Guide 7.2 / OIML R76; a label with an old counter
 * shows the scale was re-adjusted since).
 */
public record LabelContext(String storeName, String scaleId, long saleNumber, long calibrationCounter, String language,
                           String paidReference) {
    /** A label for the checkout (not paid at the scale). */
    public LabelContext(String storeName, String scaleId, long saleNumber, long calibrationCounter, String language) {
        this(storeName, scaleId, saleNumber, calibrationCounter, language, null);
    }

    /** The same label, PAID at the scale by card payment {@code reference} (issue 13). */
    public LabelContext paid(String reference) {
        return new LabelContext(storeName, scaleId, saleNumber, calibrationCounter, language, reference);
    }

    public LabelContext {
        Objects.requireNonNull(storeName, "storeName");
        Objects.requireNonNull(scaleId, "scaleId");
        Objects.requireNonNull(language, "language");
        if (saleNumber < 0) throw new IllegalArgumentException("sale number must not be negative");
        if (calibrationCounter < 0) throw new IllegalArgumentException("calibration counter must not be negative");
    }
}
