package com.freshscale.recognition;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.util.PairList;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Folds each inference-time batch normalisation into the convolution before it (Ioffe &amp; Szegedy 2015,
 * §3.1: at inference the normalisation is a fixed per-channel affine map): with
 * {@code s = γ / √(σ² + ε)}, the convolution's weights become {@code w · s} and its bias {@code β − μ · s}.
 * The folded network computes the same function (up to float rounding) in one pass per convolution instead
 * of two; DJL's eager PyTorch engine cannot fuse them itself (that needs a TorchScript freeze).
 */
final class BatchNormFolding {
    /** DJL's {@code BatchNorm.builder()} default ε, which {@link ProduceNet} trains with. */
    static final float EPSILON = 1e-5f;

    private BatchNormFolding() {
    }

    /** The inference network of {@code spec} carrying the trained parameters of {@code trained}. */
    static Block fold(Block trained, ModelSpec spec, NDManager manager) {
        Block folded = ProduceNet.buildFolded(spec.architecture(), spec.classes(), spec.coarseLabels().size());
        folded.initialize(manager, DataType.FLOAT32, new Shape(1, 3, spec.inputSize(), spec.inputSize()));
        copy(trained, folded);
        return folded;
    }

    private static void copy(Block src, Block dst) {
        if (src instanceof SequentialBlock || src instanceof ParallelBlock) {
            List<Block> from = children(src);
            List<Block> to = children(dst);
            int j = 0;
            for (int i = 0; i < from.size(); i++, j++) {
                if (j >= to.size()) throw new ModelException("the folded network has fewer layers than the trained one");
                if (from.get(i) instanceof Conv2d conv && i + 1 < from.size() && from.get(i + 1) instanceof BatchNorm norm) {
                    fold(conv, norm, (Conv2d) to.get(j));
                    i++;
                } else {
                    copy(from.get(i), to.get(j));
                }
            }
            if (j != to.size()) throw new ModelException("the folded network has more layers than the trained one");
            return;
        }
        PairList<String, Parameter> from = src.getParameters();
        PairList<String, Parameter> to = dst.getParameters();
        if (from.size() != to.size()) throw new ModelException("layer " + src + " does not match " + dst);
        for (int k = 0; k < from.size(); k++) {
            to.valueAt(k).getArray().set(FloatBuffer.wrap(from.valueAt(k).getArray().toFloatArray()));
        }
    }

    private static void fold(Conv2d conv, BatchNorm norm, Conv2d target) {
        float[] w = conv.getParameters().get("weight").getArray().toFloatArray();
        var bn = norm.getParameters();
        float[] gamma = bn.get("gamma").getArray().toFloatArray();
        float[] beta = bn.get("beta").getArray().toFloatArray();
        float[] mean = bn.get("runningMean").getArray().toFloatArray();
        float[] var = bn.get("runningVar").getArray().toFloatArray();
        int channels = gamma.length;
        int perChannel = w.length / channels;
        float[] bias = new float[channels];
        for (int o = 0; o < channels; o++) {
            float s = (float) (gamma[o] / Math.sqrt(var[o] + EPSILON));
            for (int k = o * perChannel; k < (o + 1) * perChannel; k++) w[k] *= s;
            bias[o] = beta[o] - mean[o] * s;
        }
        target.getParameters().get("weight").getArray().set(FloatBuffer.wrap(w));
        target.getParameters().get("bias").getArray().set(FloatBuffer.wrap(bias));
    }

    private static List<Block> children(Block b) {
        List<Block> out = new ArrayList<>();
        for (var c : b.getChildren()) out.add(c.getValue());
        return out;
    }
}
