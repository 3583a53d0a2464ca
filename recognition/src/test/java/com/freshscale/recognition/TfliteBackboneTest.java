package com.freshscale.recognition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * The importer against the backbone's own reference images: the float network built from the dequantized
 * weights classifies them as the README says (cat.bmp: 286 Egyptian cat 0.858; bird.bmp: 20 chickadee 0.999).
 */
class TfliteBackboneTest {
    static final Path DIR = Path.of("..", "models", "backbone", "mobilenet-v2-imagenet");
    static final Path FILE = DIR.resolve("mobilenet_v2_1.0_224_quant.tflite");

    static TfliteBackbone backbone;
    static Model model;

    @BeforeAll
    static void open() {
        System.setProperty("ai.djl.offline", "true");
        OpenCv.load();
        backbone = TfliteBackbone.read(FILE);
        model = Model.newInstance("imagenet", ProduceNet.ENGINE);
        SequentialBlock features = MobileNetV2.features();
        Linear classifier = Linear.builder().setUnits(TfliteBackbone.IMAGENET_CLASSES).build();
        SequentialBlock net = new SequentialBlock().add(features).add(classifier);
        model.setBlock(net);
        net.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 3, 224, 224));
        backbone.applyTo(features);
        classifier.getParameters().get("weight").getArray().set(backbone.classifierWeight());
        classifier.getParameters().get("bias").getArray().set(backbone.classifierBias());
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static float[] imagenet(String image) {
        Mat bgr = Imgcodecs.imread(DIR.resolve(image).toString(), Imgcodecs.IMREAD_COLOR);
        Mat square = Preprocessing.squareResize(bgr, 224);
        float m = backbone.inputMean();
        float s = backbone.inputStd();
        float[] planes = Preprocessing.toPlanes(square, new float[] {m, m, m}, new float[] {s, s, s}, false);
        try (NDManager scope = model.getNDManager().newSubManager()) {
            NDArray x = scope.create(planes, new Shape(1, 3, 224, 224));
            NDArray logits = model.getBlock().forward(new ParameterStore(scope, false), new NDList(x), false).singletonOrThrow();
            return logits.softmax(1).toFloatArray();
        }
    }

    @Test
    void readsAnEgyptianCat() {
        float[] p = imagenet("cat.bmp");
        int[] top = Ranking.topK(p, 3);
        assertThat(top[0]).as("top-1 of " + Arrays.toString(top)).isEqualTo(286);
        assertThat(p[286]).isGreaterThanOrEqualTo(0.7f);
        // the README's reference 0.858 (its resize differs a little from OpenCV's area resize: 0.870 here);
        // with PyTorch's symmetric padding instead of TensorFlow's SAME the figure would move further
        assertThat(p[286]).isCloseTo(0.858f, org.assertj.core.api.Assertions.within(0.03f));
    }

    @Test
    void readsAChickadee() {
        float[] p = imagenet("bird.bmp");
        assertThat(Ranking.topK(p, 1)[0]).isEqualTo(20);
        assertThat(p[20]).isGreaterThan(0.9f);
    }

    @Test
    void inputNormalisationComesFromTheInputTensor() {
        // the README: real = (x − 128) / 128
        assertThat(backbone.inputMean()).isCloseTo(128f / 255, org.assertj.core.api.Assertions.within(1e-4f));
        assertThat(backbone.inputStd()).isCloseTo(128f / 255, org.assertj.core.api.Assertions.within(1e-4f));
        assertThat(backbone.sha256()).isEqualTo("51e8256b05665529f8836fe6e8eeed41b2fc75a900d8eebda338d70a6726f8da");
    }

    @Test
    void refusesATruncatedFile(@TempDir Path tmp) throws IOException {
        byte[] all = Files.readAllBytes(FILE);
        Path cut = tmp.resolve("cut.tflite");
        Files.write(cut, Arrays.copyOf(all, all.length / 2));
        assertThatThrownBy(() -> TfliteBackbone.read(cut))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("cut.tflite")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void refusesAFileThatIsNotTflite(@TempDir Path tmp) throws IOException {
        Path bmp = tmp.resolve("cat.tflite");
        Files.copy(DIR.resolve("cat.bmp"), bmp);
        assertThatThrownBy(() -> TfliteBackbone.read(bmp))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("not a TFLite file");
    }

    @Test
    void refusesAnotherNetwork(@TempDir Path tmp) throws IOException {
        // the same file with its first operator's code swapped for another: a graph that is not MobileNetV2's
        byte[] all = Files.readAllBytes(FILE);
        Path other = tmp.resolve("other.tflite");
        Files.write(other, TfliteEdits.withFirstOperatorCodeReplaced(all));
        assertThatThrownBy(() -> TfliteBackbone.read(other))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("operator 0")
                .hasMessageContaining("expected CONV_2D");
    }

    @Test
    void convertsTfliteWeightLayouts() {
        // O=1, H=W=1... a 2×1×1×3 OHWI weight keeps its order; a 1×2×2×2 depthwise weight becomes C,1,H,W
        float[] dw = {0, 1, 2, 3, 4, 5, 6, 7}; // (y, x, c) with c fastest
        assertThat(TfliteBackbone.depthwiseToOihw(dw, 2, 2)).containsExactly(0, 2, 4, 6, 1, 3, 5, 7);
        float[] ohwi = {0, 1, 2, 3, 4, 5, 6, 7}; // O=1, H=2, W=2, I=2
        assertThat(TfliteBackbone.ohwiToOihw(ohwi, 1, 2, 2)).containsExactly(0, 2, 4, 6, 1, 3, 5, 7);
    }
}
