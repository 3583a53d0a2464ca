package com.freshscale.device.label;

/** The output formats of a label: three printer languages and a PNG preview. */
public enum LabelFormat {
    /** Zebra Programming Language II (Zebra, and most label printers in ZPL emulation). */
    ZPL("zpl", new ZplRenderer()),
    /** TSC Printer Language (TSC, Xprinter, many low-cost label printers). */
    TSPL("tspl", new TsplRenderer()),
    /** Epson ESC/POS (receipt printers and label printers in receipt mode). */
    ESCPOS("escpos", new EscPosRenderer()),
    /** A picture of the label (screen preview, e-mail, tests). */
    PNG("png", new PngRenderer());

    private final String extension;
    private final LabelRenderer renderer;

    LabelFormat(String extension, LabelRenderer renderer) {
        this.extension = extension;
        this.renderer = renderer;
    }

    public String extension() {
        return extension;
    }

    public byte[] render(Label label) {
        return renderer.render(label);
    }

    /** See {@link LabelRenderer#addText}. */
    public byte[] addText(byte[] rendered, LabelElement.Text text, LabelStock stock) {
        return renderer.addText(rendered, text, stock);
    }
}
