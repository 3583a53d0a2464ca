package com.freshscale.recognition;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a produce network ({@link ProduceNet}) as an ONNX model (opset 13), so that another inference
 * engine (OpenCV DNN, ONNX Runtime) can run the very same weights. Input {@code input}: {@code N × 3 × S × S}
 * normalised RGB planes as {@link Preprocessing#toPlanes} makes them; outputs {@code fine}, {@code coarse},
 * {@code embedding} as {@link ProduceNet#FINE}, {@link ProduceNet#COARSE}, {@link ProduceNet#EMBEDDING}.
 *
 * <p>The backbone is walked block by block: a {@code same-pad} lambda (one zero row below, one column right)
 * becomes the next convolution's asymmetric ONNX pads {@code [0, 0, 1, 1]}, a {@code relu6} lambda a
 * {@code Clip(0, 6)}, a two-branch {@link ParallelBlock} (main path, identity) a residual {@code Add}. The
 * head is written from its parameters: projection {@code Gemm}, L2 normalisation as
 * {@code x / √(Σx² + 1e-12)} ({@link EmbeddingHead#l2}), the cosine classifier as one {@code Gemm} with the
 * class centres normalised and multiplied by the scale ahead of time, the coarse {@code Gemm} on the pooled
 * features.
 *
 * <p>No protobuf library: {@link Pb} writes the few messages needed straight to bytes, field numbers from
 * onnx.proto (ONNX 1.8+, IR version 7).
 */
public final class OnnxExport {
    /** ONNX IR version 7 (ONNX 1.8) and the default-domain opset the graph is written for. */
    static final long IR_VERSION = 7;
    static final long OPSET = 13;

    public static final String INPUT = "input";
    public static final String FINE = "fine";
    public static final String COARSE = "coarse";
    public static final String EMBEDDING = "embedding";

    private OnnxExport() {
    }

    /** The ONNX bytes of the model saved in {@code dir} ({@code model.json} and its parameter file). */
    public static byte[] export(Path dir) {
        ModelSpec spec = ModelSpec.read(dir.resolve(ModelSpec.FILE));
        try (Model model = Model.newInstance(spec.name(), ProduceNet.ENGINE)) {
            model.setBlock(ProduceNet.build(spec.architecture(), spec.classes(), spec.coarseLabels().size()));
            model.load(dir, spec.name());
            return export(model.getBlock(), spec);
        } catch (IOException | MalformedModelException e) {
            throw new ModelException("cannot load model from " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The ONNX bytes of {@code net} (from {@link ProduceNet#build}, parameters initialised) for {@code spec}. */
    public static byte[] export(Block net, ModelSpec spec) {
        Graph g = new Graph();
        int s = spec.inputSize();
        String pooled = g.backbone(ProduceNet.features(net), INPUT);
        g.head(ProduceNet.head(net), pooled, spec.architecture().cosineScale());

        Pb graph = new Pb();
        for (Pb node : g.nodes) graph.message(1, node);                  // GraphProto.node = 1
        graph.string(2, spec.name());                                     // GraphProto.name = 2
        for (Pb init : g.initializers) graph.message(5, init);            // GraphProto.initializer = 5
        graph.message(11, valueInfo(INPUT, "N", 3, s, s));                // GraphProto.input = 11
        graph.message(12, valueInfo(FINE, "N", spec.classes()));          // GraphProto.output = 12
        graph.message(12, valueInfo(COARSE, "N", spec.coarseLabels().size()));
        graph.message(12, valueInfo(EMBEDDING, "N", spec.architecture().embeddingDim()));

        return new Pb()
                .varint(1, IR_VERSION)                                     // ModelProto.ir_version = 1
                .string(2, "freshscale")                                  // ModelProto.producer_name = 2
                .message(7, graph)                                        // ModelProto.graph = 7
                .message(8, new Pb().string(1, "").varint(2, OPSET))      // ModelProto.opset_import = 8 {domain = 1, version = 2}
                .bytes();
    }

    /** Writes {@link #export(Path)} of {@code dir} to {@code file}. */
    public static void write(Path dir, Path file) throws IOException {
        Files.write(file, export(dir));
    }

    /** ValueInfoProto of a float tensor whose first dimension is the symbolic batch {@code batch}. */
    private static Pb valueInfo(String name, String batch, long... dims) {
        Pb shape = new Pb().message(1, new Pb().string(2, batch));        // TensorShapeProto.dim = 1 {dim_param = 2}
        for (long d : dims) shape.message(1, new Pb().varint(1, d));      // Dimension.dim_value = 1
        Pb tensorType = new Pb().varint(1, Pb.FLOAT).message(2, shape);   // TypeProto.Tensor {elem_type = 1, shape = 2}
        return new Pb().string(1, name).message(2, new Pb().message(1, tensorType)); // ValueInfoProto {name = 1, type = 2}; TypeProto.tensor_type = 1
    }

    /** Nodes and initializers as they are added, in topological order. */
    private static final class Graph {
        final List<Pb> nodes = new ArrayList<>();
        final List<Pb> initializers = new ArrayList<>();
        private int next;
        private boolean relu6Bounds;

        String fresh(String prefix) {
            return prefix + "_" + next++;
        }

        /** Emits the layers of the MobileNetV2 block {@code b} on {@code x}; returns the output's name. */
        String backbone(Block b, String x) {
            boolean padAfter = false;
            for (Block child : b.getChildren().values()) {
                if (child instanceof LambdaBlock lambda) {
                    switch (lambda.getName()) {
                        case "same-pad" -> padAfter = true;
                        case "relu6" -> x = relu6(x);
                        case "globalAvgPool2d" -> x = node("GlobalAveragePool", List.of(x), new Pb[0]);
                        case "batchFlatten" -> x = node("Flatten", List.of(x), new Pb[] {intAttr("axis", 1)});
                        default -> throw new ModelException("ONNX export: unknown layer '" + lambda.getName() + "'");
                    }
                } else if (child instanceof Conv2d conv) {
                    x = conv(conv, x, padAfter);
                    padAfter = false;
                } else if (child instanceof ParallelBlock parallel) {
                    // MobileNetV2's residual: the main path and an identity, summed
                    var branches = parallel.getChildren().values();
                    if (branches.size() != 2 || !(branches.get(1) instanceof LambdaBlock id) || !"identity".equals(id.getName())) {
                        throw new ModelException("ONNX export: a parallel block other than a residual sum");
                    }
                    String main = backbone(branches.get(0), x);
                    x = node("Add", List.of(main, x), new Pb[0]);
                } else if (child instanceof SequentialBlock seq) {
                    x = backbone(seq, x);
                } else {
                    throw new ModelException("ONNX export: unknown block " + child.getClass().getSimpleName());
                }
            }
            if (padAfter) throw new ModelException("ONNX export: padding with no convolution after it");
            return x;
        }

        private String conv(Conv2d conv, String x, boolean padBottomRight) {
            float[] w = conv.getDirectParameters().get("weight").getArray().toFloatArray();
            long[] wShape = conv.getDirectParameters().get("weight").getArray().getShape().getShape();
            String weight = initializer(fresh("w"), w, wShape);
            List<String> inputs = new ArrayList<>(List.of(x, weight));
            if (conv.isIncludeBias()) {
                var bias = conv.getDirectParameters().get("bias").getArray();
                inputs.add(initializer(fresh("b"), bias.toFloatArray(), bias.getShape().getShape()));
            }
            long ph = conv.getPadding().get(0);
            long pw = conv.getPadding().get(1);
            long extra = padBottomRight ? 1 : 0;
            return node("Conv", inputs, new Pb[] {
                    intsAttr("kernel_shape", conv.getKernelShape().getShape()),
                    intsAttr("strides", conv.getStride().getShape()),
                    intsAttr("dilations", conv.getDilation().getShape()),
                    // [top, left, bottom, right]: TensorFlow SAME's extra row and column go after
                    intsAttr("pads", new long[] {ph, pw, ph + extra, pw + extra}),
                    intAttr("group", conv.getGroups())});
        }

        private String relu6(String x) {
            if (!relu6Bounds) {
                initializers.add(tensor("relu6_min", new float[] {0f}));
                initializers.add(tensor("relu6_max", new float[] {6f}));
                relu6Bounds = true;
            }
            return node("Clip", List.of(x, "relu6_min", "relu6_max"), new Pb[0]);
        }

        void head(EmbeddingHead head, String pooled, float scale) {
            String raw = linear(child(head, "projection"), pooled, null);
            // EmbeddingHead.l2: x / sqrt(sum(x^2) + 1e-12), per row
            String sumSq = node("ReduceSumSquare", List.of(raw), new Pb[] {intsAttr("axes", new long[] {1}), intAttr("keepdims", 1)});
            initializers.add(tensor("l2_eps", new float[] {1e-12f}));
            String norm = node("Sqrt", List.of(node("Add", List.of(sumSq, "l2_eps"), new Pb[0])), new Pb[0]);
            String embedding = named(EMBEDDING, "Div", List.of(raw, norm));

            var centresArray = head.getDirectParameters().get("centres").getArray();
            long[] cShape = centresArray.getShape().getShape();
            float[] c = centresArray.toFloatArray();
            int k = (int) cShape[0];
            int d = (int) cShape[1];
            float[] scaled = new float[c.length];
            for (int i = 0; i < k; i++) {
                double sq = 0;
                for (int j = 0; j < d; j++) sq += (double) c[i * d + j] * c[i * d + j];
                double f = scale / Math.sqrt(sq + 1e-12);
                for (int j = 0; j < d; j++) scaled[i * d + j] = (float) (c[i * d + j] * f);
            }
            String centres = initializer("centres_scaled", scaled, cShape);
            String zeros = initializer("fine_bias", new float[k], new long[] {k});
            namedGemm(FINE, embedding, centres, zeros);

            linear(child(head, "coarse"), pooled, COARSE);
        }

        /** The child block {@code name} of {@code b} (DJL keys children "01name", "02name", ...). */
        private static Block child(Block b, String name) {
            for (var e : b.getChildren()) {
                if (e.getKey().replaceFirst("^\\d+", "").equals(name)) return e.getValue();
            }
            throw new ModelException("ONNX export: no block '" + name + "'");
        }

        /** A DJL {@link Linear} (weight {@code units × in}) as {@code Gemm(x, W, b, transB = 1)}. */
        private String linear(Block block, String x, String output) {
            if (!(block instanceof Linear)) throw new ModelException("ONNX export: expected a linear layer");
            var w = block.getDirectParameters().get("weight").getArray();
            var b = block.getDirectParameters().get("bias").getArray();
            String wName = initializer(fresh("w"), w.toFloatArray(), w.getShape().getShape());
            String bName = initializer(fresh("b"), b.toFloatArray(), b.getShape().getShape());
            return namedGemm(output == null ? fresh("t") : output, x, wName, bName);
        }

        private String namedGemm(String output, String a, String b, String c) {
            nodes.add(nodeProto("Gemm", List.of(a, b, c), output, new Pb[] {intAttr("transB", 1)}));
            return output;
        }

        private String node(String op, List<String> inputs, Pb[] attributes) {
            String out = fresh(op.toLowerCase());
            nodes.add(nodeProto(op, inputs, out, attributes));
            return out;
        }

        private String named(String out, String op, List<String> inputs) {
            nodes.add(nodeProto(op, inputs, out, new Pb[0]));
            return out;
        }

        private Pb nodeProto(String op, List<String> inputs, String output, Pb[] attributes) {
            Pb n = new Pb();
            for (String in : inputs) n.string(1, in);                     // NodeProto.input = 1
            n.string(2, output);                                          // NodeProto.output = 2
            n.string(3, output);                                          // NodeProto.name = 3
            n.string(4, op);                                              // NodeProto.op_type = 4
            for (Pb a : attributes) n.message(5, a);                      // NodeProto.attribute = 5
            return n;
        }

        private String initializer(String name, float[] values, long[] dims) {
            Pb t = new Pb();
            for (long d : dims) t.varint(1, d);                           // TensorProto.dims = 1
            t.varint(2, Pb.FLOAT).string(8, name);                        // TensorProto.data_type = 2, name = 8
            ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            raw.asFloatBuffer().put(values);
            t.bytesField(9, raw.array());                                 // TensorProto.raw_data = 9 (little-endian)
            initializers.add(t);
            return name;
        }

        /** A one-element float tensor of shape {@code [1]}. */
        private static Pb tensor(String name, float[] values) {
            ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            raw.asFloatBuffer().put(values);
            return new Pb().varint(1, values.length).varint(2, Pb.FLOAT).string(8, name).bytesField(9, raw.array());
        }

        private static Pb intAttr(String name, long v) {
            // AttributeProto {name = 1, i = 3, type = 20}; AttributeType INT = 2
            return new Pb().string(1, name).varint(3, v).varint(20, 2);
        }

        private static Pb intsAttr(String name, long[] v) {
            Pb a = new Pb().string(1, name);
            for (long x : v) a.varint(8, x);                              // AttributeProto.ints = 8
            return a.varint(20, 7);                                       // type = 20; AttributeType INTS = 7
        }
    }

    /**
     * One protobuf message being written: fields appended in call order, repeated scalars unpacked (proto2,
     * as onnx.proto is), nested messages written as length-delimited bytes.
     */
    static final class Pb {
        /** TensorProto.DataType FLOAT. */
        static final int FLOAT = 1;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Pb varint(int field, long v) {
            tag(field, 0);
            raw(v);
            return this;
        }

        Pb string(int field, String s) {
            return bytesField(field, s.getBytes(StandardCharsets.UTF_8));
        }

        Pb message(int field, Pb m) {
            return bytesField(field, m.bytes());
        }

        Pb bytesField(int field, byte[] b) {
            tag(field, 2);
            raw(b.length);
            out.writeBytes(b);
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        private void tag(int field, int wireType) {
            raw(((long) field << 3) | wireType);
        }

        private void raw(long v) {
            while ((v & ~0x7FL) != 0) {
                out.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
        }
    }
}
