package com.freshscale.server.prices;

import com.freshscale.protocol.codec.MessageRejectedException;
import com.freshscale.protocol.pricebook.PriceBook;
import com.freshscale.protocol.signing.PriceBookVerifier;
import com.freshscale.server.store.ServerDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What each book version the server signed said, so that it can be looked up later: the name and regular price a sale
 * priced from version N was sold with, for scales that do not send them. Read from {@code published_book_version}, the
 * one table of signed versions (V11; ingest's till check reads it too), written by {@link PriceBookPublisher}.
 */
public final class BookVersions {
    private static final int CACHED = 16;

    private final ServerDatabase database;
    private final Map<String, PriceBook> cache = new LinkedHashMap<>(CACHED, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PriceBook> eldest) {
            return size() > CACHED;
        }
    };

    public BookVersions(ServerDatabase database) {
        this.database = database;
    }

    /**
     * The book a sale of {@code storeId} priced from {@code version} at {@code soldAt} was sold from: that version if
     * this server signed it, else the last one published before {@code soldAt} (a scale pricing from its own start-up
     * book, or from a version signed by a server whose data is gone), else empty.
     */
    public synchronized Optional<PriceBook> bookOf(String storeId, long version, Instant soldAt) {
        try (Connection c = database.connect()) {
            try (PreparedStatement p = c.prepareStatement("SELECT version FROM published_book_version WHERE store_id = ? AND "
                    + "(version = ? OR published_ms <= ?) ORDER BY CASE WHEN version = ? THEN 0 ELSE 1 END, "
                    + "published_ms DESC LIMIT 1")) {
                p.setString(1, storeId);
                p.setLong(2, version);
                p.setLong(3, soldAt.toEpochMilli());
                p.setLong(4, version);
                try (ResultSet r = p.executeQuery()) {
                    if (!r.next()) return Optional.empty();
                    return Optional.of(load(c, storeId, r.getLong(1)));
                }
            }
        } catch (SQLException | MessageRejectedException e) {
            throw new com.freshscale.server.store.DataException("cannot read book versions: " + e.getMessage(), e);
        }
    }

    private PriceBook load(Connection c, String storeId, long version) throws SQLException, MessageRejectedException {
        String key = storeId + "/" + version;
        PriceBook b = cache.get(key);
        if (b != null) return b;
        try (PreparedStatement p = c.prepareStatement("SELECT payload FROM published_book_version WHERE store_id = ? AND version = ?")) {
            p.setString(1, storeId);
            p.setLong(2, version);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                b = PriceBookVerifier.readOwn(r.getString(1).getBytes(StandardCharsets.UTF_8));
            }
        }
        cache.put(key, b);
        return b;
    }
}
