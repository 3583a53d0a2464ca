package com.freshscale.server.broker;

import com.freshscale.protocol.Topics;
import com.freshscale.server.identity.Identity;
import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission;
import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission.MqttActivity;
import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission.Retain;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import java.util.List;

/**
 * Who may publish and subscribe to what (DESIGN.md, "Trust boundaries"), as HiveMQ default permissions given
 * to a connection when it authenticates; everything not listed is refused. A scale publishes only its own
 * sales (not retained) and status (retained, and its Last Will), and reads its store's price book and its own
 * acks and commands. A server publishes price books (retained), acks and commands, and reads sales (also as a
 * shared subscription), statuses and price books (to put its own back when another one is retained); on a status
 * topic it publishes only retained messages: the empty one that deletes a retained status it refused. The
 * Mosquitto {@code acl_file} of hardware-docs/server-deploy.md says the same for a chain's broker.
 */
final class TopicRules {
    private TopicRules() {}

    static List<TopicPermission> of(Identity identity) {
        return switch (identity.kind()) {
            case SCALE -> List.of(
                    allow(Topics.sales(identity.storeId(), identity.scaleId()), MqttActivity.PUBLISH, Retain.NOT_RETAINED),
                    allow(Topics.status(identity.storeId(), identity.scaleId()), MqttActivity.PUBLISH, Retain.ALL),
                    allow(Topics.priceBook(identity.storeId()), MqttActivity.SUBSCRIBE, Retain.ALL),
                    allow(Topics.acks(identity.storeId(), identity.scaleId()), MqttActivity.SUBSCRIBE, Retain.ALL),
                    allow(Topics.commands(identity.storeId(), identity.scaleId()), MqttActivity.SUBSCRIBE, Retain.ALL));
            case SERVER -> List.of(
                    allow(Topics.ROOT + "/stores/+/pricebook", MqttActivity.ALL, Retain.ALL),
                    allow(Topics.ROOT + "/stores/+/scales/+/acks", MqttActivity.PUBLISH, Retain.NOT_RETAINED),
                    allow(Topics.ROOT + "/stores/+/scales/+/commands", MqttActivity.PUBLISH, Retain.NOT_RETAINED),
                    allow(Topics.ALL_SALES, MqttActivity.SUBSCRIBE, Retain.ALL),
                    allow(Topics.ALL_STATUS, MqttActivity.SUBSCRIBE, Retain.ALL),
                    // only retained: the empty message that deletes a retained status the server refused (ScaleTracker)
                    allow(Topics.ALL_STATUS, MqttActivity.PUBLISH, Retain.RETAINED));
        };
    }

    private static TopicPermission allow(String filter, MqttActivity activity, Retain retain) {
        return Builders.topicPermission().topicFilter(filter).type(TopicPermission.PermissionType.ALLOW).activity(activity)
                .retain(retain).build();
    }
}
