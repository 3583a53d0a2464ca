package com.freshscale.protocol.sales;

import com.freshscale.protocol.Topics;
import java.util.List;

/** Topic {@code .../scales/{scale}/sales}: a batch of sales of one scale, in outbox order. */
public record SalesBatch(int schema, String storeId, String scaleId, List<Sale> sales)
        implements com.freshscale.protocol.codec.Versioned {
    public static final int SCHEMA = 1;
    /** Keeps one message well under the brokers' default packet limits and one ingest transaction short. */
    public static final int MAX_SALES = 500;

    public SalesBatch {
        Topics.id(storeId);
        Topics.id(scaleId);
        if (sales == null || sales.isEmpty()) throw new IllegalArgumentException("a batch needs at least one sale");
        if (sales.size() > MAX_SALES) throw new IllegalArgumentException("more than " + MAX_SALES + " sales in a batch");
        sales = List.copyOf(sales);
        for (Sale s : sales) {
            if (!s.storeId().equals(storeId) || !s.scaleId().equals(scaleId)) {
                throw new IllegalArgumentException("sale " + s.saleId() + " is from " + s.storeId() + "/" + s.scaleId()
                        + ", not from " + storeId + "/" + scaleId);
            }
        }
    }

    public static SalesBatch of(String storeId, String scaleId, List<Sale> sales) {
        return new SalesBatch(SCHEMA, storeId, scaleId, sales);
    }
}
