package com.freshscale.device.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.freshscale.device.config.ConfigException;
import com.freshscale.device.config.ConfigFile;
import com.freshscale.device.label.printer.PrinterConfig;
import com.freshscale.device.pricing.PricingConfig;
import com.freshscale.device.sync.SyncConfig;
import com.freshscale.device.ui.KioskConfig;
import com.freshscale.device.vision.CameraConfig;
import com.freshscale.device.vision.RecognitionConfig;
import com.freshscale.device.weighing.LoadCellConfig;
import com.freshscale.device.weighing.WeighingConfig;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The config files we ship bind to the stages' records: the deployment example and the demo template. */
class DeployConfigTest {
    static void bindsEverySection(ConfigFile cfg) {
        cfg.section("loadcell", LoadCellConfig.class);
        cfg.section("weighing", WeighingConfig.class);
        cfg.section("camera", CameraConfig.class);
        cfg.section("pricing", PricingConfig.class);
        cfg.section("printer", PrinterConfig.class);
        cfg.section("sync", SyncConfig.class);
        cfg.section("kiosk", KioskConfig.class);
        if (cfg.has("recognition")) cfg.section("recognition", RecognitionConfig.class);
        if (cfg.has("payment")) cfg.section("payment", com.freshscale.device.payment.PaymentConfig.class)
                .checkAgainst(cfg.section("pricing", PricingConfig.class).barcodeLayouts());
    }

    static final Path DEPLOY_EXAMPLE = Path.of("..", "hardware-docs", "deploy", "scale.yaml");

    /** The example once the technician has set the site's PIN (it ships a placeholder the scale refuses). */
    static String deployExampleWithPin(String pin) throws Exception {
        String yaml = Files.readString(DEPLOY_EXAMPLE);
        assertThat(yaml).contains("servicePin: \"" + KioskConfig.PIN_PLACEHOLDER + "\"");
        return yaml.replace("servicePin: \"" + KioskConfig.PIN_PLACEHOLDER + "\"", "servicePin: \"" + pin + "\"");
    }

    @Test
    void theDeploymentExampleIsAValidConfigOnceItsPinIsSet() throws Exception {
        ConfigFile cfg = ConfigFile.parse("scale.yaml", new ByteArrayInputStream(deployExampleWithPin("2580").getBytes(StandardCharsets.UTF_8)));
        bindsEverySection(cfg);
        assertThat(cfg.section("kiosk", KioskConfig.class).host()).isEqualTo("127.0.0.1");
    }

    /**
     * The probe's finding: a real scale started with the PIN the README prints, so any shopper could open the service
     * menu. The example ships no working PIN, and {@code run --config} refuses 4711 before it opens anything.
     */
    @Test
    void aRealScaleRefusesToStartWithTheDocumentedPinOrTheExamplesPlaceholder(@TempDir Path dir) throws Exception {
        ConfigFile shipped = ConfigFile.load(DEPLOY_EXAMPLE);
        assertThatThrownBy(() -> shipped.section("kiosk", KioskConfig.class)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("kiosk.servicePin \"SET-SITE-PIN\"").hasMessageContaining("set the site's own PIN");
        Path db = dir.resolve("scale.db");
        for (String pin : new String[] {KioskConfig.PIN_PLACEHOLDER, "4711"}) {
            Path config = dir.resolve("scale-" + pin + ".yaml");
            Files.writeString(config, deployExampleWithPin(pin));
            java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
            java.io.PrintStream oldErr = System.err;
            int exit;
            try {
                System.setErr(new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
                exit = DeviceMain.commandLine().execute("run", "--config", config.toString(), "--database", db.toString());
            } finally {
                System.setErr(oldErr);
            }
            String message = err.toString(StandardCharsets.UTF_8);
            assertThat(exit).as(message).isEqualTo(CommandErrors.FAILED);
            assertThat(message.strip()).as("one line").doesNotContain("\n")
                    .startsWith("error: " + config).contains("kiosk.servicePin \"" + pin + "\"").contains("set the site's own PIN");
            assertThat(db).as("refused before the database is opened").doesNotExist();
        }
        // the demo keeps the PIN its README prints
        ConfigFile demo = RunCommand.demoConfig(Map.of("DEMO_DIR", "/tmp/fs-demo", "DATASET", "/tmp/ds", "BROKER", "tcp://127.0.0.1:1883",
                "SERVER", "http://127.0.0.1:8090", "KEY", "/tmp/fs-demo/key.pub", "KIOSK_PORT", "8080"));
        assertThat(demo.section("kiosk", KioskConfig.class).servicePin()).isEqualTo("4711");
    }

    @Test
    void theDemoTemplateIsAValidConfigOnceFilledIn() throws Exception {
        ConfigFile cfg = RunCommand.demoConfig(Map.of("DEMO_DIR", "/tmp/fs-demo", "DATASET", "/tmp/ds", "BROKER", "tcp://127.0.0.1:1883",
                "SERVER", "http://127.0.0.1:8090", "KEY", "/tmp/fs-demo/key.pub", "KIOSK_PORT", "8080"));
        bindsEverySection(cfg);
        assertThat(cfg.section("printer", PrinterConfig.class).target()).isEqualTo("simulated:/tmp/fs-demo/labels");
        // the demo pays at the scale through its simulated terminal (the ZVT default port when none is given)
        var payment = cfg.section("payment", com.freshscale.device.payment.PaymentConfig.class);
        assertThat(payment.enabled()).isTrue();
        assertThat(payment.port()).isEqualTo(20007);
    }

    @Test
    void aBadKioskSectionIsRefusedWithTheKeyNamed() {
        String yaml = "kiosk: {host: 127.0.0.1, port: 8080, servicePin: \"12\", languages: [en], dataset: \"\", labelPreviews: \"\"}";
        ConfigFile cfg = ConfigFile.parse("test", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> cfg.section("kiosk", KioskConfig.class)).isInstanceOf(ConfigException.class)
                .hasMessage("test: section 'kiosk': servicePin must be 4 to 8 digits");
        String fr = "kiosk: {host: 127.0.0.1, port: 8080, servicePin: \"1234\", languages: [fr], dataset: \"\", labelPreviews: \"\"}";
        ConfigFile cfg2 = ConfigFile.parse("test", new ByteArrayInputStream(fr.getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> cfg2.section("kiosk", KioskConfig.class)).hasMessageContaining("language 'fr' has no kiosk texts");
    }
}
