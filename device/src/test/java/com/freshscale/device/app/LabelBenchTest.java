package com.freshscale.device.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The bench runs and reports every figure (its values are for the bench run, not for a test to judge). */
class LabelBenchTest {
    @Test
    void reportsEveryFigureAsTheLastJsonLine() throws Exception {
        StringWriter out = new StringWriter();
        CommandLine cl = DeviceMain.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(new StringWriter()));
        assertThat(cl.execute("bench", "label", "--iterations", "20")).isZero();
        String[] lines = out.toString().strip().split("\n");
        JsonNode j = new ObjectMapper().readTree(lines[lines.length - 1]);
        assertThat(j.get("bench").asText()).isEqualTo("label");
        for (String f : new String[] {"price", "compose", "render_zpl", "render_tspl", "render_escpos", "render_png",
                "tcp_send_zpl", "end_to_end_zpl_tcp"}) {
            assertThat(j.get(f + "_us_p50").asDouble()).as(f).isPositive();
            assertThat(j.get(f + "_us_p99").asDouble()).as(f).isGreaterThanOrEqualTo(j.get(f + "_us_p50").asDouble());
        }
        assertThat(j.get("zpl_bytes").asInt()).isGreaterThan(100);
    }
}
