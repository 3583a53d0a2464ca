package com.freshscale.device.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.freshscale.device.config.ConfigException;
import com.freshscale.device.config.ConfigFile;
import com.freshscale.device.label.printer.PrinterConfig;
import com.freshscale.device.label.printer.SimulatedPrinter;
import com.freshscale.device.label.printer.TcpPrinter;
import com.freshscale.device.pricing.PricingConfig;
import com.freshscale.device.pricing.RoundingRule;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Sections {@code printer} and {@code pricing} bind strictly and refuse bad values with the key named. */
class PrintingConfigTest {
    private static final String GOOD = """
            pricing:
              storeName: "Migros Zürich HB"
              language: de
              timeZone: Europe/Zurich
              rounding: HALF_UP
              roundingIncrementMinor: 5
              barcodeLayouts:
                uk-dept-123: "20 123 II V PPPP C"
            printer:
              language: zpl
              target: "tcp://10.0.0.5:9100"
              timeoutMs: 3000
              statusQuery: true
              widthMm: 58
              heightMm: 40
              gapMm: 2
              dpi: 203
            """;

    static ConfigFile yaml(String text) {
        return ConfigFile.parse("test.yml", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aGoodConfigBinds() {
        ConfigFile c = yaml(GOOD);
        PricingConfig pricing = c.section("pricing", PricingConfig.class);
        assertThat(pricing.rounding()).isEqualTo(RoundingRule.HALF_UP);
        assertThat(pricing.totalRounding().incrementMinor()).isEqualTo(5);
        assertThat(pricing.layouts().find("uk-dept-123")).isPresent();
        PrinterConfig printer = c.section("printer", PrinterConfig.class);
        assertThat(printer.format()).isEqualTo(LabelFormat.ZPL);
        assertThat(printer.stock()).isEqualTo(LabelStock.DEFAULT);
        assertThat(printer.open()).isInstanceOf(TcpPrinter.class);
        assertThat(printer.open().describe()).isEqualTo("tcp://10.0.0.5:9100");
    }

    @Test
    void simulatedTarget() {
        PrinterConfig printer = yaml(GOOD.replace("tcp://10.0.0.5:9100", "simulated:/tmp/fs-printer")
                .replace("statusQuery: true", "statusQuery: false")).section("printer", PrinterConfig.class);
        assertThat(printer.open()).isInstanceOf(SimulatedPrinter.class);
    }

    @Test
    void badValuesAreClearErrors() {
        assertBad(GOOD.replace("language: zpl", "language: pcl"), "language must be zpl, tspl, escpos or png");
        assertBad(GOOD.replace("tcp://10.0.0.5:9100", "lpt1"), "target must be");
        assertBad(GOOD.replace("tcp://10.0.0.5:9100", "device:/dev/usb/lp0"), "statusQuery needs a tcp:// target");
        assertBad(GOOD.replace("dpi: 203", "dpi: 600"), "203 or 300 dpi");
        assertBad(GOOD.replace("timeoutMs: 3000", "timeoutMs: 3000\n  paper: 500"), "unknown key 'printer.paper'");
        assertBad(GOOD.replace("  gapMm: 2\n", ""), "printer.gapMm");
        assertBad(GOOD.replace("rounding: HALF_UP", "rounding: UP"), "pricing.rounding");
        assertBad(GOOD.replace("Europe/Zurich", "Mars/Olympus"), "not a time zone id");
        assertBad(GOOD.replace("20 123 II V PPPP C", "20 123 II V PPPPPP C"), "uk-dept-123");
        assertBad(GOOD.replace("roundingIncrementMinor: 5", "roundingIncrementMinor: 0"), "at least 1");
    }

    private static void assertBad(String text, String message) {
        ConfigFile c = yaml(text);
        assertThatThrownBy(() -> {
            c.section("pricing", PricingConfig.class);
            c.section("printer", PrinterConfig.class);
        }).isInstanceOf(ConfigException.class).hasMessageContaining(message);
    }
}
