package com.freshscale.models;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** The training-curve and confusion-matrix PNGs, drawn with Java 2D (headless). */
final class Charts {
    private Charts() {
    }

    /** One line per series over epochs; {@code series[i]} drawn in {@code colours[i]}, values 0..max. */
    static void curves(Path file, String title, List<String> names, List<double[]> series, double max) throws IOException {
        int w = 900;
        int h = 520;
        int left = 60;
        int right = 230;
        int top = 40;
        int bottom = 50;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = start(img);
        g.drawString(title, left, 24);
        int pw = w - left - right;
        int ph = h - top - bottom;
        g.setColor(new Color(230, 230, 230));
        for (int i = 0; i <= 10; i++) {
            int y = top + ph - i * ph / 10;
            g.drawLine(left, y, left + pw, y);
        }
        g.setColor(Color.BLACK);
        g.drawRect(left, top, pw, ph);
        for (int i = 0; i <= 10; i += 2) {
            g.drawString(String.format("%.1f", max * i / 10), 8, top + ph - i * ph / 10 + 5);
        }
        int epochs = series.stream().mapToInt(s -> s.length).max().orElse(1);
        for (int e = 0; e < epochs; e += Math.max(1, epochs / 10)) {
            g.drawString(Integer.toString(e + 1), left + (epochs == 1 ? 0 : e * pw / (epochs - 1)) - 4, top + ph + 18);
        }
        g.drawString("epoch", left + pw / 2, h - 10);
        Color[] colours = {new Color(200, 40, 40), new Color(30, 90, 200), new Color(30, 150, 60), new Color(150, 60, 170)};
        g.setStroke(new BasicStroke(2f));
        for (int s = 0; s < series.size(); s++) {
            double[] v = series.get(s);
            g.setColor(colours[s % colours.length]);
            for (int e = 1; e < v.length; e++) {
                int x0 = left + (e - 1) * pw / Math.max(1, epochs - 1);
                int x1 = left + e * pw / Math.max(1, epochs - 1);
                g.drawLine(x0, y(v[e - 1], max, top, ph), x1, y(v[e], max, top, ph));
            }
            g.fillRect(left + pw + 15, top + 10 + s * 22, 14, 4);
            g.setColor(Color.BLACK);
            g.drawString(names.get(s), left + pw + 35, top + 16 + s * 22);
        }
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }

    private static int y(double v, double max, int top, int ph) {
        double c = Math.max(0, Math.min(max, v));
        return top + ph - (int) Math.round(c / max * ph);
    }

    /** Row = true label, column = predicted; cells shaded by the row-normalised count. */
    static void confusion(Path file, String title, List<String> labels, int[][] m) throws IOException {
        int k = labels.size();
        int cell = 14;
        int margin = 150;
        int size = margin + k * cell + 20;
        BufferedImage img = new BufferedImage(size, size + 30, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = start(img);
        g.drawString(title, 10, 20);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        int oy = 30;
        for (int r = 0; r < k; r++) {
            int total = 0;
            for (int c = 0; c < k; c++) total += m[r][c];
            g.setColor(Color.BLACK);
            g.drawString(labels.get(r), 4, oy + margin + r * cell + 11);
            for (int c = 0; c < k; c++) {
                float f = total == 0 ? 0 : m[r][c] / (float) total;
                Color col = r == c ? new Color(1 - f, 1 - f * 0.4f, 1 - f) : new Color(1f, 1 - f, 1 - f);
                g.setColor(col);
                g.fillRect(margin + c * cell, oy + margin + r * cell, cell, cell);
            }
        }
        g.setColor(Color.BLACK);
        for (int c = 0; c < k; c++) {
            Graphics2D v = (Graphics2D) g.create();
            v.translate(margin + c * cell + 11, oy + margin - 4);
            v.rotate(-Math.PI / 2);
            v.drawString(labels.get(c), 0, 0);
            v.dispose();
        }
        g.drawRect(margin, oy + margin, k * cell, k * cell);
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }

    private static Graphics2D start(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        return g;
    }
}
