package com.freshscale.models;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.ParameterList;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.freshscale.recognition.ModelSpec;
import com.freshscale.recognition.ProduceNet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code average}: a model whose every parameter is the weighted mean of the same parameter in models of one
 * architecture and one label set. Two uses, both from one training run's {@code --checkpoints}: the mean of the
 * last fine-tuning epochs (stochastic weight averaging, Izmailov et al. 2018, which settles val figures that
 * jump by whole classes from epoch to epoch), and a mix of the fine-tuned network with the head-only one on the
 * pretrained backbone (WiSE-FT, Wortsman et al. 2022, which keeps more of what ImageNet taught and so holds up
 * better on photos from other sessions and shops). Models fine-tuned from one starting point lie in one basin,
 * which is what makes a mean of their weights a good network and not a broken one.
 */
@Command(name = "average", mixinStandardHelpOptions = true,
        description = "Write a model whose parameters are the weighted mean of those of the given model folders.")
final class AverageCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, split = ",",
            description = "model folders, each DIR or DIR=WEIGHT (weight > 0, default 1; weights are normalised to sum 1)")
    List<String> parts;

    @Option(names = "--out", required = true, description = "model folder to write")
    Path out;

    @Override
    public Integer call() throws IOException {
        Engines.configure(1);
        List<Path> dirs = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (String part : parts) {
            int eq = part.lastIndexOf('=');
            Path dir = Path.of(eq < 0 ? part : part.substring(0, eq));
            double w;
            try {
                w = eq < 0 ? 1 : Double.parseDouble(part.substring(eq + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--model " + part + ": the weight after '=' is not a number");
            }
            if (!(w > 0) || Double.isInfinite(w)) throw new IllegalArgumentException("--model " + part + ": the weight must be above 0");
            if (!Files.isRegularFile(dir.resolve(ModelSpec.FILE))) {
                throw new IllegalArgumentException("--model " + part + ": no " + ModelSpec.FILE + " in " + dir);
            }
            dirs.add(dir);
            weights.add(w);
        }
        if (dirs.size() < 2) throw new IllegalArgumentException("--model: give at least two model folders to average");
        if (dirs.stream().anyMatch(d -> d.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize()))) {
            throw new IllegalArgumentException("--out " + out + " is one of the models averaged");
        }
        double sum = weights.stream().mapToDouble(Double::doubleValue).sum();
        ModelSpec spec = ModelSpec.read(dirs.get(0).resolve(ModelSpec.FILE));
        List<Model> models = new ArrayList<>();
        try {
            for (Path dir : dirs) {
                ModelSpec s = ModelSpec.read(dir.resolve(ModelSpec.FILE));
                if (!s.architecture().equals(spec.architecture()) || !s.labels().equals(spec.labels())
                        || s.inputSize() != spec.inputSize() || s.resizeSize() != spec.resizeSize()) {
                    throw new IllegalArgumentException(dir + " is not the same network as " + dirs.get(0)
                            + " (architecture, labels and input size must match)");
                }
                models.add(load(s, dir));
            }
            Block target = models.get(0).getBlock();
            ParameterList into = target.getParameters();
            for (int i = 0; i < into.size(); i++) {
                NDArray mean = into.valueAt(i).getArray();
                mean.muli(weights.get(0) / sum);
                for (int m = 1; m < models.size(); m++) {
                    ParameterList other = models.get(m).getBlock().getParameters();
                    if (!other.keyAt(i).equals(into.keyAt(i))) throw new IllegalStateException("parameter order differs: " + other.keyAt(i));
                    mean.addi(other.valueAt(i).getArray().mul(weights.get(m) / sum));
                }
            }
            // a new identity: a store gallery embedded by any of the parts is re-embedded for the mean (the scale
            // tells models apart by name and trainedAt)
            ModelSpec averaged = new ModelSpec(spec.name(), java.time.Instant.now().toString(), spec.resizeSize(), spec.inputSize(),
                    spec.mean(), spec.std(), spec.flipTta(), spec.architecture(), spec.labels(), spec.coarseLabels(), spec.coarseOf());
            ModelFolder.write(models.get(0), averaged, out);
            Map<String, Object> provenance = new LinkedHashMap<>();
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int i = 0; i < dirs.size(); i++) {
                rows.add(Map.of("model", dirs.get(i).toString().replace('\\', '/'), "weight", weights.get(i) / sum));
            }
            provenance.put("averaged", rows);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("averaged.json").toFile(), provenance);
            System.out.printf("averaged %d models into %s%n", dirs.size(), out);
        } finally {
            models.forEach(Model::close);
        }
        return 0;
    }

    static Model load(ModelSpec spec, Path dir) throws IOException {
        Model model = Model.newInstance(spec.name(), ProduceNet.ENGINE);
        try {
            Block net = ProduceNet.build(spec.architecture(), spec.classes(), spec.coarseLabels().size());
            // initialised before loading: a block that was only loaded has no input description, which
            // Model.save needs (the loaded values then replace the initial ones)
            net.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 3, spec.inputSize(), spec.inputSize()));
            model.setBlock(net);
            model.load(dir, spec.name());
            return model;
        } catch (MalformedModelException | RuntimeException e) {
            model.close();
            throw new IllegalArgumentException("cannot load the model in " + dir + ": " + e.getMessage(), e);
        }
    }
}
