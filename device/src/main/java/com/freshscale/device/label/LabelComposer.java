package com.freshscale.device.label;

import com.freshscale.device.pricing.PricedItem;
import com.freshscale.protocol.barcode.Symbology;
import java.util.ArrayList;
import java.util.List;

/**
 * Lays a priced item out on the label stock. Positions are designed in millimetres so the layout holds at
 * 203 and 300 dpi alike. The barcode X-dimension is the smallest whole number of dots not below the GS1
 * minimum of 0.264 mm for EAN/UPC at the point of sale (GS1 General Specifications, symbol
 * specification table for general retail POS): 3 dots (0.375 mm) at 203 dpi, 4 dots (0.339 mm) at 300 dpi. Left of the bars
 * stays the 11-module quiet zone EAN-13 needs (GS1 General Specifications, EAN/UPC quiet zones).
 */
public final class LabelComposer {
    private static final double MIN_X_DIMENSION_MM = 0.264;
    /** Approximate advance of a character of the printers' built-in sans fonts, as a share of its height. */
    private static final double CHAR_WIDTH = 0.55;

    private final LabelStock stock;

    public LabelComposer(LabelStock stock) {
        this.stock = stock;
    }

    public Label compose(PricedItem item, LabelContext context) {
        LabelText t = new LabelText(context.language());
        List<LabelElement> e = new ArrayList<>();
        int left = stock.dots(2);
        int full = stock.widthDots() - 2 * left;

        e.add(text(left, 1.2, 2.8, false, context.storeName(), full));
        e.add(text(left, 4.4, 4.4, true, item.name(), full));
        // origin, class and variety (EU 543/2011) get their own line under the name; the lines below move down
        // and shrink a little to make room, so the rule, total and barcode stay where the POS scanner expects them
        String marketing = t.marketing(item.originCountry(), item.qualityClass(), item.variety());
        double y = 9.6;
        double line = 2.6;
        if (marketing != null) {
            e.add(text(left, 9.2, 2.4, true, marketing, full));
            y = 11.8;
            line = 2.3;
        }
        String dates = t.caption("packed") + " " + t.date(item.packedOn());
        if (item.sellBy() != null) dates += "   " + t.caption("sellBy") + " " + t.date(item.sellBy());
        e.add(text(left, y, line, false, dates, full));

        String unit = t.money(item.unitPriceMinor(), item.currency());
        double priceY = marketing != null ? 14.3 : 12.8;
        double priceHeight = marketing != null ? 2.8 : 3.0;
        switch (item.saleType()) {
            case PER_KG -> {
                e.add(text(left, priceY, priceHeight, false, t.caption("net") + " " + t.kg(item.netMg()), stock.dots(26)));
                e.add(text(stock.dots(30), priceY, priceHeight, false, unit + "/kg", stock.dots(26)));
            }
            case PER_PIECE -> e.add(text(left, priceY, priceHeight, false,
                    item.count() + " " + t.caption("pcs") + " x " + unit, full));
            case FIXED -> { }
        }
        if (item.promotion() != null) {
            e.add(text(left, marketing != null ? 17.2 : 16.4, marketing != null ? 2.3 : 2.6, true, item.promotion().text() + "   "
                    + t.caption("save") + " " + t.money(item.promotion().savingMinor(), item.currency()), full));
        }
        e.add(new LabelElement.Rule(left, stock.dots(19.6), full, 2));
        // a label paid at the scale says so where the till operator looks first, beside the total; its barcode
        // (PaymentConfig.paidBarcode) is one the till does not charge, and the payment reference is the receipt's
        boolean paid = context.paidReference() != null;
        e.add(text(left, 20.8, 3.2, paid, paid ? t.caption("paid") : t.caption("total"), stock.dots(16)));
        e.add(text(stock.dots(20), 20.2, 5.0, true, t.money(item.totalMinor(), item.currency()), stock.dots(36)));

        int module = (int) Math.ceil(MIN_X_DIMENSION_MM * stock.dpi() / 25.4);
        Symbology symbology = item.barcode().length() == 13 ? Symbology.EAN_13 : Symbology.UPC_A;
        e.add(new LabelElement.Barcode(11 * module, stock.dots(25.5), stock.dots(8.5), module, symbology, item.barcode()));

        int column = stock.dots(44.5);
        int columnWidth = stock.widthDots() - column - stock.dots(1);
        e.add(text(column, 25.8, 2.4, false, t.caption("scale") + " " + context.scaleId(), columnWidth));
        e.add(text(column, 28.8, 2.4, false, t.caption("sale") + " " + context.saleNumber(), columnWidth));
        e.add(text(column, 31.8, 2.4, false, t.caption("cal") + " " + context.calibrationCounter(), columnWidth));
        if (paid) e.add(text(left, 36.6, 2.0, false, t.caption("paid") + " " + t.caption("card") + " " + context.paidReference(), full));
        return new Label(stock, e);
    }

    /**
     * The mark a copy of a printed label carries ("KOPIE" on a German label, "COPY" on an English one), bold and full width
     * on the bottom line, where a PAID label has its payment reference (a PAID label is never copied): below the
     * barcode's digits, clear of its quiet zones, so the copy still scans and the till operator sees it is a duplicate.
     */
    public LabelElement.Text copyMark(String language) {
        LabelText t = new LabelText(language);
        int left = stock.dots(2);
        return text(left, 36.6, 2.8, true, "*** " + t.caption("copy") + " ***", stock.widthDots() - 2 * left);
    }

    /** Text at {@code yMm}, {@code heightMm} high, shrunk (not below 2 mm) so it fits {@code maxWidth} dots. */
    private LabelElement.Text text(int x, double yMm, double heightMm, boolean bold, String s, int maxWidth) {
        int height = stock.dots(heightMm);
        int fitting = (int) Math.floor(maxWidth / (CHAR_WIDTH * Math.max(1, s.length())));
        height = Math.max(Math.min(height, fitting), stock.dots(2));
        return new LabelElement.Text(x, stock.dots(yMm), height, bold, s);
    }
}
