package com.freshscale.device.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.freshscale.recognition.ModelSpec;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code recognise}, run in-process as {@code java -jar freshscale-device.jar recognise ...} runs it. */
class RecogniseCommandTest {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
        JsonNode json() throws Exception {
            String[] lines = out.strip().split("\n");
            return new ObjectMapper().readTree(lines[lines.length - 1]);
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = DeviceMain.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of("recognise"));
        all.addAll(List.of(args));
        int exit = cl.execute(all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    private static Path photo() throws Exception {
        return Path.of(RecogniseCommandTest.class.getResource("/vision/produce/Banana_001.jpg").toURI());
    }

    /** The labels of whatever model is committed: the test must not depend on which one that is. */
    private static List<String> bundledLabels() throws Exception {
        try (InputStream in = RecogniseCommandTest.class.getResourceAsStream("/freshscale/model/produce/model.json")) {
            return ModelSpec.read(in, "test").labels();
        }
    }

    @Test
    void ranksTheBundledModelsLabelsForOnePhoto() throws Exception {
        Run r = run("--image", photo().toString(), "--top", "3");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = r.json();
        assertThat(j.get("engine").asText()).startsWith("ONNX Runtime 1.");
        assertThat(j.get("arch").asText()).isEqualTo(System.getProperty("os.arch"));
        JsonNode top = j.get("top");
        assertThat(top).hasSize(3);
        List<String> labels = bundledLabels();
        double previous = 1.0;
        double sum = 0;
        for (JsonNode e : top) {
            assertThat(labels).contains(e.get("label").asText());
            double p = e.get("p").asDouble();
            assertThat(p).isBetween(0.0, previous);
            previous = p;
            sum += p;
        }
        assertThat(sum).isLessThanOrEqualTo(1.0 + 1e-5);
        // the human-readable lines name the same labels, best first
        assertThat(r.out()).contains("1. " + top.get(0).get("label").asText());
        assertThat(r.out()).contains("3. " + top.get(2).get("label").asText());
    }

    @Test
    void theAmericanSpellingIsTheSameCommand() {
        CommandLine cl = DeviceMain.commandLine();
        Object american = cl.getSubcommands().get("recognize").getCommand();
        Object british = cl.getSubcommands().get("recognise").getCommand();
        assertThat(american).isInstanceOf(RecogniseCommand.class).isSameAs(british);
    }

    @Test
    void aMissingImageIsOneClearErrorAndNoOutput() {
        Run r = run("--image", dir.resolve("nothing.jpg").toString());
        assertThat(r.exit()).isEqualTo(CommandErrors.FAILED);
        assertThat(r.err()).contains("no image file at").contains("nothing.jpg");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aFileThatIsNotAnImageIsRefused() throws Exception {
        Path text = Files.writeString(dir.resolve("label.jpg"), "not a picture");
        Run r = run("--image", text.toString());
        assertThat(r.exit()).isEqualTo(CommandErrors.FAILED);
        assertThat(r.err()).contains("cannot read").contains("as an image");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void topMustBeAtLeastOne() throws Exception {
        Run r = run("--image", photo().toString(), "--top", "0");
        assertThat(r.exit()).isEqualTo(CommandErrors.FAILED);
        assertThat(r.err()).contains("--top must be at least 1");
    }

    @Test
    void aModelFolderWithoutAModelIsRefused() throws Exception {
        Run r = run("--image", photo().toString(), "--model", dir.toString());
        assertThat(r.exit()).isEqualTo(CommandErrors.FAILED);
        assertThat(r.err()).contains("no model.json");
        assertThat(r.out()).isEmpty();
    }
}
