package com.freshscale.models;

import ai.djl.Model;
import com.freshscale.recognition.ModelSpec;
import com.freshscale.recognition.OnnxExport;
import com.freshscale.recognition.ProduceModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a model folder, the one layout that {@code train}, its checkpoints and {@code average} leave: the DJL
 * parameters (what training and averaging read back), {@code model.json}, {@code labels.txt}, and
 * {@code model.onnx}, the same network exported for ONNX Runtime, which is what the scale runs.
 */
final class ModelFolder {
    private ModelFolder() {
    }

    static void write(Model model, ModelSpec spec, Path dir) throws IOException {
        Files.createDirectories(dir);
        model.setProperty("Epoch", "0");
        model.save(dir, spec.name());
        spec.write(dir.resolve(ModelSpec.FILE));
        Files.write(dir.resolve("labels.txt"), spec.labels());
        Files.write(dir.resolve(ProduceModel.ONNX_FILE), OnnxExport.export(model.getBlock(), spec));
    }
}
