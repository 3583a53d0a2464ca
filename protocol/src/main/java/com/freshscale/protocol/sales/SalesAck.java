package com.freshscale.protocol.sales;

import com.freshscale.protocol.Topics;
import java.util.List;
import java.util.UUID;

/**
 * Topic {@code .../scales/{scale}/acks}: ids of sales the server has durably stored (committed, or found
 * already stored). Only this closes an outbox entry on the scale; an MQTT PUBACK does not.
 */
public record SalesAck(int schema, String storeId, String scaleId, List<String> saleIds)
        implements com.freshscale.protocol.codec.Versioned {
    public static final int SCHEMA = 1;

    public SalesAck {
        Topics.id(storeId);
        Topics.id(scaleId);
        if (saleIds == null || saleIds.isEmpty()) throw new IllegalArgumentException("an ack needs at least one sale id");
        if (saleIds.size() > SalesBatch.MAX_SALES * 4) throw new IllegalArgumentException("too many ids in an ack");
        saleIds = List.copyOf(saleIds);
        for (String id : saleIds) UUID.fromString(id);
    }

    public static SalesAck of(String storeId, String scaleId, List<String> saleIds) {
        return new SalesAck(SCHEMA, storeId, scaleId, saleIds);
    }
}
