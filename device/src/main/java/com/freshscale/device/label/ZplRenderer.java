package com.freshscale.device.label;

import com.freshscale.protocol.barcode.Symbology;
import java.nio.charset.StandardCharsets;

/**
 * ZPL II (Zebra ZPL II Programming Guide): {@code ^CI28} selects UTF-8, {@code ^FH} lets field data carry
 * {@code ^ ~ \} as hex escapes, {@code ^A0} is the scalable built-in font (height and width in dots),
 * {@code ^BE}/{@code ^BU} are EAN-13/UPC-A with the interpretation line below; the printer adds the check
 * digit. The scalable font has no bold: bold text is struck twice, one dot apart.
 */
final class ZplRenderer implements LabelRenderer {
    @Override
    public byte[] render(Label label) {
        StringBuilder z = new StringBuilder();
        z.append("^XA\n^CI28\n^PW").append(label.stock().widthDots()).append("\n^LL").append(label.stock().heightDots())
                .append("\n^LH0,0\n");
        for (LabelElement e : label.elements()) {
            if (e instanceof LabelElement.Text t) {
                text(z, t.x(), t);
                if (t.bold()) text(z, t.x() + 1, t);
            } else if (e instanceof LabelElement.Rule r) {
                z.append("^FO").append(r.x()).append(',').append(r.y())
                        .append("^GB").append(r.width()).append(',').append(r.thickness()).append(',').append(r.thickness())
                        .append("^FS\n");
            } else if (e instanceof LabelElement.Barcode b) {
                z.append("^FO").append(b.x()).append(',').append(b.y())
                        .append("^BY").append(b.module())
                        .append(b.symbology() == Symbology.EAN_13 ? "^BEN," : "^BUN,").append(b.height())
                        .append(b.symbology() == Symbology.EAN_13 ? ",Y,N" : ",Y,N,Y")
                        .append("^FD").append(b.withoutCheckDigit()).append("^FS\n");
            }
        }
        z.append("^PQ1\n^XZ\n");
        return z.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The text's fields go in before the job's end ({@code ^PQ1 ^XZ}), as the elements {@link #render} drew. */
    @Override
    public byte[] addText(byte[] rendered, LabelElement.Text t, LabelStock stock) {
        String job = new String(rendered, StandardCharsets.UTF_8);
        int end = job.lastIndexOf("^PQ1");
        if (end < 0) throw new IllegalArgumentException("not a ZPL label job of this scale (no ^PQ1)");
        StringBuilder z = new StringBuilder();
        text(z, t.x(), t);
        if (t.bold()) text(z, t.x() + 1, t);
        return (job.substring(0, end) + z + job.substring(end)).getBytes(StandardCharsets.UTF_8);
    }

    private static void text(StringBuilder z, int x, LabelElement.Text t) {
        z.append("^FO").append(x).append(',').append(t.y()).append("^A0N,").append(t.height()).append(',').append(t.height())
                .append("^FH\\^FD").append(escape(t.text())).append("^FS\n");
    }

    /** With {@code ^FH\}, a backslash followed by two hex digits is that byte: hides ZPL's command characters. */
    static String escape(String s) {
        return s.replace("\\", "\\5C").replace("^", "\\5E").replace("~", "\\7E").replaceAll("[\\r\\n]", " ");
    }
}
