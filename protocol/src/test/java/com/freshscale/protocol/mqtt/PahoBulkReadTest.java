package com.freshscale.protocol.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.SplittableRandom;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.MqttPublish;
import org.eclipse.paho.mqttv5.common.packet.MqttWireMessage;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.eclipse.paho.mqttv5.common.packet.util.CountingInputStream;
import org.junit.jupiter.api.Test;

/** The patched Paho CountingInputStream: the one Paho uses, reading in bulk, decoding packets as before. */
class PahoBulkReadTest {
    @Test
    void pahoDecodesThroughThePatchedStreamThatReadsInBulk() throws Exception {
        assertThat(CountingInputStream.class.getDeclaredMethod("read", byte[].class, int.class, int.class)
                .getDeclaringClass()).isEqualTo(CountingInputStream.class);
        byte[] data = new byte[100];
        new SplittableRandom(1).nextBytes(data);
        CountingInputStream in = new CountingInputStream(new ByteArrayInputStream(data));
        byte[] buffer = new byte[64];
        assertThat(in.read()).isEqualTo(data[0] & 0xff);
        assertThat(in.read(buffer, 0, 64)).isEqualTo(64);
        assertThat(in.skip(10)).isEqualTo(10);
        assertThat(in.read(buffer, 0, 64)).isEqualTo(25);
        assertThat(in.read(buffer, 0, 64)).isEqualTo(-1);
        assertThat(in.read()).isEqualTo(-1);
        assertThat(in.getCounter()).isEqualTo(100);
        in.resetCounter();
        assertThat(in.getCounter()).isZero();
    }

    @Test
    void aLargePublishWithPropertiesSurvivesTheWireUnchanged() throws Exception {
        byte[] payload = new byte[300_000];
        new SplittableRandom(2).nextBytes(payload);
        MqttMessage message = new MqttMessage(payload, 1, true, null);
        MqttProperties properties = new MqttProperties();
        properties.setContentType("application/json");
        properties.setUserProperties(List.of(new UserProperty("schema", "2")));
        MqttPublish sent = new MqttPublish("fs/v1/stores/s1/pricebook", message, properties);
        sent.setMessageId(42);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.write(sent.getHeader());
        wire.write(sent.getPayload());

        MqttPublish received = (MqttPublish) MqttWireMessage.createWireMessage(wire.toByteArray());

        assertThat(received.getTopicName()).isEqualTo("fs/v1/stores/s1/pricebook");
        assertThat(received.getMessageId()).isEqualTo(42);
        assertThat(received.getMessage().isRetained()).isTrue();
        assertThat(received.getMessage().getPayload()).isEqualTo(payload);
        assertThat(received.getProperties().getContentType()).isEqualTo("application/json");
        assertThat(received.getProperties().getUserProperties()).extracting(UserProperty::getValue).containsExactly("2");
    }
}
