package com.freshscale.models;

import ai.djl.training.util.ProgressBar;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.freshscale.recognition.GalleryVote;
import com.freshscale.recognition.OpenCv;
import com.freshscale.recognition.ProduceModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code evaluate}: measures a model folder's {@code model.onnx} on a split, as the scale runs it (offline and online accuracy, time per image). */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate a model on DIR/SPLIT.txt and write the figures as JSON.")
final class EvaluateCommand implements Callable<Integer> {
    @Option(names = "--dataset", required = true, description = "dataset folder (classes.csv, SPLIT.txt)")
    Path dataset;

    @Option(names = "--split", defaultValue = "val", description = "split name: reads DIR/NAME.txt (default: ${DEFAULT-VALUE})")
    String split;

    @Option(names = "--model", defaultValue = "models/produce", description = "model folder (default: ${DEFAULT-VALUE})")
    Path modelDir;

    @Option(names = "--json", description = "write the figures to this file (they are printed too)")
    Path json;

    @Option(names = "--seed", defaultValue = "42", description = "seed of the online order (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--threads", defaultValue = "1", description = "ONNX Runtime threads; the figure is per image on one thread, as the scale runs (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--confusion", description = "also draw the confusion matrix PNG here")
    Path confusion;

    @Option(names = "--misses", description = "also write a CSV of every photo whose item was not the first answer: "
            + "the item, its rank, the first four answers with their probabilities")
    Path misses;

    @Option(names = "--poison", split = ",", description = "also replay the store with this fraction of confirmations "
            + "replaced by the cheapest wrong item (demo prices), e.g. 0,0.1,0.3; each with the fraud pattern")
    List<Double> poison = List.of();

    @Option(names = "--fraud", defaultValue = "5", description = "fraud pattern: one item sold as the cheapest wrong one this many times in a row (default: ${DEFAULT-VALUE})")
    int fraud;

    @Override
    public Integer call() throws IOException {
        if (threads < 1) throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
        System.setProperty(ProduceModel.THREADS_PROPERTY, Integer.toString(threads));
        OpenCv.load();
        GroceryDataset data = GroceryDataset.open(dataset);
        List<GroceryDataset.Sample> samples = data.split(split);
        try (ProduceModel model = ProduceModel.load(modelDir)) {
            if (!model.spec().labels().equals(data.labels())) {
                throw new IllegalArgumentException("the model's labels differ from " + dataset.resolve("classes.csv"));
            }
            ProgressBar bar = new ProgressBar("evaluating " + split, samples.size());
            Evaluation.Metrics m = Evaluation.run(model, samples, seed, GalleryVote.standard(), i -> bar.update(i));
            bar.end();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("split", split);
            out.putAll(m.json());
            if (!poison.isEmpty()) {
                if (fraud < 1) throw new IllegalArgumentException("--fraud must be at least 1");
                OnlineProtocol online = new OnlineProtocol(GalleryVote.standard(),
                        OnlineProtocol.LabelPrices.demo(model.spec().labels()), model.spec().classes());
                List<Map<String, Object>> runs = new java.util.ArrayList<>();
                for (double p : poison) {
                    if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("--poison must be in 0..1, got " + p);
                    Map<String, Object> run = online.run(m.predictions(), m.truth(), seed, p, fraud).json();
                    OnlineProtocol.Result trusting = new OnlineProtocol(GalleryVote.standard(),
                            OnlineProtocol.LabelPrices.demo(model.spec().labels()), model.spec().classes(), true)
                            .run(m.predictions(), m.truth(), seed, p, fraud);
                    // the same replay with every tap learned, as the gallery did before the rule: what the rule is for
                    Map<String, Object> without = new LinkedHashMap<>();
                    without.put("online_top1", Evaluation.Metrics.round(trusting.top1()));
                    without.put("online_top4", Evaluation.Metrics.round(trusting.top4()));
                    without.put("fraud_cheaper_first", trusting.fraudCheaperFirst());
                    run.put("without_rule", without);
                    runs.add(run);
                    System.out.println(new ObjectMapper().writeValueAsString(run));
                }
                out.put("poisoning", runs);
            }
            String text = new ObjectMapper().writeValueAsString(out);
            if (json != null) {
                Path parent = json.toAbsolutePath().getParent();
                if (parent != null) Files.createDirectories(parent);
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), out);
            }
            if (misses != null) {
                Misses.write(misses, samples, data.labels(), m.predictions(), dataset);
            }
            if (confusion != null) {
                Charts.confusion(confusion, "confusion on " + split + " (row = true, column = top-1)",
                        data.labels(), m.confusion());
            }
            System.out.println(text);
        }
        return 0;
    }
}
