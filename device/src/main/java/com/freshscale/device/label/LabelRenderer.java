package com.freshscale.device.label;

/** Turns the one label model into the bytes of one printer language (or an image). */
public interface LabelRenderer {
    byte[] render(Label label);
}
