package com.freshscale.server.prices;

import com.freshscale.protocol.codec.MessageCodec;
import com.freshscale.protocol.codec.MessageRejectedException;
import com.freshscale.protocol.codec.PriceBookCodec;
import com.freshscale.protocol.pricebook.PriceBook;
import com.freshscale.server.store.ServerDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every book version the server signed (table {@code book_version}), so that what version N said can be looked up
 * later: the name and regular price a sale priced from version N was sold with, for scales that do not send them.
 * A 5,000-PLU book is about 0.6 MB of JSON and 60 kB gzipped.
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

    /** Keeps {@code book} (in the transaction that signs it). */
    static void keep(Connection c, PriceBook book, long revision, Instant publishedAt) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO book_version (store_id, version, revision, published_ms, payload_gz) "
                + "VALUES (?,?,?,?,?) ON CONFLICT (store_id, version) DO NOTHING")) {
            p.setString(1, book.storeId());
            p.setLong(2, book.version());
            p.setLong(3, revision);
            p.setLong(4, publishedAt.toEpochMilli());
            p.setString(5, Base64.getEncoder().encodeToString(MessageCodec.compress(PriceBookCodec.encode(book))));
            p.executeUpdate();
        }
    }

    /**
     * The book a sale of {@code storeId} priced from {@code version} at {@code soldAt} was sold from: that version if
     * this server signed it, else the last one published before {@code soldAt} (a scale pricing from its own start-up
     * book, or from a version signed by a server whose data is gone), else empty.
     */
    public synchronized Optional<PriceBook> bookOf(String storeId, long version, Instant soldAt) {
        try (Connection c = database.connect()) {
            try (PreparedStatement p = c.prepareStatement("SELECT version FROM book_version WHERE store_id = ? AND "
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
        try (PreparedStatement p = c.prepareStatement("SELECT payload_gz FROM book_version WHERE store_id = ? AND version = ?")) {
            p.setString(1, storeId);
            p.setLong(2, version);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                byte[] json = MessageCodec.plain(Base64.getDecoder().decode(r.getString(1)), MessageCodec.MAX_PRICEBOOK_BYTES);
                b = PriceBookCodec.decode(json, 0, json.length);
            }
        }
        cache.put(key, b);
        return b;
    }
}
