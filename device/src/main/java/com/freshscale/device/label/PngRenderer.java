package com.freshscale.device.label;

import com.freshscale.protocol.barcode.Symbology;
import com.google.zxing.oned.EAN13Writer;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * A PNG picture of the label at the print head's resolution (one pixel per dot), drawn with Java2D; the
 * bars come from ZXing's EAN-13/UPC-A encoders, one module = {@code module} pixels, so the picture scans.
 */
final class PngRenderer implements LabelRenderer {
    @Override
    public byte[] render(Label label) {
        int w = label.stock().widthDots();
        int h = label.stock().heightDots();
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            g.setColor(Color.BLACK);
            for (LabelElement e : label.elements()) {
                if (e instanceof LabelElement.Text t) {
                    text(g, t.x(), t.y(), t.height(), t.bold(), t.text(), w - t.x() - 2);
                } else if (e instanceof LabelElement.Rule r) {
                    g.fillRect(r.x(), r.y(), r.width(), r.thickness());
                } else if (e instanceof LabelElement.Barcode b) {
                    barcode(g, b, w);
                }
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode PNG", e);
        }
        return out.toByteArray();
    }

    @Override
    public byte[] addText(byte[] rendered, LabelElement.Text t, LabelStock stock) {
        BufferedImage image;
        try {
            image = ImageIO.read(new java.io.ByteArrayInputStream(rendered));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read PNG label", e);
        }
        if (image == null) throw new IllegalArgumentException("not a PNG label");
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.BLACK);
            text(g, t.x(), t.y(), t.height(), t.bold(), t.text(), image.getWidth() - t.x() - 2);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode PNG", e);
        }
        return out.toByteArray();
    }

    private static void barcode(Graphics2D g, LabelElement.Barcode b, int labelWidth) {
        // a UPC-A symbol is the EAN-13 symbol of the same number with a leading 0
        boolean[] modules = new EAN13Writer().encode(b.symbology() == Symbology.EAN_13 ? b.digits() : "0" + b.digits());
        for (int i = 0; i < modules.length; i++) {
            if (modules[i]) g.fillRect(b.x() + i * b.module(), b.y(), b.module(), b.height());
        }
        int width = modules.length * b.module();
        int textHeight = Math.max(12, b.module() * 7);
        Font font = new Font(Font.MONOSPACED, Font.PLAIN, textHeight);
        g.setFont(font);
        FontMetrics m = g.getFontMetrics();
        int textX = b.x() + (width - m.stringWidth(b.digits())) / 2;
        g.drawString(b.digits(), Math.max(0, textX), b.y() + b.height() + m.getAscent());
    }

    /** Text whose cell is {@code height} px high, narrowed if it would run past {@code maxWidth}. */
    private static void text(Graphics2D g, int x, int y, int height, boolean bold, String s, int maxWidth) {
        Font font = new Font(Font.SANS_SERIF, bold ? Font.BOLD : Font.PLAIN, height);
        g.setFont(font);
        FontMetrics m = g.getFontMetrics();
        // a font of size s has ascent + descent of about 1.15 s: scale to the cell height
        float size = height * (float) height / (m.getAscent() + m.getDescent());
        font = font.deriveFont(size);
        g.setFont(font);
        m = g.getFontMetrics();
        int width = m.stringWidth(s);
        if (width > maxWidth) {
            font = font.deriveFont(java.awt.geom.AffineTransform.getScaleInstance(maxWidth / (double) width, 1));
            g.setFont(font);
        }
        g.drawString(s, x, y + g.getFontMetrics().getAscent());
    }
}
