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

/** {@code evaluate}: measures a model on a split (offline and online accuracy, time per image). */
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

    @Option(names = "--threads", defaultValue = "1", description = "PyTorch threads; the figure is per image on one thread (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--confusion", description = "also draw the confusion matrix PNG here")
    Path confusion;

    @Override
    public Integer call() throws IOException {
        Engines.configure(threads);
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
            String text = new ObjectMapper().writeValueAsString(out);
            if (json != null) {
                Path parent = json.toAbsolutePath().getParent();
                if (parent != null) Files.createDirectories(parent);
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), out);
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
