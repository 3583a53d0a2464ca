package com.freshscale.protocol.codec;

/** A protocol message that carries its {@code schema} version. */
public interface Versioned {
    int schema();
}
