package com.freshscale.device.label;

import com.freshscale.protocol.barcode.Symbology;
import java.nio.charset.Charset;
import java.util.Locale;

/**
 * TSPL/TSPL2 (TSC TSPL/TSPL2 Programming Manual): {@code SIZE}/{@code GAP} describe the stock, {@code CODEPAGE 1252}
 * gives the Western European characters (€, umlauts) in the bitmap fonts, {@code TEXT} uses bitmap fonts 1–5
 * with integer multipliers, {@code BARCODE "EAN13"/"UPCA"} print the interpretation line and add the check
 * digit. Commands end with CR LF.
 */
final class TsplRenderer implements LabelRenderer {
    private static final Charset CP1252 = Charset.forName("windows-1252");
    /** Character cell heights of fonts "1".."5" in dots (TSPL manual, TEXT command font table). */
    private static final int[] HEIGHTS_203 = {12, 20, 24, 32, 48};
    private static final int[] HEIGHTS_300 = {20, 28, 32, 48, 64};

    @Override
    public byte[] render(Label label) {
        LabelStock s = label.stock();
        StringBuilder t = new StringBuilder();
        line(t, "SIZE " + mm(s.widthMm()) + " mm," + mm(s.heightMm()) + " mm");
        line(t, "GAP " + mm(s.gapMm()) + " mm,0 mm");
        line(t, "DIRECTION 1");
        line(t, "REFERENCE 0,0");
        line(t, "CODEPAGE 1252");
        line(t, "CLS");
        int[] heights = s.dpi() >= 300 ? HEIGHTS_300 : HEIGHTS_203;
        for (LabelElement e : label.elements()) {
            if (e instanceof LabelElement.Text x) {
                text(t, x.x(), x, heights);
                if (x.bold()) text(t, x.x() + 1, x, heights);
            } else if (e instanceof LabelElement.Rule r) {
                line(t, "BAR " + r.x() + "," + r.y() + "," + r.width() + "," + r.thickness());
            } else if (e instanceof LabelElement.Barcode b) {
                line(t, "BARCODE " + b.x() + "," + b.y() + ","
                        + (b.symbology() == Symbology.EAN_13 ? "\"EAN13\"" : "\"UPCA\"") + "," + b.height()
                        + ",1,0," + b.module() + "," + b.module() + ",\"" + b.withoutCheckDigit() + "\"");
            }
        }
        line(t, "PRINT 1,1");
        // characters outside code page 1252 become '?' rather than garbage
        return t.toString().getBytes(CP1252);
    }

    /** The text's commands go in before {@code PRINT}; fonts as {@link #render} chooses them for the stock. */
    @Override
    public byte[] addText(byte[] rendered, LabelElement.Text x, LabelStock stock) {
        String job = new String(rendered, CP1252);
        int end = job.lastIndexOf("PRINT 1,1");
        if (end < 0) throw new IllegalArgumentException("not a TSPL label job of this scale (no PRINT)");
        int[] heights = stock.dpi() >= 300 ? HEIGHTS_300 : HEIGHTS_203;
        StringBuilder t = new StringBuilder();
        text(t, x.x(), x, heights);
        if (x.bold()) text(t, x.x() + 1, x, heights);
        return (job.substring(0, end) + t + job.substring(end)).getBytes(CP1252);
    }

    private static void text(StringBuilder t, int x, LabelElement.Text e, int[] heights) {
        int[] fm = fontFor(e.height(), heights);
        line(t, "TEXT " + x + "," + e.y() + ",\"" + fm[0] + "\",0," + fm[1] + "," + fm[1] + ",\"" + escape(e.text()) + "\"");
    }

    /** {font, multiplier}: the largest font × multiplier not taller than {@code height} (font 1 × 1 at least). */
    static int[] fontFor(int height, int[] heights) {
        int[] best = {1, 1};
        int bestHeight = 0;
        for (int mul = 1; mul <= 10; mul++) {
            for (int f = 0; f < heights.length; f++) {
                int h = heights[f] * mul;
                if (h <= height && h > bestHeight) {
                    bestHeight = h;
                    best = new int[] {f + 1, mul};
                }
            }
        }
        return best;
    }

    /** TSPL writes a double quote inside a string as \["]. */
    static String escape(String s) {
        return s.replace("\"", "\\[\"]").replaceAll("[\\r\\n]", " ");
    }

    private static String mm(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static void line(StringBuilder t, String command) {
        t.append(command).append("\r\n");
    }
}
