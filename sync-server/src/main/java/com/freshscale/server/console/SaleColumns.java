package com.freshscale.server.console;

import com.freshscale.server.store.DataException;
import com.freshscale.server.store.ServerDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * What the reports need to know about the {@code sale} table beyond its first columns: whether a sale can be voided
 * (a {@code void_reason} column, added with the shopper's sale rework) and today's name of each item, for sales stored
 * before sales carried the name they were sold with.
 */
final class SaleColumns {
    private final ServerDatabase database;
    private volatile Boolean voided;

    SaleColumns(ServerDatabase database) {
        this.database = database;
    }

    /** True once the schema has the {@code voided} column; until then every stored sale was printed. */
    boolean hasVoided() {
        Boolean v = voided;
        if (v != null) return v;
        try (Connection c = database.connect(); ResultSet r = c.getMetaData().getColumns(null, null, "sale", null)) {
            boolean found = false;
            while (r.next()) found |= r.getString("COLUMN_NAME").equalsIgnoreCase("void_reason");
            voided = found;
            return found;
        } catch (SQLException e) {
            throw new DataException("cannot read the sale table's columns: " + e.getMessage(), e);
        }
    }

    /** SQL for a sale's status: 'voided' or 'printed'. */
    String status() {
        return hasVoided() ? "CASE WHEN void_reason IS NOT NULL THEN 'voided' ELSE 'printed' END" : "'printed'";
    }

    /** SQL condition of a sale that counts in totals (a voided label is not money). */
    String counted() {
        return hasVoided() ? "void_reason IS NULL" : "1 = 1";
    }

    /** Today's English name of every item of every store: "store/code" → name (for sales without their own). */
    Map<String, String> currentNames() {
        Map<String, String> out = new HashMap<>();
        try (Connection c = database.connect();
             java.sql.PreparedStatement p = c.prepareStatement("SELECT store_id, code, plu_json FROM plu");
             ResultSet r = p.executeQuery()) {
            while (r.next()) {
                var plu = com.freshscale.protocol.codec.MessageCodec.mapper().readValue(r.getString(3),
                        com.freshscale.protocol.pricebook.Plu.class);
                out.put(r.getString(1) + "/" + r.getString(2), plu.name("en"));
            }
        } catch (SQLException | java.io.IOException e) {
            throw new DataException("cannot read the items: " + e.getMessage(), e);
        }
        return out;
    }
}
