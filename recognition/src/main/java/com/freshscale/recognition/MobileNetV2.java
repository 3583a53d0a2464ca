package com.freshscale.recognition;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import java.util.ArrayList;
import java.util.List;

/**
 * MobileNetV2, width 1.0 (Sandler et al. 2018, table 2), as the TFLite graph of the pretrained backbone
 * holds it: every batch norm already folded into its convolution (so each convolution has a bias and there is
 * nothing left to normalise), ReLU6 after the stem, expansion, depthwise and last convolutions, none after
 * the projections, a residual sum where a block keeps its resolution and width. Output: the 1280 pooled
 * features.
 *
 * <p>Padding follows TensorFlow's SAME rule, not PyTorch's symmetric one: a stride-2 3×3 convolution on an
 * even input pads one row and one column on the bottom and right only. With symmetric padding every
 * strided layer would see its input shifted by one pixel against what the weights were trained on.
 */
public final class MobileNetV2 {
    /** Pooled feature length. */
    public static final int FEATURES = MobileNetV2Layers.FEATURES;

    /** What one convolution of the graph is, in graph order: the importer checks each TFLite operator against it. */
    record Layer(Conv2d conv, MobileNetV2Layers.Kind kind, int in, int out, int kernel, int stride, boolean relu6) {
    }

    /** The network and its convolutions in graph order, with the operator after which a residual sum follows. */
    record Built(SequentialBlock features, List<Layer> layers, List<Integer> sumAfter) {
    }

    private MobileNetV2() {
    }

    /** The feature extractor: input NCHW RGB normalised as in {@link ModelSpec}, output {@code N × 1280}. */
    public static SequentialBlock features() {
        return build().features();
    }

    static Built build() {
        List<Layer> layers = new ArrayList<>();
        List<Integer> sums = new ArrayList<>();
        SequentialBlock net = new SequentialBlock();
        conv(net, layers, MobileNetV2Layers.stem());
        for (MobileNetV2Layers.Bottleneck b : MobileNetV2Layers.bottlenecks()) {
            SequentialBlock main = new SequentialBlock();
            for (MobileNetV2Layers.Conv c : b.convs()) conv(main, layers, c);
            if (b.residual()) {
                sums.add(layers.size() - 1);
                net.add(new ParallelBlock(MobileNetV2::sum, List.of(main, Blocks.identityBlock())));
            } else {
                net.add(main);
            }
        }
        conv(net, layers, MobileNetV2Layers.last());
        net.add(Pool.globalAvgPool2dBlock()).add(Blocks.batchFlattenBlock());
        return new Built(net, List.copyOf(layers), List.copyOf(sums));
    }

    private static void conv(SequentialBlock seq, List<Layer> layers, MobileNetV2Layers.Conv c) {
        int kernel = c.kernel();
        int stride = c.stride();
        int pad = kernel / 2;
        if (stride == 2) {
            // TensorFlow SAME on an even input: total padding kernel − 2 = 1, all of it after (bottom, right)
            seq.add(new LambdaBlock(x -> new NDList(padBottomRight(x.singletonOrThrow())), "same-pad"));
            pad = 0;
        }
        Conv2d conv = Conv2d.builder()
                .setFilters(c.out())
                .setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(pad, pad))
                .optGroups(c.kind() == MobileNetV2Layers.Kind.DEPTHWISE ? c.in() : 1)
                .optBias(true)
                .build();
        seq.add(conv);
        // one clamp instead of DJL's relu6 (a ReLU, then a minimum): one pass over the activations fewer
        if (c.relu6()) seq.add(new LambdaBlock(x -> new NDList(x.singletonOrThrow().clip(0f, 6f)), "relu6"));
        layers.add(new Layer(conv, c.kind(), c.in(), c.out(), kernel, stride, c.relu6()));
    }

    /** One row of zeros below and one column right of an NCHW array (DJL 0.29 has no {@code NDArray.pad}). */
    static NDArray padBottomRight(NDArray x) {
        Shape s = x.getShape();
        NDArray right = x.getManager().zeros(new Shape(s.get(0), s.get(1), s.get(2), 1), x.getDataType(), x.getDevice());
        NDArray wide = x.concat(right, 3);
        NDArray below = x.getManager().zeros(new Shape(s.get(0), s.get(1), 1, s.get(3) + 1), x.getDataType(), x.getDevice());
        return wide.concat(below, 2);
    }

    private static NDList sum(List<NDList> branches) {
        NDArray a = branches.get(0).singletonOrThrow();
        return new NDList(NDArrays.add(a, branches.get(1).singletonOrThrow()));
    }

    /** Bottleneck blocks (Sandler et al. table 2: 1 + 2 + 3 + 4 + 3 + 3 + 1). */
    public static final int BLOCKS = MobileNetV2Layers.BLOCKS;

    /**
     * Freezes the stem and the bottleneck blocks before {@code firstTrained} (0..{@value #BLOCKS}) of a block
     * from {@link #features()}: their parameters get no gradient, and no backward pass runs through them.
     */
    public static void freezeBelow(Block features, int firstTrained) {
        if (firstTrained < 0 || firstTrained > BLOCKS) throw new IllegalArgumentException("first trained block must be 0.." + BLOCKS);
        var children = features.getChildren().values();
        // children: stem (same-pad, conv, relu6), the 17 bottleneck blocks, last conv, relu6, pool, flatten
        int stem = 3;
        for (int i = 0; i < children.size(); i++) {
            boolean frozen = firstTrained > 0 && i < stem + firstTrained;
            children.get(i).freezeParameters(frozen);
        }
    }
}
