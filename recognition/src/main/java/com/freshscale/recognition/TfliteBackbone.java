package com.freshscale.recognition;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.tensorflow.lite.schema.ActivationFunctionType;
import org.tensorflow.lite.schema.BuiltinOperator;
import org.tensorflow.lite.schema.Conv2DOptions;
import org.tensorflow.lite.schema.DepthwiseConv2DOptions;
import org.tensorflow.lite.schema.Model;
import org.tensorflow.lite.schema.Operator;
import org.tensorflow.lite.schema.OperatorCode;
import org.tensorflow.lite.schema.Padding;
import org.tensorflow.lite.schema.QuantizationParameters;
import org.tensorflow.lite.schema.SubGraph;
import org.tensorflow.lite.schema.Tensor;
import org.tensorflow.lite.schema.TensorType;

/**
 * The pretrained MobileNetV2 read from its uint8 TFLite file (the schema classes of
 * {@code tensorflow-lite-metadata}): every weight and bias dequantized, each operator mapped by graph order to
 * the layer of {@link MobileNetV2} it must be, its shapes, strides, padding and activation checked. Any other
 * file — truncated, not TFLite, another network — is refused with a {@link ModelException} whose one line says
 * what did not match.
 *
 * <p>Quantization (TFLite's scheme, Jacob et al. 2018): per tensor, {@code real = scale × (q − zero_point)};
 * biases are int32 with {@code scale = input scale × weight scale} and zero point 0. The graph has no fused
 * activations: the ReLU6 exists only as the range of the uint8 output tensors (exactly 0 to 6), so a layer
 * whose output range is 0..6 gets its ReLU6, one whose range spans negative values (a projection) none.
 */
public final class TfliteBackbone {
    /** The ImageNet classes of the file's own classifier (0 = background). */
    public static final int IMAGENET_CLASSES = 1001;

    private final String sha256;
    private final List<float[]> weights;
    private final List<float[]> biases;
    private final float[] classifierWeight;
    private final float[] classifierBias;
    private final float inputMean;
    private final float inputStd;

    private TfliteBackbone(String sha256, List<float[]> weights, List<float[]> biases, float[] classifierWeight,
                           float[] classifierBias, float inputMean, float inputStd) {
        this.sha256 = sha256;
        this.weights = weights;
        this.biases = biases;
        this.classifierWeight = classifierWeight;
        this.classifierBias = classifierBias;
        this.inputMean = inputMean;
        this.inputStd = inputStd;
    }

