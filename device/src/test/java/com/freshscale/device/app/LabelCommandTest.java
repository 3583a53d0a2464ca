package com.freshscale.device.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.freshscale.protocol.barcode.BarcodeLayouts;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The {@code label} command run in-process, as {@code java -jar freshscale-device.jar label ...} runs it. */
class LabelCommandTest {
    private static final String AT = "2026-03-10T11:00:00Z";

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
        List<String> all = new ArrayList<>(List.of("label"));
        all.addAll(List.of(args));
        int exit = cl.execute(all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void bananasByWeightToPng() throws Exception {
        Path png = dir.resolve("bananas.png");
        Run r = run("--plu", "4011", "--weight-g", "1234", "--format", "png", "--out", png.toString(), "--at", AT);
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = r.json();
        assertThat(j.get("plu").asText()).isEqualTo("4011");
        assertThat(j.get("net_g").asLong()).isEqualTo(1234);
        assertThat(j.get("unit_price_minor").asLong()).isEqualTo(199);
        assertThat(j.get("total_minor").asLong()).isEqualTo(246); // 1.99 × 1.234 = 2.45566
        assertThat(j.get("currency").asText()).isEqualTo("EUR");
        assertThat(j.get("barcode").asText()).isEqualTo("2104011002461");

        var scanned = new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(
                new BufferedImageLuminanceSource(ImageIO.read(png.toFile())))));
        assertThat(BarcodeLayouts.EAN13_PRICE.decode(scanned.getText()).value()).isEqualTo(246);
    }

    @Test
    void avocadosByCountToZplWithPromotionInJson() throws Exception {
        Path zpl = dir.resolve("avocados.zpl");
        Run r = run("--plu", "4046", "--count", "3", "--format", "zpl", "--out", zpl.toString(), "--at", AT);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.json().get("total_minor").asLong()).isEqualTo(387);
        assertThat(r.json().get("count").asInt()).isEqualTo(3);
        assertThat(Files.readString(zpl)).startsWith("^XA").contains("^BEN,").endsWith("^XZ\n");

        Run fraction = run("--plu", "4011", "--weight-g", "1234.5", "--out", dir.resolve("half.zpl").toString(), "--at", AT);
        assertThat(fraction.exit()).as(fraction.err()).isZero();
        assertThat(fraction.json().get("net_g").decimalValue()).isEqualByComparingTo("1234.5");
        assertThat(Files.readString(dir.resolve("half.zpl"))).contains("Net 1.2345 kg");

        Run gala = run("--plu", "4173", "--weight-g", "500", "--out", dir.resolve("gala.zpl").toString(), "--at", AT);
        assertThat(gala.json().get("promotion").asText()).isEqualTo("DEMO-GALA-20");
        assertThat(gala.json().get("total_minor").asLong()).isEqualTo(106); // 2.12 €/kg × 0.5 kg
    }

    @Test
    void printsToTheConfiguredPrinter() throws Exception {
        Path spool = dir.resolve("spool");
        Path config = dir.resolve("scale.yml");
        Files.writeString(config, """
                printer:
                  language: tspl
                  target: "simulated:%s"
                  timeoutMs: 1000
                  statusQuery: false
                  widthMm: 58
                  heightMm: 40
                  gapMm: 2
                  dpi: 203
                """.formatted(spool));
        Run r = run("--plu", "4011", "--weight-g", "800", "--print", "--config", config.toString(), "--at", AT);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.json().get("format").asText()).isEqualTo("tspl");
        assertThat(Files.readString(spool.resolve("job-000001.tspl"), java.nio.charset.Charset.forName("windows-1252"))).startsWith("SIZE 58 mm,40 mm");

        Files.createFile(spool.resolve("PAPER_OUT"));
        Run out = run("--plu", "4011", "--weight-g", "800", "--print", "--config", config.toString(),
                "--out", dir.resolve("copy.tspl").toString());
        assertThat(out.exit()).isNotZero();
        assertThat(out.err()).contains("PAPER_OUT");
        assertThat(dir.resolve("copy.tspl")).doesNotExist();
    }

    @Test
    void everyRefusalIsOneMessageANonZeroExitAndNoFile() throws Exception {
        String out = dir.resolve("label.zpl").toString();
        assertRefused(run("--plu", "9999", "--weight-g", "500", "--out", out), "UNKNOWN_PLU");
        assertRefused(run("--plu", "4011", "--weight-g", "10", "--out", out), "BELOW_MIN");
        assertRefused(run("--plu", "4011", "--weight-g", "-200", "--out", out), "NEGATIVE");
        assertRefused(run("--plu", "4011", "--weight-g", "15001", "--out", out), "OVERLOAD");
        assertRefused(run("--plu", "4011", "--out", out), "NO_WEIGHT");
        assertRefused(run("--plu", "4046", "--out", out), "BAD_COUNT");
        assertRefused(run("--plu", "4011", "--weight-g", "12.3456", "--out", out), "at most 3 decimals");
        assertRefused(run("--plu", "4011", "--weight-g", "lots", "--out", out), "at most 3 decimals");
        assertRefused(run("--plu", "4011", "--weight-g", "500", "--format", "pdf", "--out", out), "--format must be");
        assertRefused(run("--plu", "4011", "--weight-g", "500", "--out", dir.resolve("no/such/dir/l.zpl").toString()), "does not exist");
        assertRefused(run("--plu", "4011", "--weight-g", "500"), "--out");
        assertRefused(run("--plu", "4011", "--weight-g", "500", "--out", out, "--at", "yesterday"), "ISO-8601");
        assertRefused(run("--plu", "4011", "--weight-g", "500", "--out", out, "--config", dir.resolve("none.yml").toString()),
                "cannot read config");
        assertRefused(run("--weight-g", "500", "--out", out), "--plu");
        assertRefused(run("--plu", "4046", "--count", "x", "--out", out), "--count must be a whole number");
        assertRefused(run("--plu", "4046", "--count", "-2", "--out", out), "--count must be a whole number");
        assertRefused(run("--plu", "4011", "--weight-g", "500", "--sale-number", "1e3", "--out", out), "--sale-number");
        assertRefused(run("--plu", "4011", "--weight-g", "500", "--max-kg", "heavy", "--out", out), "--max-kg");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    private static void assertRefused(Run r, String reason) {
        assertThat(r.exit()).as(r.out()).isNotZero();
        assertThat(r.err().strip()).contains(reason).doesNotContain("\n").startsWith("label: ");
        assertThat(r.out()).isEmpty();
    }
}
