package com.freshscale.device.label;

import com.freshscale.protocol.barcode.Symbology;
import java.util.Objects;

/**
 * One thing printed on a label, positioned in printer dots from the top-left corner. Every renderer
 * (ZPL, TSPL, ESC/POS, PNG) draws the same elements, so all outputs carry the same content.
 */
public sealed interface LabelElement {

    int y();

    /** A line of text; {@code height} is the cap-to-descender height in dots. */
    record Text(int x, int y, int height, boolean bold, String text) implements LabelElement {
        public Text {
            Objects.requireNonNull(text, "text");
            if (height < 8) throw new IllegalArgumentException("text height below 8 dots is unreadable");
        }
    }

    /**
     * A barcode with its human-readable digits below the bars.
     *
     * @param height height of the bars in dots
     * @param module width of the narrowest bar in dots (GS1 X-dimension)
     * @param digits all digits including the check digit (13 for EAN-13, 12 for UPC-A)
     */
    record Barcode(int x, int y, int height, int module, Symbology symbology, String digits) implements LabelElement {
        public Barcode {
            Objects.requireNonNull(symbology, "symbology");
            if (digits.length() != symbology.length() || !digits.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException(symbology + " needs " + symbology.length() + " digits, got '" + digits + "'");
            }
        }

        /** The digits without the check digit: ZPL, TSPL and ESC/POS printers compute the check digit themselves. */
        public String withoutCheckDigit() {
            return digits.substring(0, digits.length() - 1);
        }
    }

    /** A solid horizontal rule. */
    record Rule(int x, int y, int width, int thickness) implements LabelElement {
    }
}