    /** Reads and checks {@code file}; a {@link ModelException} with a one-line reason if it is not the backbone. */
    public static TfliteBackbone read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ModelException("cannot read backbone " + file + ": " + e.getMessage(), e);
        }
        try {
            return parse(bytes);
        } catch (ModelException e) {
            throw new ModelException("backbone " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // a truncated or corrupt flatbuffer: an offset points outside the file
            throw new ModelException("backbone " + file + ": not a readable TFLite flatbuffer (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
    }

    public static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new ModelException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TfliteBackbone parse(byte[] bytes) {
        String sha;
        try {
            sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        ByteBuffer bb = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 8 || !Model.ModelBufferHasIdentifier(bb)) {
            throw new ModelException("not a TFLite file (no TFL3 identifier at byte 4)");
        }
        Model model = Model.getRootAsModel(bb);
        if (model.version() != 3) throw new ModelException("TFLite schema version " + model.version() + ", expected 3");
        if (model.subgraphsLength() != 1) throw new ModelException(model.subgraphsLength() + " subgraphs, expected 1");
        Graph g = new Graph(model, model.subgraphs(0));

        MobileNetV2.Built net = MobileNetV2.build();
        List<MobileNetV2.Layer> layers = net.layers();
        int expectedOps = layers.size() + net.sumAfter().size() + 4; // + pool, logits conv, reshape, softmax
        if (g.graph.operatorsLength() != expectedOps) {
            throw new ModelException(g.graph.operatorsLength() + " operators, a MobileNetV2 1.0 has " + expectedOps);
        }
        int in = g.graph.inputs(0);
        Tensor input = g.tensor(in);
        expectShape("input", input, 1, -1, -1, 3);
        if (input.type() != TensorType.UINT8) throw new ModelException("input is " + TensorType.name(input.type()) + ", expected UINT8");
        float inScale = input.quantization().scale(0);
        long inZero = input.quantization().zeroPoint(0);

        List<float[]> weights = new ArrayList<>();
        List<float[]> biases = new ArrayList<>();
        int op = 0;
        int current = in;
        int[] inputOf = new int[layers.size()];
        for (int l = 0; l < layers.size(); l++) {
            MobileNetV2.Layer layer = layers.get(l);
            String where = "operator " + op + " (layer " + l + ")";
            Operator o = g.graph.operators(op++);
            int code = g.code(o);
            int expected = layer.kind() == MobileNetV2Layers.Kind.DEPTHWISE ? BuiltinOperator.DEPTHWISE_CONV_2D : BuiltinOperator.CONV_2D;
            if (code != expected) {
                throw new ModelException(where + " is " + BuiltinOperator.name(code) + ", expected " + BuiltinOperator.name(expected));
            }
            if (o.inputsLength() != 3 || o.outputsLength() != 1) throw new ModelException(where + ": expected 3 inputs and 1 output");
            if (o.inputs(0) != current) throw new ModelException(where + " does not read the output of the operator before it");
            inputOf[l] = current;
            checkOptions(where, o, layer);
            Tensor w = g.tensor(o.inputs(1));
            Tensor b = g.tensor(o.inputs(2));
            Tensor out = g.tensor(o.outputs(0));
            int k = layer.kernel();
            if (layer.kind() == MobileNetV2Layers.Kind.DEPTHWISE) {
                expectShape(where + " weights", w, 1, k, k, layer.out());
            } else {
                expectShape(where + " weights", w, layer.out(), k, k, layer.in());
            }
            expectShape(where + " bias", b, layer.out());
            float[] ohwi = g.dequantizeUint8(where + " weights", w);
            weights.add(layer.kind() == MobileNetV2Layers.Kind.DEPTHWISE ? depthwiseToOihw(ohwi, layer.out(), k) : ohwiToOihw(ohwi, layer.out(), k, layer.in()));
            biases.add(g.dequantizeBias(where + " bias", b, g.tensor(current), w));
            boolean relu6 = isRelu6(out.quantization());
            if (relu6 != layer.relu6()) {
                throw new ModelException(where + " output range " + range(out.quantization()) + (layer.relu6() ? " is not ReLU6's 0..6" : " is ReLU6's, expected a linear layer"));
            }
            current = o.outputs(0);
            if (net.sumAfter().contains(l)) {
                String at = "operator " + op + " (residual sum after layer " + l + ")";
                Operator add = g.graph.operators(op++);
                if (g.code(add) != BuiltinOperator.ADD) throw new ModelException(at + " is " + BuiltinOperator.name(g.code(add)) + ", expected ADD");
                int blockInput = inputOf[l - 2]; // expansion, depthwise, projection: the block began two layers back
                boolean reads = add.inputsLength() == 2
                        && ((add.inputs(0) == current && add.inputs(1) == blockInput) || (add.inputs(1) == current && add.inputs(0) == blockInput));
                if (!reads) throw new ModelException(at + " does not add the block's input to its projection");
                current = add.outputs(0);
            }
        }
        Operator pool = g.graph.operators(op++);
        if (g.code(pool) != BuiltinOperator.AVERAGE_POOL_2D) throw new ModelException("operator " + (op - 1) + " is " + BuiltinOperator.name(g.code(pool)) + ", expected AVERAGE_POOL_2D");
        if (pool.inputs(0) != current) throw new ModelException("the pooling does not read the last convolution");
        Operator logits = g.graph.operators(op++);
        if (g.code(logits) != BuiltinOperator.CONV_2D) throw new ModelException("operator " + (op - 1) + " is " + BuiltinOperator.name(g.code(logits)) + ", expected CONV_2D (the classifier)");
        Tensor lw = g.tensor(logits.inputs(1));
        expectShape("classifier weights", lw, IMAGENET_CLASSES, 1, 1, MobileNetV2.FEATURES);
        expectShape("classifier bias", g.tensor(logits.inputs(2)), IMAGENET_CLASSES);
        float[] classifierWeight = g.dequantizeUint8("classifier weights", lw);
        float[] classifierBias = g.dequantizeBias("classifier bias", g.tensor(logits.inputs(2)), g.tensor(pool.outputs(0)), lw);
        int[] tail = {BuiltinOperator.RESHAPE, BuiltinOperator.SOFTMAX};
        for (int t : tail) {
            Operator o = g.graph.operators(op++);
            if (g.code(o) != t) throw new ModelException("operator " + (op - 1) + " is " + BuiltinOperator.name(g.code(o)) + ", expected " + BuiltinOperator.name(t));
        }
        // input real = scale × (q − zero): the same as (q/255 − mean)/std with mean = zero/255, std = 1/(255 scale)
        float mean = inZero / 255f;
        float std = 1f / (255f * inScale);
        return new TfliteBackbone(sha, List.copyOf(weights), List.copyOf(biases), classifierWeight, classifierBias, mean, std);
    }

    private static void checkOptions(String where, Operator o, MobileNetV2.Layer layer) {
        byte padding;
        int sw;
        int sh;
        byte act;
        if (layer.kind() == MobileNetV2Layers.Kind.DEPTHWISE) {
            DepthwiseConv2DOptions opt = (DepthwiseConv2DOptions) o.builtinOptions(new DepthwiseConv2DOptions());
            if (opt == null) throw new ModelException(where + " has no options");
            if (opt.depthMultiplier() != 1) throw new ModelException(where + " depth multiplier " + opt.depthMultiplier() + ", expected 1");
            padding = opt.padding();
            sw = opt.strideW();
            sh = opt.strideH();
            act = opt.fusedActivationFunction();
        } else {
            Conv2DOptions opt = (Conv2DOptions) o.builtinOptions(new Conv2DOptions());
            if (opt == null) throw new ModelException(where + " has no options");
            if (opt.dilationHFactor() != 1 || opt.dilationWFactor() != 1) throw new ModelException(where + " is dilated");
            padding = opt.padding();
            sw = opt.strideW();
            sh = opt.strideH();
            act = opt.fusedActivationFunction();
        }
        if (padding != Padding.SAME) throw new ModelException(where + " padding " + Padding.name(padding) + ", expected SAME");
        if (sw != layer.stride() || sh != layer.stride()) {
            throw new ModelException(where + " stride " + sh + "×" + sw + ", expected " + layer.stride());
        }
        // the ReLU6 of this file lives in the output ranges; a fused one would also be fine if it says the same
        if (act != ActivationFunctionType.NONE && !(act == ActivationFunctionType.RELU6 && layer.relu6())) {
            throw new ModelException(where + " fused activation " + ActivationFunctionType.name(act) + " does not fit the layer");
        }
    }

    private static void expectShape(String what, Tensor t, int... dims) {
        boolean ok = t.shapeLength() == dims.length;
        for (int i = 0; ok && i < dims.length; i++) ok = dims[i] < 0 || t.shape(i) == dims[i];
        if (!ok) {
            int[] got = new int[t.shapeLength()];
            for (int i = 0; i < got.length; i++) got[i] = t.shape(i);
            StringBuilder want = new StringBuilder("[");
            for (int i = 0; i < dims.length; i++) want.append(i > 0 ? ", " : "").append(dims[i] < 0 ? "*" : String.valueOf(dims[i]));
            throw new ModelException(what + " shape " + java.util.Arrays.toString(got) + ", expected " + want + "]");
        }
    }

    private static float lo(QuantizationParameters q) {
        return q.scale(0) * (0 - q.zeroPoint(0));
    }

    private static float hi(QuantizationParameters q) {
        return q.scale(0) * (255 - q.zeroPoint(0));
    }

    /** The uint8 range is 0..6: the output was clamped by a ReLU6 (half a step of tolerance on either end). */
    private static boolean isRelu6(QuantizationParameters q) {
        float step = q.scale(0);
        return Math.abs(lo(q)) <= step / 2 && Math.abs(hi(q) - 6f) <= Math.max(step / 2, 1e-3f);
    }

    private static String range(QuantizationParameters q) {
        return String.format(java.util.Locale.ROOT, "%.3f..%.3f", lo(q), hi(q));
    }

    /** TFLite CONV_2D weights O,H,W,I → DJL/PyTorch O,I,H,W. */
    static float[] ohwiToOihw(float[] src, int o, int k, int in) {
        float[] dst = new float[src.length];
        for (int a = 0; a < o; a++)
            for (int y = 0; y < k; y++)
                for (int x = 0; x < k; x++)
                    for (int c = 0; c < in; c++)
                        dst[((a * in + c) * k + y) * k + x] = src[((a * k + y) * k + x) * in + c];
        return dst;
    }

    /** TFLite DEPTHWISE_CONV_2D weights 1,H,W,C → grouped convolution C,1,H,W. */
    static float[] depthwiseToOihw(float[] src, int channels, int k) {
        float[] dst = new float[src.length];
        for (int y = 0; y < k; y++)
            for (int x = 0; x < k; x++)
                for (int c = 0; c < channels; c++)
                    dst[(c * k + y) * k + x] = src[(y * k + x) * channels + c];
        return dst;
    }

    /** The graph's tensors and operator codes. */
    private static final class Graph {
        final Model model;
        final SubGraph graph;

        Graph(Model model, SubGraph graph) {
            this.model = model;
            this.graph = graph;
        }

        Tensor tensor(int i) {
            if (i < 0 || i >= graph.tensorsLength()) throw new ModelException("tensor index " + i + " out of range");
            return graph.tensors(i);
        }

        /** Schema 3 keeps codes below 127 in the deprecated byte field, newer ones in the int field. */
        int code(Operator o) {
            OperatorCode c = model.operatorCodes((int) o.opcodeIndex());
            return Math.max(c.deprecatedBuiltinCode(), c.builtinCode());
        }

        ByteBuffer data(String what, Tensor t, int bytes) {
            ByteBuffer d = model.buffers((int) t.buffer()).dataAsByteBuffer();
            if (d == null || d.remaining() != bytes) {
                throw new ModelException(what + " hold " + (d == null ? 0 : d.remaining()) + " bytes, expected " + bytes);
            }
            return d.order(ByteOrder.LITTLE_ENDIAN);
        }

        QuantizationParameters perTensor(String what, Tensor t) {
            QuantizationParameters q = t.quantization();
            if (q == null || q.scaleLength() != 1 || q.zeroPointLength() != 1) {
                throw new ModelException(what + " are not quantized per tensor");
            }
            return q;
        }

        float[] dequantizeUint8(String what, Tensor t) {
            if (t.type() != TensorType.UINT8) throw new ModelException(what + " are " + TensorType.name(t.type()) + ", expected UINT8");
            QuantizationParameters q = perTensor(what, t);
            int n = count(t);
            ByteBuffer d = data(what, t, n);
            float scale = q.scale(0);
            long zero = q.zeroPoint(0);
            float[] out = new float[n];
            for (int i = 0; i < n; i++) out[i] = scale * ((d.get(d.position() + i) & 0xff) - zero);
            return out;
        }

        float[] dequantizeBias(String what, Tensor bias, Tensor input, Tensor weights) {
            if (bias.type() != TensorType.INT32) throw new ModelException(what + " is " + TensorType.name(bias.type()) + ", expected INT32");
            QuantizationParameters q = perTensor(what, bias);
            float expected = input.quantization().scale(0) * weights.quantization().scale(0);
            if (q.zeroPoint(0) != 0 || Math.abs(q.scale(0) - expected) > 1e-3 * expected) {
                throw new ModelException(what + " scale " + q.scale(0) + " is not input scale × weight scale " + expected);
            }
            int n = count(bias);
            ByteBuffer d = data(what, bias, n * 4);
            float[] out = new float[n];
            for (int i = 0; i < n; i++) out[i] = q.scale(0) * d.getInt(d.position() + 4 * i);
            return out;
        }

        private static int count(Tensor t) {
            int n = 1;
            for (int i = 0; i < t.shapeLength(); i++) n *= t.shape(i);
            return n;
        }
    }

    /** Writes the dequantized weights into {@code features}, a block of {@link MobileNetV2#features()} already initialised. */
    public void applyTo(Block features) {
        List<Conv2d> convs = new ArrayList<>();
        collect(features, convs);
        if (convs.size() != weights.size()) {
            throw new ModelException("the block has " + convs.size() + " convolutions, the backbone " + weights.size());
        }
        for (int i = 0; i < convs.size(); i++) {
            set(convs.get(i).getParameters().get("weight"), weights.get(i));
            set(convs.get(i).getParameters().get("bias"), biases.get(i));
        }
    }

    private static void set(Parameter p, float[] values) {
        Shape s = p.getArray().getShape();
        if (s.size() != values.length) throw new ModelException("parameter " + p.getName() + " has shape " + s + ", the backbone " + values.length + " values");
        p.getArray().set(values);
    }

    /** The convolutions of a block in forward order (sequential children in order; a residual's main branch first). */
    static void collect(Block block, List<Conv2d> out) {
        if (block instanceof Conv2d c) {
            out.add(c);
            return;
        }
        for (var child : block.getChildren().values()) collect(child, out);
    }

    public String sha256() {
        return sha256;
    }

    /** Input normalisation the weights were trained with, as {@link ModelSpec}'s per-channel mean and std. */
    public float inputMean() {
        return inputMean;
    }

    public float inputStd() {
        return inputStd;
    }

    /** The file's ImageNet classifier over the pooled features: weights {@code 1001 × 1280}, row-major. */
    public float[] classifierWeight() {
        return classifierWeight.clone();
    }

    public float[] classifierBias() {
        return classifierBias.clone();
    }
}
