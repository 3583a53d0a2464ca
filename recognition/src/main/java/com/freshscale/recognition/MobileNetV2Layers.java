package com.freshscale.recognition;

import java.util.ArrayList;
import java.util.List;

/**
 * The layer table of {@link MobileNetV2} (width 1.0, Sandler et al. 2018, table 2) without DJL: what each
 * bottleneck block and convolution is. {@link MobileNetV2} builds its network from it, and the scale, which
 * runs the exported ONNX graph and never loads DJL, checks input sizes and counts multiply-accumulates and
 * parameters from it.
 */
public final class MobileNetV2Layers {
    /** Pooled feature length. */
    public static final int FEATURES = 1280;
    /** Bottleneck blocks (table 2: 1 + 2 + 3 + 4 + 3 + 3 + 1). */
    public static final int BLOCKS = 17;
    static final int STEM = 32;
    /** Expansion t, output channels c, repeats n, first stride s of each bottleneck stage (table 2). */
    static final int[][] STAGES = {
            {1, 16, 1, 1}, {6, 24, 2, 2}, {6, 32, 3, 2}, {6, 64, 4, 2}, {6, 96, 3, 1}, {6, 160, 3, 2}, {6, 320, 1, 1}};

    enum Kind { CONV, DEPTHWISE }

    /** One convolution (with bias: the batch norms are folded in), ReLU6 after it or not. */
    record Conv(Kind kind, int in, int out, int kernel, int stride, boolean relu6) {
        /** Weights and bias. */
        long parameters() {
            long perFilter = kind == Kind.DEPTHWISE ? (long) kernel * kernel : (long) in * kernel * kernel;
            return out * perFilter + out;
        }
    }

    /**
     * One inverted-residual block: its convolutions in order (1×1 expansion unless t = 1, 3×3 depthwise,
     * 1×1 linear projection) and whether its input is added to its output.
     */
    record Bottleneck(List<Conv> convs, boolean residual) {
    }

    private MobileNetV2Layers() {
    }

    static Conv stem() {
        return new Conv(Kind.CONV, 3, STEM, 3, 2, true);
    }

    static List<Bottleneck> bottlenecks() {
        List<Bottleneck> blocks = new ArrayList<>();
        int in = STEM;
        for (int[] stage : STAGES) {
            int t = stage[0];
            int c = stage[1];
            for (int i = 0; i < stage[2]; i++) {
                int stride = i == 0 ? stage[3] : 1;
                int hidden = in * t;
                List<Conv> convs = new ArrayList<>();
                if (t != 1) convs.add(new Conv(Kind.CONV, in, hidden, 1, 1, true));
                convs.add(new Conv(Kind.DEPTHWISE, hidden, hidden, 3, stride, true));
                convs.add(new Conv(Kind.CONV, hidden, c, 1, 1, false));
                blocks.add(new Bottleneck(List.copyOf(convs), stride == 1 && in == c));
                in = c;
            }
        }
        return blocks;
    }

    static Conv last() {
        return new Conv(Kind.CONV, STAGES[STAGES.length - 1][1], FEATURES, 1, 1, true);
    }

    /** Every convolution in graph order. */
    static List<Conv> convs() {
        List<Conv> all = new ArrayList<>();
        all.add(stem());
        for (Bottleneck b : bottlenecks()) all.addAll(b.convs());
        all.add(last());
        return all;
    }

    /** Multiply-accumulates of the feature extractor at {@code size}² input, in millions. */
    static double megaMacs(int size) {
        long macs = 0;
        int res = size;
        for (Conv l : convs()) {
            int outRes = (res + l.stride() - 1) / l.stride();
            long perPixel = l.kind() == Kind.DEPTHWISE ? (long) l.out() * l.kernel() * l.kernel()
                    : (long) l.out() * l.in() * l.kernel() * l.kernel();
            macs += perPixel * outRes * outRes;
            res = outRes;
        }
        return macs / 1e6;
    }

    /** Parameters of the feature extractor (the same at every input size). */
    static long parameters() {
        return convs().stream().mapToLong(Conv::parameters).sum();
    }

    /** For a stride-2 layer on an odd size the bottom/right-only padding would not be TensorFlow's: refuse it. */
    static void checkInputSize(int size) {
        int res = size;
        for (Conv l : convs()) {
            if (l.stride() == 2) {
                if (res % 2 != 0) throw new IllegalArgumentException("input size " + size + " reaches an odd size (" + res + ") before a stride-2 layer; use a multiple of 32");
                res /= 2;
            }
        }
    }
}
