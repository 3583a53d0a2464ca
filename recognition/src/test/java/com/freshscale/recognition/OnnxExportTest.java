package com.freshscale.recognition;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.translate.NoopTranslator;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.dnn.Dnn;
import org.opencv.dnn.Net;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * The exported ONNX graph computes what the PyTorch network computes: run by OpenCV's DNN module, and by ONNX
 * Runtime as the scale runs it ({@link ProduceModel}); the committed {@code model.onnx} is the export of the
 * committed parameters.
 */
class OnnxExportTest {
    static final Path TRAINED = Path.of("..", "models", "produce");
    static final Path PHOTOS = Path.of("..", "demo-assets", "grocerystore", "train");

    @BeforeAll
    static void engines() {
        System.setProperty("ai.djl.offline", "true");
        OpenCv.load();
        Core.setNumThreads(1);
    }

    @Test
    void openCvRunsTheExportedNetworkAsPyTorchDoesInABatchOfTwo() throws Exception {
        // the pretrained backbone, a seeded random head; 64 px: every stride-2 layer meets an even size
        ModelSpec spec = new ModelSpec("t", "2026-01-01T00:00:00Z", 72, 64, new float[] {0.5f, 0.5f, 0.5f},
                new float[] {0.5f, 0.5f, 0.5f}, false, ProduceModelTest.ARCH, List.of("a", "b", "c"), List.of("x", "y"),
                List.of(0, 0, 1));
        try (Model m = Model.newInstance("t", ProduceNet.ENGINE)) {
            m.setBlock(ProduceNet.build(spec.architecture(), 3, 2));
            m.getBlock().initialize(m.getNDManager(), DataType.FLOAT32, new Shape(1, 3, 64, 64));
            TfliteBackbone.read(TfliteBackboneTest.FILE).applyTo(ProduceNet.features(m.getBlock()));
            Random rnd = new Random(7);
            for (var p : ProduceNet.head(m.getBlock()).getParameters()) {
                float[] v = new float[(int) p.getValue().getArray().size()];
                for (int i = 0; i < v.length; i++) v[i] = (float) rnd.nextGaussian() * 0.3f;
                p.getValue().getArray().set(FloatBuffer.wrap(v));
            }
            Net net = openCv(OnnxExport.export(m.getBlock(), spec));

            float[] batch = new float[2 * 3 * 64 * 64];
            for (int i = 0; i < batch.length; i++) batch[i] = (float) rnd.nextGaussian();
            float[][] expected = pyTorch(m, batch, 2, 64);
            float[][] actual = openCv(net, batch, 2, 64);
            for (int o = 0; o < 3; o++) {
                assertThat(actual[o]).hasSameSizeAs(expected[o]);
                assertThat(maxDiff(actual[o], expected[o])).as("output %d", o).isLessThan(1e-4f);
            }
        }
    }

    @Test
    void theCommittedModelGivesTheSameScoresAndTopOneUnderOpenCvOnProducePhotos() throws Exception {
        ModelSpec spec = ModelSpec.read(TRAINED.resolve(ModelSpec.FILE));
        int s = spec.inputSize();
        Net net = openCv(OnnxExport.export(TRAINED));
        List<Path> photos = photos();
        try (Model m = Model.newInstance(spec.name(), ProduceNet.ENGINE)) {
            m.setBlock(ProduceNet.build(spec.architecture(), spec.classes(), spec.coarseLabels().size()));
            m.load(TRAINED, spec.name());
            for (Path photo : photos) {
                Mat bgr = Imgcodecs.imread(photo.toString());
                float[] in = Preprocessing.toPlanes(Preprocessing.centre(bgr, spec), spec.mean(), spec.std(), false);
                float[][] expected = pyTorch(m, in, 1, s);
                float[][] actual = openCv(net, in, 1, s);
                assertThat(maxDiff(actual[ProduceNet.FINE], expected[ProduceNet.FINE])).as(photo.toString()).isLessThan(1e-3f);
                assertThat(maxDiff(actual[ProduceNet.EMBEDDING], expected[ProduceNet.EMBEDDING])).isLessThan(1e-4f);
                assertThat(argmax(actual[ProduceNet.FINE])).isEqualTo(argmax(expected[ProduceNet.FINE]));
            }
        }
    }

