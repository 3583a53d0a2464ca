package com.freshscale.server.ingest;

import com.freshscale.protocol.sales.Sale;
import com.freshscale.server.prices.TextRules;

/**
 * The free text a scale sends with a sale (void reason, item name, promotion text) is shown on the console and written
 * into CSV reports: it must be printable text by the rule managers' texts follow ({@link TextRules}: no control
 * characters such as TAB or line breaks, no bidirectional overrides). A scale's own texts are: its void reasons are
 * fixed sentences, its names and promotion texts come from the book, which TextRules checked when a manager typed them.
 */
final class ScaleText {
    private ScaleText() {}

    /** Null if every text of {@code s} is printable, else why not. */
    static TillCheck.Verdict check(Sale s) {
        try {
            TextRules.check("voidReason", s.voidReason());
            TextRules.check("itemName", s.itemName());
            TextRules.check("promotionText", s.promotionText());
            return null;
        } catch (IllegalArgumentException e) {
            return new TillCheck.Verdict(QuarantineReason.UNPRINTABLE_TEXT, e.getMessage());
        }
    }
}
