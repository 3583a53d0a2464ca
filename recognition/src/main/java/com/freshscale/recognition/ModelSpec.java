package com.freshscale.recognition;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What a trained model is: its input spec, architecture and labels; stored as {@code model.json} beside the
 * parameter file. The scale builds the network and preprocesses frames from this file alone, so a model
 * trained with a different input size or width needs no firmware change.
 *
 * @param name         model name, also the parameter file prefix ({@code name-0000.params})
 * @param trainedAt    ISO-8601 time the training finished
 * @param resizeSize   images are first resized (shorter side) to this many pixels ...
 * @param inputSize    ... then the centre {@code inputSize}² square is the network input (RGB)
 * @param mean         per-channel (R, G, B) mean subtracted after scaling pixels to 0–1
 * @param std          per-channel (R, G, B) standard deviation divided by
 * @param flipTta      average the prediction of the image and its mirror image (test-time augmentation)
 * @param architecture network shape
 * @param labels       fine labels, index = class id (e.g. "Pink-Lady")
 * @param coarseLabels coarse labels, index = coarse id (e.g. "Apple")
 * @param coarseOf     coarse id of each fine label
 */
public record ModelSpec(
        String name,
        String trainedAt,
        int resizeSize,
        int inputSize,
        float[] mean,
        float[] std,
        boolean flipTta,
        Architecture architecture,
        List<String> labels,
        List<String> coarseLabels,
        List<Integer> coarseOf) {

    public static final String FILE = "model.json";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

    public ModelSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(architecture, "architecture");
        labels = List.copyOf(labels);
        coarseLabels = List.copyOf(coarseLabels);
        coarseOf = List.copyOf(coarseOf);
        if (inputSize < 32 || resizeSize < inputSize) {
            throw new IllegalArgumentException("need 32 <= inputSize <= resizeSize, got " + inputSize + "/" + resizeSize);
        }
        MobileNetV2Layers.checkInputSize(inputSize);
        if (mean == null || mean.length != 3 || std == null || std.length != 3) {
            throw new IllegalArgumentException("mean and std need 3 channels");
        }
        if (labels.isEmpty() || coarseOf.size() != labels.size()) {
            throw new IllegalArgumentException("every label needs a coarse label");
        }
        for (int c : coarseOf) {
            if (c < 0 || c >= coarseLabels.size()) throw new IllegalArgumentException("coarse id out of range: " + c);
        }
    }

    public int classes() {
        return labels.size();
    }

    public static ModelSpec read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw new ModelException("cannot read model spec " + file + ": " + e.getMessage(), e);
        }
    }

    public static ModelSpec read(InputStream in, String origin) {
        try {
            return JSON.readValue(in, ModelSpec.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new ModelException("invalid model spec " + origin + ": " + e.getMessage(), e);
        }
    }

    public void write(Path file) {
        try {
            JSON.writeValue(file.toFile(), this);
        } catch (IOException e) {
            throw new ModelException("cannot write model spec " + file + ": " + e.getMessage(), e);
        }
    }
}
