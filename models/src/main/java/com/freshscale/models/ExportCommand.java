package com.freshscale.models;

import com.freshscale.recognition.ModelSpec;
import com.freshscale.recognition.OnnxExport;
import com.freshscale.recognition.ProduceModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code export}: writes {@code model.onnx} into a model folder from its DJL parameters, for folders written
 * before {@code train} and {@code average} wrote it themselves (the scale loads nothing else).
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write DIR/model.onnx (what the scale runs, on ONNX Runtime) from the model's parameters in DIR.")
final class ExportCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "model folder (model.json and its parameter file)")
    Path dir;

    @Override
    public Integer call() throws IOException {
        Engines.configure(1);
        if (!Files.isRegularFile(dir.resolve(ModelSpec.FILE))) {
            throw new IllegalArgumentException("--model " + dir + ": no " + ModelSpec.FILE + " there");
        }
        Path out = dir.resolve(ProduceModel.ONNX_FILE);
        OnnxExport.write(dir, out);
        // what the scale will do with it: a file ONNX Runtime refuses fails here, not on the scale
        try (ProduceModel check = ProduceModel.load(dir)) {
            System.out.printf("wrote %s (%d bytes; %d labels, input %d px)%n", out, Files.size(out),
                    check.spec().classes(), check.spec().inputSize());
        }
        return 0;
    }
}
