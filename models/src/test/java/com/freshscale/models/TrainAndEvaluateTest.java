package com.freshscale.models;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.freshscale.recognition.ProduceModel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The smoke training run the CI can afford, with the real pretrained backbone at a small input (64 px): the
 * head on cached features for 12 epochs, then one fine-tuning epoch of the upper blocks, on 5 classes × 2
 * images. It must learn (loss falls, training accuracy far above chance) and leave a model folder whose
 * {@code model.onnx} the scale's predictor loads and {@code evaluate} measures, and checkpoints that
 * {@code average} mixes into another such folder.
 */
class TrainAndEvaluateTest {
    static final Path BACKBONE = Path.of("..", "models", "backbone", "mobilenet-v2-imagenet", "mobilenet_v2_1.0_224_quant.tflite");

    @TempDir
    static Path tmp;
    static Path data;
    static Path model;
    static JsonNode metrics;
    static int exit;

    @BeforeAll
    static void train() throws Exception {
        data = TinyDataset.create(Files.createDirectories(tmp.resolve("data")), 5, 2);
        model = tmp.resolve("model");
        exit = ModelsMain.commandLine().execute("train", "--dataset", data.toString(), "--out", model.toString(),
                "--backbone", BACKBONE.toString(), "--input", "64", "--views", "2", "--head-epochs", "12",
                "--epochs", "1", "--train-from", "13", "--batch", "10", "--embedding", "32",
                "--no-progress", "--seed", "3", "--threads", "1", "--checkpoints", tmp.resolve("ckpt").toString());
        metrics = new ObjectMapper().readTree(model.resolve("metrics.json").toFile());
    }

    @Test
    void trainingWritesTheModelFolder() throws Exception {
        assertThat(exit).isZero();
        assertThat(model.resolve("model.json")).isRegularFile();
        assertThat(model.resolve("produce-0000.params")).isRegularFile();
        assertThat(model.resolve("model.onnx")).isNotEmptyFile();
        assertThat(Files.readAllLines(model.resolve("labels.txt"))).hasSize(5).startsWith("Golden-Delicious", "Kiwi");
        assertThat(model.resolve("training-curve.png")).isNotEmptyFile();
        assertThat(model.resolve("confusion-matrix.png")).isNotEmptyFile();
    }

    @Test
    void theLossFallsAndTheNetworkLearns() {
        JsonNode h = metrics.get("history");
        assertThat(h.size()).isEqualTo(13); // 12 head epochs, 1 fine-tuning epoch
        assertThat(h.get(0).get("phase").asText()).isEqualTo("head");
        assertThat(h.get(12).get("phase").asText()).isEqualTo("fine-tune");
        double first = h.get(0).get("loss").asDouble();
        double last = h.get(11).get("loss").asDouble();
        assertThat(last).isLessThan(first * 0.8);
        assertThat(h.get(11).get("train_top1").asDouble()).isGreaterThan(0.5); // chance is 0.2
        assertThat(h.get(12).get("loss").asDouble()).isFinite();
    }

    @Test
    void theModelNamesItsBackboneFileAndItsSha256() throws Exception {
        JsonNode backbone = new ObjectMapper().readTree(model.resolve("model.json").toFile()).get("architecture").get("backbone");
        assertThat(backbone.get("network").asText()).isEqualTo("mobilenet-v2-1.0");
        assertThat(backbone.get("file").asText()).endsWith("mobilenet_v2_1.0_224_quant.tflite");
        assertThat(backbone.get("sha256").asText()).isEqualTo("51e8256b05665529f8836fe6e8eeed41b2fc75a900d8eebda338d70a6726f8da");
    }

