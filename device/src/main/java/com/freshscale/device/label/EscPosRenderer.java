package com.freshscale.device.label;

import com.freshscale.protocol.barcode.Symbology;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * ESC/POS (Epson ESC/POS Command Reference): a line printer, so the label's elements are printed top to
 * bottom, elements on the same row joined. {@code ESC t 16} selects code page WPC1252 (€, umlauts),
 * {@code GS !} scales the 12 × 24-dot font A, {@code GS k} function B prints EAN-13 (m = 67) or UPC-A
 * (m = 65) with the interpretation line below ({@code GS H 2}); the printer adds the check digit.
 * {@code GS V 66} feeds to the cutter and cuts.
 */
final class EscPosRenderer implements LabelRenderer {
    private static final Charset CP1252 = Charset.forName("windows-1252");
    private static final int ESC = 0x1B;
    private static final int GS = 0x1D;
    private static final int LF = 0x0A;
    /** Font A cell height in dots. */
    private static final int FONT_A_HEIGHT = 24;
    /** Characters per line of font A on 58 mm paper (48 mm printable at 8 dots/mm = 384 dots / 12). */
    private static final int COLUMNS = 32;
    /** Texts whose tops differ by at most this many dots (1 mm at 203 dpi) are printed on one line. */
    private static final int ROW_TOLERANCE = 8;

    @Override
    public byte[] render(Label label) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(ESC);
        out.write('@'); // initialise
        out.write(ESC);
        out.write('t');
        out.write(16); // WPC1252
        for (List<LabelElement> row : rows(label.elements())) {
            LabelElement first = row.get(0);
            if (first instanceof LabelElement.Barcode b) {
                barcode(out, b);
            } else if (first instanceof LabelElement.Rule) {
                bytes(out, "-".repeat(COLUMNS));
                out.write(LF);
            } else {
                text(out, row);
            }
        }
        out.write(GS);
        out.write('V');
        out.write(66);
        out.write(3); // feed 3 lines, then partial cut
        return out.toByteArray();
    }

    /** The text as a line of its own after the label's last, before the feed and cut ({@code GS V 66 3}, 4 bytes). */
    @Override
    public byte[] addText(byte[] rendered, LabelElement.Text t, LabelStock stock) {
        int end = rendered.length - 4;
        if (end < 0 || rendered[end] != GS || rendered[end + 1] != 'V') {
            throw new IllegalArgumentException("not an ESC/POS label job of this scale (no cut at the end)");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(rendered, 0, end);
        text(out, List.of(t));
        out.write(rendered, end, 4);
        return out.toByteArray();
    }

    /** Rows top to bottom: texts whose tops lie within {@link #ROW_TOLERANCE} dots share a row, left to right. */
    private static List<List<LabelElement>> rows(List<LabelElement> elements) {
        List<LabelElement> sorted = new ArrayList<>(elements);
        sorted.sort(Comparator.comparingInt(LabelElement::y).thenComparingInt(EscPosRenderer::x));
        List<List<LabelElement>> rows = new ArrayList<>();
        for (LabelElement e : sorted) {
            List<LabelElement> last = rows.isEmpty() ? null : rows.get(rows.size() - 1);
            boolean joins = last != null && e.y() - last.get(0).y() <= ROW_TOLERANCE
                    && e instanceof LabelElement.Text && last.get(0) instanceof LabelElement.Text;
            if (joins) last.add(e);
            else rows.add(new ArrayList<>(List.of(e)));
        }
        rows.forEach(r -> r.sort(Comparator.comparingInt(EscPosRenderer::x)));
        return rows;
    }

    private static int x(LabelElement e) {
        if (e instanceof LabelElement.Text t) return t.x();
        if (e instanceof LabelElement.Barcode b) return b.x();
        return ((LabelElement.Rule) e).x();
    }

    private static void text(ByteArrayOutputStream out, List<LabelElement> row) {
        // a printer line has one size: that of the row's largest text
        LabelElement.Text first = row.stream().map(LabelElement.Text.class::cast)
                .max(Comparator.comparingInt(LabelElement.Text::height)).orElseThrow();
        int scale = Math.max(1, Math.min(8, Math.round(first.height() / (float) FONT_A_HEIGHT)));
        out.write(GS);
        out.write('!');
        out.write(((scale - 1) << 4) | (scale - 1));
        out.write(ESC);
        out.write('E');
        out.write(first.bold() ? 1 : 0);
        StringBuilder line = new StringBuilder();
        for (LabelElement e : row) {
            if (line.length() > 0) line.append("  ");
            line.append(((LabelElement.Text) e).text());
        }
        bytes(out, line.toString());
        out.write(LF);
        out.write(GS);
        out.write('!');
        out.write(0);
        out.write(ESC);
        out.write('E');
        out.write(0);
    }

    private static void barcode(ByteArrayOutputStream out, LabelElement.Barcode b) {
        out.write(GS);
        out.write('h');
        out.write(Math.min(255, b.height()));
        out.write(GS);
        out.write('w');
        out.write(Math.max(2, Math.min(6, b.module())));
        out.write(GS);
        out.write('H');
        out.write(2); // interpretation line below the bars
        String data = b.withoutCheckDigit();
        out.write(GS);
        out.write('k');
        out.write(b.symbology() == Symbology.EAN_13 ? 67 : 65);
        out.write(data.length());
        bytes(out, data);
        out.write(LF);
    }

    private static void bytes(ByteArrayOutputStream out, String s) {
        byte[] b = s.replaceAll("[\\r\\n\\x00-\\x1f]", " ").getBytes(CP1252);
        out.write(b, 0, b.length);
    }
}
