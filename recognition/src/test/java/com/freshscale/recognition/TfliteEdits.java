package com.freshscale.recognition;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.tensorflow.lite.schema.BuiltinOperator;
import org.tensorflow.lite.schema.Model;

/**
 * Byte-level edits of a TFLite flatbuffer for the importer's refusal tests (FlatBuffers binary format: a table
 * starts with a signed offset back to its vtable, whose 16-bit entries give each field's offset in the table).
 */
final class TfliteEdits {
    private TfliteEdits() {
    }

    /** A copy in which the operator code used by operator 0 (CONV_2D) says DEPTHWISE_CONV_2D. */
    static byte[] withFirstOperatorCodeReplaced(byte[] file) {
        byte[] copy = file.clone();
        ByteBuffer bb = ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN);
        int index = (int) Model.getRootAsModel(bb).subgraphs(0).operators(0).opcodeIndex();
        int model = bb.getInt(0);
        int codes = vector(bb, model, 1);
        int entry = codes + 4 + 4 * index;
        int code = entry + bb.getInt(entry);
        int deprecated = field(bb, code, 0);
        if (deprecated != 0) bb.put(deprecated, (byte) BuiltinOperator.DEPTHWISE_CONV_2D);
        int builtin = field(bb, code, 3);
        if (builtin != 0) bb.putInt(builtin, BuiltinOperator.DEPTHWISE_CONV_2D);
        return copy;
    }

    /** Absolute position of field {@code n} of the table at {@code table}, 0 if absent. */
    private static int field(ByteBuffer bb, int table, int n) {
        int vtable = table - bb.getInt(table);
        int size = bb.getShort(vtable) & 0xffff;
        int slot = 4 + 2 * n;
        if (slot >= size) return 0;
        int off = bb.getShort(vtable + slot) & 0xffff;
        return off == 0 ? 0 : table + off;
    }

    /** Absolute position of the vector held in field {@code n} of the table at {@code table} (its length word). */
    private static int vector(ByteBuffer bb, int table, int n) {
        int f = field(bb, table, n);
        return f + bb.getInt(f);
    }
}