    @Test
    void theCommittedModelOnnxIsTheExportOfTheCommittedParameters() throws Exception {
        assertThat(Files.readAllBytes(TRAINED.resolve(ProduceModel.ONNX_FILE))).isEqualTo(OnnxExport.export(TRAINED));
    }

    @Test
    void onnxRuntimeRunsTheCommittedModelAsPyTorchDoesOnProducePhotos() throws Exception {
        ModelSpec spec = ModelSpec.read(TRAINED.resolve(ModelSpec.FILE));
        int s = spec.inputSize();
        try (Model m = Model.newInstance(spec.name(), ProduceNet.ENGINE);
             ProduceModel scale = ProduceModel.load(TRAINED)) {
            m.setBlock(ProduceNet.build(spec.architecture(), spec.classes(), spec.coarseLabels().size()));
            m.load(TRAINED, spec.name());
            for (Path photo : photos()) {
                Mat bgr = Imgcodecs.imread(photo.toString());
                float[] in = Preprocessing.toPlanes(Preprocessing.centre(bgr, spec), spec.mean(), spec.std(), false);
                float[][] expected = pyTorch(m, in, 1, s);
                Prediction actual = scale.predictInputs(List.of(in)).get(0);
                assertThat(maxDiff(actual.probabilities(), Ranking.softmax(expected[ProduceNet.FINE]))).as(photo.toString()).isLessThan(1e-4f);
                assertThat(maxDiff(actual.embedding(), expected[ProduceNet.EMBEDDING])).isLessThan(1e-4f);
                assertThat(argmax(actual.probabilities())).isEqualTo(argmax(expected[ProduceNet.FINE]));
            }
        }
    }

    /** Eight demo photos spread over the classes. */
    static List<Path> photos() throws Exception {
        try (Stream<Path> files = Files.walk(PHOTOS)) {
            List<Path> all = files.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
            List<Path> photos = new ArrayList<>();
            for (int i = 0; i < 8; i++) photos.add(all.get(i * all.size() / 8));
            return photos;
        }
    }

    static Net openCv(byte[] onnx) {
        Net net = Dnn.readNetFromONNX(new MatOfByte(onnx));
        net.setPreferableBackend(Dnn.DNN_BACKEND_OPENCV);
        net.setPreferableTarget(Dnn.DNN_TARGET_CPU);
        return net;
    }

    /** [fine, coarse, embedding] of a batch of {@code n} CHW inputs, flattened, by OpenCV. */
    static float[][] openCv(Net net, float[] input, int n, int size) {
        Mat blob = new Mat(new int[] {n, 3, size, size}, CvType.CV_32F);
        blob.put(new int[] {0, 0, 0, 0}, input);
        net.setInput(blob, OnnxExport.INPUT);
        List<Mat> outs = new ArrayList<>();
        net.forward(outs, List.of(OnnxExport.FINE, OnnxExport.COARSE, OnnxExport.EMBEDDING));
        float[][] result = new float[3][];
        for (int o = 0; o < 3; o++) {
            Mat out = outs.get(o);
            result[o] = new float[(int) out.total()];
            out.get(new int[] {0, 0}, result[o]);
        }
        return result;
    }

    /** The same from the DJL network on PyTorch. */
    static float[][] pyTorch(Model m, float[] input, int n, int size) throws Exception {
        JniUtils.setGradMode(false);
        try (Predictor<NDList, NDList> p = m.newPredictor(new NoopTranslator());
             NDManager scope = m.getNDManager().newSubManager()) {
            NDList out = p.predict(new NDList(scope.create(input, new Shape(n, 3, size, size))));
            return new float[][] {out.get(0).toFloatArray(), out.get(1).toFloatArray(), out.get(2).toFloatArray()};
        }
    }

    static float maxDiff(float[] a, float[] b) {
        float d = 0;
        for (int i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
        return d;
    }

    static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
        return best;
    }
}
