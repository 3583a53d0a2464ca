package com.freshscale.device.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.freshscale.device.weighing.TestScales;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** calibrate, status, bench weighing and demo, run in-process as a technician would run them. */
class WeighingCommandsTest {
    @TempDir
    Path dir;
    Path config;
    Path db;
    String out;
    String err;
    /** What the running command has printed so far. */
    volatile ByteArrayOutputStream live;

    @BeforeEach
    void files() throws Exception {
        config = dir.resolve("device.yaml");
        Files.writeString(config, TestScales.demoYaml());
        db = dir.resolve("scale.db");
    }

    private int run(String stdin, String... args) {
        return run(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), args);
    }

    private int run(InputStream stdin, String... args) {
        InputStream oldIn = System.in;
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        live = o;
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setIn(stdin);
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            return DeviceMain.commandLine().execute(args);
        } finally {
            System.setIn(oldIn);
            System.setOut(oldOut);
            System.setErr(oldErr);
            out = o.toString(StandardCharsets.UTF_8);
            err = e.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void scriptedCalibrationOfTheSimulatedScaleThenStatus() {
        assertThat(run("", "status", "--database", db.toString())).isEqualTo(2);
        assertThat(err).contains("no scale database at");
        assertThat(db).doesNotExist();
        com.freshscale.device.store.DeviceDatabase.open(db);
        assertThat(run("", "status", "--database", db.toString(), "--config", config.toString())).isEqualTo(1);
        assertThat(out).contains("calibration counter:  0").contains("ready to weigh:       no");

        assertThat(run("", "calibrate", "--config", config.toString(), "--database", db.toString(),
                "--technician", "A. Tech", "--reference-g", "5000,10000,15000", "--yes")).isEqualTo(0);
        assertThat(out).contains("Calibration stored: event 1 by A. Tech")
                .contains("Sensitivity 280.0") // the simulated cell's 280 counts/g, measured through the driver
                .contains("multi-point");

        assertThat(run("", "status", "--database", db.toString(), "--config", config.toString(), "--audit")).isEqualTo(0);
        assertThat(out).contains("software version:     dev")
                .contains("calibration counter:  1")
                .contains("by A. Tech, for 6000g/2g, 15000g/5g")
                .contains("ready to weigh:       yes")
                .contains("event 1 calibration by A. Tech");
    }

    @Test
    void guidedCalibrationReadsTheTechniciansAnswers() {
        // Enter (platter empty), "abc" (not a mass), 7500, Enter (mass placed), empty line (refused: one mass cannot show
        // the load cell's bow), 15000, Enter (mass placed), empty line (done)
        String answers = "\nabc\n7500\n\n\n15000\n\n\n";
        assertThat(run(answers, "calibrate", "--config", config.toString(), "--database", db.toString(),
                "--technician", "B. Tech")).isEqualTo(0);
        assertThat(out).contains("Empty the platter, then press Enter")
                .contains("Not a number of grams: abc")
                .contains("Place the reference mass of 15000 g on the platter, then press Enter")
                .contains("At least two reference masses are needed")
                .contains("multi-point").contains("estimated error left at most")
                .contains("event 1 by B. Tech");
    }

    @Test
    void abortedOrInvalidCalibrationStoresNothing() {
        assertThat(run("\n", "calibrate", "--config", config.toString(), "--database", db.toString(),
                "--technician", "C. Tech")).isEqualTo(2);
        assertThat(err).contains("input ended: calibration aborted, nothing stored");
        assertThat(run("", "calibrate", "--config", config.toString(), "--database", db.toString(),
                "--technician", "C. Tech", "--reference-g", "20000", "--yes")).isEqualTo(2);
        assertThat(err).contains("above Max");
        assertThat(run("", "calibrate", "--config", config.toString(), "--database", db.toString(),
                "--technician", "C. Tech", "--reference-g", "500", "--yes")).isEqualTo(2);
        assertThat(err).contains("below 2/3 of Max");
        assertThat(run("", "calibrate", "--config", config.toString(), "--database", db.toString(),
                "--technician", "C. Tech", "--reference-g", "15000", "--yes")).isEqualTo(2);
        assertThat(err).contains("one reference mass cannot show the load cell's non-linearity");
        assertThat(run("", "status", "--database", db.toString())).isZero();
        assertThat(out).contains("calibration counter:  0").contains("calibration:          none");
    }

    @Test
    void invalidConfigIsAClearErrorAndTheScaleRefuses() throws Exception {
        Files.writeString(config, TestScales.demoYaml().replace("e_g: 2 }", "e_g: 3 }"));
        assertThat(run("", "calibrate", "--config", config.toString(), "--database", db.toString(),
                "--technician", "D. Tech", "--yes", "--reference-g", "15000")).isEqualTo(2);
        assertThat(err).startsWith("error: ").contains("e_g 3 is not 1, 2 or 5");
        assertThat(run("", "demo", "--config", config.toString(), "--database", db.toString(), "--seconds", "1"))
                .isEqualTo(2);
        assertThat(err).contains("e_g 3");
    }

    @Test
    void weighingBenchPrintsItsFiguresWithJsonLast() throws Exception {
        assertThat(run("", "bench", "weighing", "--steps", "20")).isEqualTo(0);
        String[] lines = out.strip().split("\n");
        JsonNode json = new ObjectMapper().readTree(lines[lines.length - 1]);
        assertThat(json.get("bench").asText()).isEqualTo("weighing");
        assertThat(json.get("rate_sps").asInt()).isEqualTo(80);
        assertThat(json.get("steps").asInt()).isEqualTo(20);
        for (String key : new String[] {"time_to_stable_ms_p50", "time_to_stable_ms_p95", "max_error_e", "false_stable",
                "cpu_us_per_sample"}) {
            assertThat(json.has(key)).as(key).isTrue();
        }
        assertThat(json.get("never_stable").asInt()).isZero();
    }

    @Test
    void demoCalibratesTheSimulatedCellAndShowsLiveWeight() {
        // The shopper comes once the display shows the power-up zero, and leaves once the weight is stable:
        // a fixed wait flaked on a loaded CI machine, where the power-up zero came later than a second.
        InputStream shopper = new ScriptedKeys(
                new Step(" 0.000 kg", "place 1234\n"),
                new Step("1.234 kg       STABLE", "quit\n"));
        assertThat(run(shopper, "demo", "--manual", "--database", db.toString(), "--seconds", "60")).isEqualTo(0);
        assertThat(out).contains("Calibrated the simulated load cell (event 1)")
                .contains("ok: place")
                .contains("1.234 kg       STABLE");
        assertThat(out.indexOf("ok: place")).as("placed only after the power-up zero")
                .isGreaterThan(out.indexOf(" 0.000 kg"));
    }

    private record Step(String awaited, String keys) {}

    /** Keys typed once the demo has printed what each step waits for; ends the input after the last step. */
    private final class ScriptedKeys extends InputStream {
        private final java.util.ArrayDeque<Step> steps;
        private byte[] pending = new byte[0];
        private int pos;

        ScriptedKeys(Step... steps) {
            this.steps = new java.util.ArrayDeque<>(java.util.List.of(steps));
        }

        @Override
        public int read() throws java.io.IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws java.io.IOException {
            if (pos == pending.length) {
                Step step = steps.poll();
                if (step == null) return -1;
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (!live.toString(StandardCharsets.UTF_8).contains(step.awaited())) {
                    if (System.nanoTime() > deadline) throw new java.io.IOException("never saw " + step.awaited());
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return -1;
                    }
                }
                pending = step.keys().getBytes(StandardCharsets.UTF_8);
                pos = 0;
            }
            int n = Math.min(len, pending.length - pos);
            System.arraycopy(pending, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
