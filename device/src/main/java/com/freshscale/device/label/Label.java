package com.freshscale.device.label;

import java.util.List;
import java.util.Objects;

/** A composed label: its stock and the elements to print on it. The one model all renderers draw. */
public record Label(LabelStock stock, List<LabelElement> elements) {
    public Label {
        Objects.requireNonNull(stock, "stock");
        elements = List.copyOf(elements);
    }

    /** The barcode of the label (every sale label has exactly one). */
    public LabelElement.Barcode barcode() {
        return elements.stream().filter(LabelElement.Barcode.class::isInstance).map(LabelElement.Barcode.class::cast)
                .findFirst().orElseThrow(() -> new IllegalStateException("label without barcode"));
    }
}
