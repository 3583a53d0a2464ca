package com.freshscale.models;

import ai.djl.Model;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.freshscale.recognition.GalleryVote;
import com.freshscale.recognition.OpenCv;
import com.freshscale.recognition.ProduceModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code train}: fine-tunes the produce model from the pretrained backbone (DJL on PyTorch) and writes the model
 * folder the scale loads; the final figures are those of the folder's {@code model.onnx} on ONNX Runtime.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train the produce-recognition model and write model.json, parameters, model.onnx (what the scale runs), labels, metrics and charts.")
final class TrainCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(TrainCommand.class);

    @Option(names = "--dataset", required = true, description = "dataset folder (classes.csv, train.txt, val.txt)")
    Path dataset;

    @Option(names = "--backbone", required = true, description = "the pretrained MobileNetV2 1.0 uint8 TFLite file "
            + "(models/backbone/mobilenet-v2-imagenet/mobilenet_v2_1.0_224_quant.tflite)")
    Path backbone;

    @Option(names = "--out", defaultValue = "models/produce", description = "model folder to write (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--name", defaultValue = "produce", description = "model name (default: ${DEFAULT-VALUE})")
    String name;

    @Option(names = "--train-split", defaultValue = "train") String trainSplit;
    @Option(names = "--val-split", defaultValue = "val") String valSplit;
    @Option(names = "--head-epochs", defaultValue = "30", description = "phase 1: epochs of the head on cached features (default: ${DEFAULT-VALUE})") int headEpochs;
    @Option(names = "--views", defaultValue = "2", description = "phase 1: cached backbone views per image, the centre crop and augmented ones (default: ${DEFAULT-VALUE})") int views;
    @Option(names = "--head-lr", defaultValue = "0.1", description = "phase 1: peak learning rate (default: ${DEFAULT-VALUE})") float headLr;
    @Option(names = "--head-weight-decay", defaultValue = "4e-5", description = "phase 1: L2 weight decay (default: ${DEFAULT-VALUE})") float headWeightDecay;
    @Option(names = "--head-dropout", defaultValue = "0.5", description = "phase 1: fraction of cached features dropped per step, 0 = none (default: ${DEFAULT-VALUE})") float headDropout;
    @Option(names = "--epochs", defaultValue = "12", description = "phase 2: epochs of the network from --train-from up, 0 = head only (default: ${DEFAULT-VALUE})") int epochs;
    @Option(names = "--batch", defaultValue = "32") int batch;
    @Option(names = "--lr", defaultValue = "1e-4", description = "phase 2: peak learning rate of the backbone (default: ${DEFAULT-VALUE})") float lr;
    @Option(names = "--train-from", defaultValue = "7", description = "phase 2: first bottleneck block trained (0..17; 0 = the whole network); the ones below stay as pretrained (default: ${DEFAULT-VALUE})") int trainFrom;
    @Option(names = "--optimizer", defaultValue = "adam", description = "phase 2: sgd (momentum 0.9) or adam (default: ${DEFAULT-VALUE})") TrainingPlan.Optimizer optimizer;
    @Option(names = "--head-factor", defaultValue = "4", description = "phase 2: the head's learning rate as a multiple of --lr (default: ${DEFAULT-VALUE})") float headFactor;
    @Option(names = "--weight-decay", defaultValue = "4e-5") float weightDecay;
    @Option(names = "--input", defaultValue = "224", description = "network input size in px, a multiple of 32 (default: ${DEFAULT-VALUE})") int input;
    @Option(names = "--resize", defaultValue = "0", description = "cached image size in px; 0 = input × 8/7, the usual 87.5 % centre crop (default: ${DEFAULT-VALUE})") int resize;
    @Option(names = "--embedding", defaultValue = "128", description = "embedding length, what the store gallery keeps (default: ${DEFAULT-VALUE})") int embedding;
    @Option(names = "--smoothing", defaultValue = "0.1") float smoothing;
    @Option(names = "--coarse-weight", defaultValue = "0.3") float coarseWeight;
    @Option(names = "--white-balance", defaultValue = "0.1", description = "white-balance jitter: largest relative gain on red and blue, 0 = off (default: ${DEFAULT-VALUE})") float whiteBalance;
    @Option(names = "--no-iconic", description = "do not train on the iconic studio images") boolean noIconic;
    @Option(names = "--limit-per-class", defaultValue = "0", description = "at most N training images per class (0 = all)") int limitPerClass;
    @Option(names = "--seed", defaultValue = "42") long seed;
    @Option(names = "--threads", defaultValue = "2", description = "PyTorch threads (default: ${DEFAULT-VALUE})") int threads;
    @Option(names = "--checkpoints", description = "also write a model folder here after phase 1 (head) and after each fine-tuning epoch (epoch-NN), for `average`") Path checkpoints;
    @Option(names = "--no-progress", description = "no progress bars (logs only)") boolean noProgress;

    @Override
    public Integer call() throws IOException {
        Engines.configure(threads);
        OpenCv.load();
        GroceryDataset data = GroceryDataset.open(dataset);
        List<GroceryDataset.Sample> train = data.split(trainSplit);
        List<GroceryDataset.Sample> val = data.split(valSplit);
        int resizeSize = resize > 0 ? resize : Math.round(input * 8 / 7f);
        TrainingPlan plan = new TrainingPlan(headEpochs, views, headLr, headWeightDecay, headDropout, epochs, batch, lr, trainFrom, optimizer, headFactor, weightDecay,
                resizeSize, input, embedding, smoothing, coarseWeight, !noIconic, whiteBalance, limitPerClass, seed);
        long t0 = System.nanoTime();
        ProduceTrainer.Result result = new ProduceTrainer(plan, !noProgress, checkpoints).train(data, train, val, name, backbone);
        double minutes = (System.nanoTime() - t0) / 6e10;
        try (Model model = result.model()) {
            ModelFolder.write(model, result.spec(), out);
        }
        // the figures of the exported model on ONNX Runtime, read back from the folder: exactly what the scale runs
        try (ProduceModel trained = ProduceModel.load(out)) {
            Evaluation.Metrics m = Evaluation.run(trained, val, seed, GalleryVote.standard(), null);
            writeReport(result, m, plan, minutes, data);
            System.out.printf("trained %d head and %d fine-tuning epochs in %.1f min; %s: top-1 %.3f top-4 %.3f online top-4 %.3f%n",
                    headEpochs, epochs, minutes, valSplit, m.top1(), m.top4(), m.onlineTop4());
            System.out.println(new ObjectMapper().writeValueAsString(m.json()));
        }
        return 0;
    }

    private void writeReport(ProduceTrainer.Result r, Evaluation.Metrics m, TrainingPlan plan, double minutes,
                             GroceryDataset data) throws IOException {
        List<ProduceTrainer.Epoch> h = r.history();
        Charts.curves(out.resolve("training-curve.png"), "produce model: loss and accuracy per epoch (head on frozen features, then fine-tuning)",
                List.of("train loss / 4", "train top-1 (augmented)", valSplit + " top-1", valSplit + " top-4"),
                List.of(h.stream().mapToDouble(e -> e.loss() / 4).toArray(),
                        h.stream().mapToDouble(ProduceTrainer.Epoch::trainTop1).toArray(),
                        h.stream().mapToDouble(ProduceTrainer.Epoch::valTop1).toArray(),
                        h.stream().mapToDouble(ProduceTrainer.Epoch::valTop4).toArray()), 1.0);
        Charts.confusion(out.resolve("confusion-matrix.png"),
                "confusion on " + valSplit + " (row = true, column = top-1)", data.labels(), m.confusion());
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("split", valSplit);
        metrics.putAll(m.json());
        metrics.put("training_minutes", Math.round(minutes * 10) / 10.0);
        metrics.put("plan", plan);
        List<Map<String, Object>> epochs = new ArrayList<>();
        for (var e : h) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("phase", e.phase());
            row.put("epoch", e.epoch());
            row.put("loss", e.loss());
            row.put("train_top1", e.trainTop1());
            row.put("val_top1", e.valTop1());
            row.put("val_top4", e.valTop4());
            row.put("seconds", e.seconds());
            epochs.add(row);
        }
        metrics.put("history", epochs);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("metrics.json").toFile(), metrics);
        log.info("model written to {}", out.toAbsolutePath());
    }
}
