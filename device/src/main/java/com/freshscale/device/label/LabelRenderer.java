package com.freshscale.device.label;

/** Turns the one label model into the bytes of one printer language (or an image). */
public interface LabelRenderer {
    byte[] render(Label label);

    /**
     * {@code rendered} (a job this renderer made) with {@code text} (laid out for {@code stock}) drawn on it as well, the rest byte for byte: marks a
     * stored label as a copy without composing it again (the job is all the scale keeps of a printed label).
     */
    byte[] addText(byte[] rendered, LabelElement.Text text, LabelStock stock);
}
