package com.example.eum.analytics.model;

import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/**
 * Variable-length longs for the job's explicit serializers: 7 bits a byte, low first, the top bit set on every byte
 * but the last. {@link #writeSigned} zig-zags first, so small numbers of either sign take one byte.
 */
public final class VarLongs {
    private VarLongs() {}

    /** An unsigned (or non-negative) number: 1 byte below 128, at most 10. */
    public static void writeUnsigned(DataOutputView out, long v) throws IOException {
        while ((v & ~0x7FL) != 0) {
            out.writeByte((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.writeByte((int) v);
    }

    public static long readUnsigned(DataInputView in) throws IOException {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = in.readUnsignedByte();
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new IOException("malformed variable-length number (more than 10 bytes)");
    }

    /** Any long, zig-zag encoded: 1 byte for -64..63. */
    public static void writeSigned(DataOutputView out, long value) throws IOException {
        writeUnsigned(out, zigzag(value));
    }

    public static long readSigned(DataInputView in) throws IOException {
        return unzigzag(readUnsigned(in));
    }

    /** 0, -1, 1, -2, ... to 0, 1, 2, 3, ...: small numbers of either sign become small unsigned ones. */
    public static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    public static long unzigzag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }
}