    @Test
    void evaluateWritesTheFiguresTheBriefAsksFor() throws Exception {
        Path json = tmp.resolve("eval/val.json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream old = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = ModelsMain.commandLine().execute("evaluate", "--dataset", data.toString(), "--split", "val",
                    "--model", model.toString(), "--json", json.toString());
        } finally {
            System.setOut(old);
        }
        assertThat(code).isZero();
        JsonNode r = new ObjectMapper().readTree(json.toFile());
        assertThat(r.get("n").asInt()).isEqualTo(10);
        for (String k : new String[] {"top1", "top4", "online_top1", "online_top4"}) {
            assertThat(r.get(k).asDouble()).as(k).isBetween(0.0, 1.0);
        }
        assertThat(r.get("top4").asDouble()).isGreaterThanOrEqualTo(r.get("top1").asDouble());
        for (String k : new String[] {"top1", "top4", "online_top1", "online_top4"}) {
            JsonNode ci = r.get(k + "_ci95");
            assertThat(ci.size()).as(k).isEqualTo(2);
            assertThat(ci.get(0).asDouble()).as(k).isBetween(0.0, r.get(k).asDouble());
            assertThat(ci.get(1).asDouble()).as(k).isBetween(r.get(k).asDouble(), 1.0);
        }
        assertThat(r.get("ms_p95").asDouble()).isGreaterThanOrEqualTo(r.get("ms_p50").asDouble()).isPositive();
        String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertThat(new ObjectMapper().readTree(lines[lines.length - 1]).get("n").asInt()).isEqualTo(10);
    }

    @Test
    void evaluateListsEveryPhotoItDidNotPutFirst() throws Exception {
        Path json = tmp.resolve("misses/val.json");
        Path csv = tmp.resolve("misses/val-misses.csv");
        assertThat(ModelsMain.commandLine().execute("evaluate", "--dataset", data.toString(), "--split", "val",
                "--model", model.toString(), "--json", json.toString(), "--misses", csv.toString())).isZero();
        JsonNode r = new ObjectMapper().readTree(json.toFile());
        java.util.List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo(Misses.HEADER);
        // one row per photo whose item was not the first answer: as many as top-1 missed
        assertThat(lines.size() - 1).isEqualTo((int) Math.round(r.get("n").asInt() * (1 - r.get("top1").asDouble())));
        int lastRank = Integer.MAX_VALUE;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            assertThat(f).hasSize(12);
            assertThat(Files.isRegularFile(data.resolve(f[0]))).as(f[0]).isTrue();
            int rank = Integer.parseInt(f[2]);
            assertThat(rank).isBetween(2, 5).isLessThanOrEqualTo(lastRank);
            lastRank = rank;
            assertThat(f[4]).isNotEqualTo(f[1]);
            // the item is among the four shown exactly when its rank is 2-4
            assertThat(java.util.List.of(f[6], f[8], f[10]).contains(f[1])).isEqualTo(rank <= 4);
            assertThat(Double.parseDouble(f[5])).isGreaterThanOrEqualTo(Double.parseDouble(f[3]));
        }
    }

    @Test
    void theWrittenModelOnnxIsWhatTheFinalFiguresCameFrom() throws Exception {
        try (ProduceModel onnx = ProduceModel.load(model)) {
            assertThat(onnx.spec().labels()).hasSize(5);
            assertThat(onnx.spec().inputSize()).isEqualTo(64);
        }
        // evaluate runs model.onnx on ONNX Runtime; train's final figures must be the very same (offline top-k
        // does not depend on the seed of the online order)
        Path json = tmp.resolve("eval/same.json");
        int code = ModelsMain.commandLine().execute("evaluate", "--dataset", data.toString(), "--split", "val",
                "--model", model.toString(), "--json", json.toString());
        assertThat(code).isZero();
        JsonNode r = new ObjectMapper().readTree(json.toFile());
        assertThat(r.get("top1").asDouble()).isEqualTo(metrics.get("top1").asDouble());
        assertThat(r.get("top4").asDouble()).isEqualTo(metrics.get("top4").asDouble());
    }

    @Test
    void aFolderWithoutModelOnnxIsAOneLineErrorUntilExportWritesIt() throws Exception {
        Path old = Files.createDirectories(tmp.resolve("old"));
        for (String f : new String[] {"model.json", "produce-0000.params", "labels.txt"}) Files.copy(model.resolve(f), old.resolve(f));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        var cli = ModelsMain.commandLine();
        cli.setErr(new java.io.PrintWriter(err, true));
        int code = cli.execute("evaluate", "--dataset", data.toString(), "--split", "val", "--model", old.toString());
        assertThat(code).isNotZero();
        assertThat(err.toString(StandardCharsets.UTF_8).strip()).startsWith("error: no model.onnx in model folder " + old).doesNotContain("\n");

        assertThat(ModelsMain.commandLine().execute("export", "--model", old.toString())).isZero();
        assertThat(old.resolve("model.onnx")).hasSameBinaryContentAs(model.resolve("model.onnx"));
        assertThat(ModelsMain.commandLine().execute("evaluate", "--dataset", data.toString(), "--split", "val",
                "--model", old.toString(), "--json", tmp.resolve("eval/old.json").toString())).isZero();
    }

    @Test
    void aMissingSplitIsAClearErrorAndWritesNothing() {
        Path json = tmp.resolve("none.json");
        int code = ModelsMain.commandLine().execute("evaluate", "--dataset", data.toString(), "--split", "nosuch",
                "--model", model.toString(), "--json", json.toString());
        assertThat(code).isNotZero();
        assertThat(json).doesNotExist();
    }

    @Test
    void aHeadDropoutOrWeightDecayOutOfRangeIsAClearErrorAndWritesNothing() {
        for (String[] bad : new String[][] {{"--head-dropout", "1"}, {"--head-dropout", "-0.1"}, {"--head-weight-decay", "-1e-4"}}) {
            Path out = tmp.resolve("bad-head" + bad[1]);
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            var cli = ModelsMain.commandLine();
            cli.setErr(new java.io.PrintWriter(err, true));
            int code = cli.execute("train", "--dataset", data.toString(), "--out", out.toString(),
                    "--backbone", BACKBONE.toString(), bad[0], bad[1], "--no-progress");
            assertThat(code).as(String.join(" ", bad)).isNotZero();
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("invalid training plan");
            assertThat(out).doesNotExist();
        }
    }

    @Test
    void theMetricsNameThePlansHeadRegularisation() {
        assertThat(metrics.get("plan").get("headDropout").isNumber()).isTrue();
        assertThat(metrics.get("plan").get("headWeightDecay").isNumber()).isTrue();
    }

    @Test
    void aBackboneThatIsNotTheTfliteMobileNetV2IsAClearErrorAndWritesNothing() {
        Path out = tmp.resolve("foreign");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        var cli = ModelsMain.commandLine();
        cli.setErr(new java.io.PrintWriter(err, true));
        int code = cli.execute("train", "--dataset", data.toString(), "--out", out.toString(),
                "--backbone", BACKBONE.resolveSibling("cat.bmp").toString(), "--no-progress");
        assertThat(code).isNotZero();
        assertThat(out).doesNotExist();
    }

    @Test
    void evaluateReplaysTheStoreWithPoisonedConfirmationsAndTheFraudPattern() throws Exception {
        Path json = tmp.resolve("eval/poison.json");
        int code = ModelsMain.commandLine().execute("evaluate", "--dataset", data.toString(), "--split", "val",
                "--model", model.toString(), "--json", json.toString(), "--poison", "0,0.3", "--fraud", "3");
        assertThat(code).isZero();
        JsonNode runs = new ObjectMapper().readTree(json.toFile()).get("poisoning");
        assertThat(runs.size()).isEqualTo(2);
        assertThat(runs.get(0).get("poison").asDouble()).isZero();
        assertThat(runs.get(1).get("poison").asDouble()).isEqualTo(0.3);
        for (JsonNode r : runs) {
            assertThat(r.get("online_top4").asDouble()).isBetween(0.0, 1.0);
            assertThat(r.get("fraud_runs").asInt()).isBetween(1, 10);
            assertThat(r.get("fraud_cheaper_first").asInt()).isBetween(0, r.get("fraud_runs").asInt());
            assertThat(r.get("fraud_already_first").asInt()).isBetween(0, r.get("fraud_cheaper_first").asInt());
            assertThat(r.get("without_rule").get("online_top4").asDouble()).isBetween(0.0, 1.0);
        }
    }

    @Test
    void checkpointsAreModelFoldersAndAverageWritesTheWeightedMeanOfTheirParameters() throws Exception {
        Path head = tmp.resolve("ckpt/head");
        Path epoch = tmp.resolve("ckpt/epoch-01");
        assertThat(head.resolve("model.json")).isRegularFile();
        assertThat(epoch.resolve("produce-0000.params")).isRegularFile();
        for (Path checkpoint : new Path[] {head, epoch}) {
            try (ProduceModel onnx = ProduceModel.load(checkpoint)) {
                assertThat(onnx.spec().labels()).hasSize(5);
            }
        }
        Path mean = tmp.resolve("averaged");
        int code = ModelsMain.commandLine().execute("average", "--model", head + "=1," + epoch + "=3", "--out", mean.toString());
        assertThat(code).isZero();
        assertThat(mean.resolve("averaged.json")).isRegularFile();
        com.freshscale.recognition.ModelSpec spec = com.freshscale.recognition.ModelSpec.read(head.resolve("model.json"));
        // another model to the scale: a gallery embedded by either part is re-embedded
        assertThat(com.freshscale.recognition.ModelSpec.read(mean.resolve("model.json")).trainedAt()).isNotEqualTo(spec.trainedAt());
        try (ai.djl.Model a = AverageCommand.load(spec, head); ai.djl.Model b = AverageCommand.load(spec, epoch);
             ai.djl.Model m = AverageCommand.load(spec, mean)) {
            var pa = a.getBlock().getParameters();
            var pb = b.getBlock().getParameters();
            var pm = m.getBlock().getParameters();
            int differing = 0;
            for (int i = 0; i < pm.size(); i++) {
                float[] x = pa.valueAt(i).getArray().toFloatArray();
                float[] y = pb.valueAt(i).getArray().toFloatArray();
                float[] z = pm.valueAt(i).getArray().toFloatArray();
                for (int j = 0; j < z.length; j++) {
                    assertThat(z[j]).as(pm.keyAt(i)).isCloseTo(0.25f * x[j] + 0.75f * y[j], org.assertj.core.data.Offset.offset(1e-5f));
                }
                if (!java.util.Arrays.equals(x, y)) differing++;
            }
            assertThat(differing).as("parameters the fine-tuning epoch changed").isPositive();
        }
        // and the result is a model folder with its model.onnx, which evaluate loads
        assertThat(mean.resolve("model.onnx")).isNotEmptyFile();
        assertThat(ModelsMain.commandLine().execute("evaluate", "--dataset", data.toString(), "--split", "val",
                "--model", mean.toString(), "--json", tmp.resolve("eval/mean.json").toString())).isZero();
    }

    @Test
    void averageRefusesBadWeightsASingleModelAndAnotherNetworkAndWritesNothing() throws Exception {
        Path head = tmp.resolve("ckpt/head");
        Path epoch = tmp.resolve("ckpt/epoch-01");
        Path other = tmp.resolve("other-net");
        Files.createDirectories(other);
        Files.writeString(other.resolve("model.json"), Files.readString(head.resolve("model.json")).replace("\"embeddingDim\" : 32", "\"embeddingDim\" : 16"));
        assertThat(Files.readString(other.resolve("model.json"))).contains("\"embeddingDim\" : 16");
        String[][] bad = {{head + "=x," + epoch}, {head + "=0," + epoch}, {head + "=-1," + epoch}, {head.toString()},
                {head + "," + tmp.resolve("nothing-here")}, {head + "," + other}};
        for (String[] models : bad) {
            Path out = tmp.resolve("bad-average-" + Math.abs(models[0].hashCode()));
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            var cli = ModelsMain.commandLine();
            cli.setErr(new java.io.PrintWriter(err, true));
            assertThat(cli.execute("average", "--model", models[0], "--out", out.toString())).as(models[0]).isNotZero();
            assertThat(err.toString(StandardCharsets.UTF_8)).as(models[0]).startsWith("error: ").doesNotContain("Exception");
            assertThat(out).doesNotExist();
        }
    }

    @Test
    void theIntervalIsWilsons() {
        // half of 196 photos: ±6.9 points; none of 10: up to 27.8 %, the textbook values
        assertThat(Evaluation.wilson(0.5, 196)).containsExactly(new double[] {0.4307, 0.5693}, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(Evaluation.wilson(0, 10)).containsExactly(new double[] {0, 0.2775}, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(Evaluation.wilson(1, 10)).containsExactly(new double[] {0.7225, 1}, org.assertj.core.data.Offset.offset(1e-4));
    }
}
