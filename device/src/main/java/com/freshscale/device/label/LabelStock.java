package com.freshscale.device.label;

/**
 * The label stock and print head: a die-cut label {@code widthMm × heightMm} with {@code gapMm} between
 * labels, printed at {@code dpi}. The default is the common 58 × 40 mm scale label at 203 dpi (8 dots/mm).
 */
public record LabelStock(double widthMm, double heightMm, double gapMm, int dpi) {
    public static final LabelStock DEFAULT = new LabelStock(58, 40, 2, 203);

    public LabelStock {
        if (widthMm < 40 || widthMm > 120) throw new IllegalArgumentException("label width must be 40..120 mm, got " + widthMm);
        if (heightMm < 30 || heightMm > 200) throw new IllegalArgumentException("label height must be 30..200 mm, got " + heightMm);
        if (gapMm < 0 || gapMm > 10) throw new IllegalArgumentException("label gap must be 0..10 mm, got " + gapMm);
        if (dpi != 203 && dpi != 300) throw new IllegalArgumentException("print head must be 203 or 300 dpi, got " + dpi);
    }

    public int widthDots() {
        return dots(widthMm);
    }

    public int heightDots() {
        return dots(heightMm);
    }

    public int dots(double mm) {
        return (int) Math.round(mm * dpi / 25.4);
    }
}
