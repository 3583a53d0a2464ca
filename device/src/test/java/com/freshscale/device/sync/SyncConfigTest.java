package com.freshscale.device.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.freshscale.device.config.ConfigException;
import com.freshscale.device.config.ConfigFile;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SyncConfigTest {
    static final String GOOD = """
            sync:
              storeId: store-042
              scaleId: scale-03
              brokerUrl: tcp://store-server:1883
              priceBookKeys: [/etc/freshscale/pricebook.pub]
              outboxCapacity: 100000
              outboxAlarmPercent: 90
              batchSize: 100
              ackTimeoutSeconds: 30
              maxInFlight: 10
              sessionExpiryHours: 168
              credentials: /var/lib/freshscale/mqtt-identity.json
              serverUrl: https://store-server
            """;

    static SyncConfig parse(String yaml) {
        return ConfigFile.parse("test.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)))
                .section("sync", SyncConfig.class);
    }

    @Test
    void bindsTheSyncSection() {
        SyncConfig c = parse(GOOD);
        assertThat(c.storeId()).isEqualTo("store-042");
        assertThat(c.alarmThreshold()).isEqualTo(90_000);
    }

    @Test
    void badValuesAreClearErrors() {
        assertThatThrownBy(() -> parse(GOOD.replace("scale-03", "scale/03")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("scaleId");
        assertThatThrownBy(() -> parse(GOOD.replace("tcp://store-server:1883", "http://x")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("brokerUrl");
        assertThatThrownBy(() -> parse(GOOD.replace("batchSize: 100", "batchSize: 5000")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("batchSize");
        assertThatThrownBy(() -> parse(GOOD.replace("  maxInFlight: 10\n", "")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("maxInFlight");
        assertThatThrownBy(() -> parse(GOOD.replace("tcp://store-server:1883", "tcp://scale:secret@store-server:1883")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("must not carry a user name or password")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> parse(GOOD.replace("  credentials: /var/lib/freshscale/mqtt-identity.json\n", "")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("credentials");
        assertThatThrownBy(() -> parse(GOOD + "  colour: red\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("sync.colour");
    }
}
