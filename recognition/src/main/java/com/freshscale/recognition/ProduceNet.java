package com.freshscale.recognition;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import java.util.List;

/**
 * The produce network: stride-2 stem, one stride-2 ResNet stage per width (basic residual blocks, He et al. 2016),
 * global average pooling, then {@link EmbeddingHead} producing {@code [fineLogits, coarseLogits, embedding]};
 * a committee of several such networks ({@link Architecture#members()}) gives these three per member.
 * Plain 3×3 convolutions rather than depthwise-separable ones: on a CPU the PyTorch kernels for grouped
 * convolutions are slower per FLOP, and at this size a dense network both trains and infers faster.
 */
public final class ProduceNet {
    /** What each member outputs: fine logits, coarse logits, embedding ({@link EmbeddingHead}). */
    public static final int OUTPUTS_PER_MEMBER = 3;

    private ProduceNet() {
    }

    /** The network as trained: each convolution followed by batch normalisation. */
    public static Block build(Architecture a, int classes, int coarseClasses) {
        return build(a, classes, coarseClasses, false);
    }

    /**
     * The same network for inference, each batch normalisation folded into the convolution before it
     * (a convolution with bias, see {@link BatchNormFolding}): same results, 13 fewer passes over the activations.
     */
    static Block buildFolded(Architecture a, int classes, int coarseClasses) {
        return build(a, classes, coarseClasses, true);
    }

    private static Block build(Architecture a, int classes, int coarseClasses, boolean folded) {
        if (a.members() == 1) return member(a, classes, coarseClasses, folded);
        List<Block> members = new java.util.ArrayList<>();
        for (int m = 0; m < a.members(); m++) members.add(member(a, classes, coarseClasses, folded));
        return new Committee(members);
    }

    private static Block member(Architecture a, int classes, int coarseClasses, boolean folded) {
        SequentialBlock net = new SequentialBlock();
        convNorm(net, a.stemWidth(), 3, 2, folded);
        net.add(Activation.reluBlock());
        int in = a.stemWidth();
        for (int s = 0; s < a.widths().size(); s++) {
            int w = a.widths().get(s);
            for (int b = 0; b < a.blocks().get(s); b++) {
                int stride = b == 0 ? 2 : 1;
                net.add(residual(w, stride, in != w || stride != 1, folded));
                in = w;
            }
        }
        net.add(Pool.globalAvgPool2dBlock())
                .add(Blocks.batchFlattenBlock())
                .add(new EmbeddingHead(a.embeddingDim(), classes, coarseClasses, a.cosineScale()));
        return net;
    }

    private static Block residual(int width, int stride, boolean project, boolean folded) {
        SequentialBlock main = new SequentialBlock();
        convNorm(main, width, 3, stride, folded);
        main.add(Activation.reluBlock());
        convNorm(main, width, 3, 1, folded);
        Block shortcut = Blocks.identityBlock();
        if (project) {
            SequentialBlock p = new SequentialBlock();
            convNorm(p, width, 1, stride, folded);
            shortcut = p;
        }
        return new SequentialBlock()
                .add(new ParallelBlock(ProduceNet::sum, List.of(main, shortcut)))
                .add(Activation.reluBlock());
    }

    /** A convolution and its batch norm, or (folded) one convolution with bias that does both. */
    private static void convNorm(SequentialBlock seq, int filters, int kernel, int stride, boolean folded) {
        if (folded) {
            seq.add(conv(filters, kernel, stride, true));
        } else {
            // no bias: the batch norm's beta is the bias
            seq.add(conv(filters, kernel, stride, false)).add(BatchNorm.builder().build());
        }
    }

    private static NDList sum(List<NDList> branches) {
        NDArray acc = branches.get(0).singletonOrThrow();
        for (int i = 1; i < branches.size(); i++) acc = NDArrays.add(acc, branches.get(i).singletonOrThrow());
        return new NDList(acc);
    }

    private static Conv2d conv(int filters, int kernel, int stride, boolean bias) {
        return Conv2d.builder()
                .setFilters(filters)
                .setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(kernel / 2, kernel / 2))
                .optBias(bias)
                .build();
    }
}
