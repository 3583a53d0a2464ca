package com.freshscale.device.vision;

import com.freshscale.device.store.DeviceDatabase;
import com.freshscale.device.store.StoreException;
import com.freshscale.recognition.EmbeddingIndex;
import com.freshscale.recognition.LearningRule;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's gallery of confirmed examples: sales and taught examples under their PLU codes, learned by
 * {@link LearningRule} (so that shoppers cannot teach the scale wrong): a sale the rule trusts is searched
 * at once, one it does not trust yet is kept <i>pending</i> (stored with its picture, not searched) until a
 * trusted example of the same PLU that looks like it, or staff teaching that PLU, corroborates it; the same
 * item sold again adds nothing; a taught example's vote counts {@link LearningRule#TAUGHT_WEIGHT} times a
 * sale's ({@link #weight}). Persisted in SQLite (written before it is used, so a power cut loses
 * nothing that was recognised from), searched in memory ({@link EmbeddingIndex}). Bounded: at most
 * {@code maxPerPlu} examples of one PLU and {@code maxEntries} in all; over a bound the oldest sale example
 * of the fullest PLU goes first, taught examples only when a PLU has nothing else — a handful of taught
 * pictures is what makes a new item recognisable at all. Thread-safe.
 */
public final class Gallery {
    private static final Logger log = LoggerFactory.getLogger(Gallery.class);

    /** Where an example came from; a pending sale is stored but not searched. */
    public enum Source { SALE, TAUGHT, PENDING }

    /** A sale example waiting for corroboration (in memory beside the database row). */
    private record Pending(long id, String pluCode, float[] embedding) {
    }

    private final DeviceDatabase db;
    private final String modelId;
    private final int maxEntries;
    private final int maxPerPlu;
    private final EmbeddingIndex<String> index;
    private final java.util.Set<Long> taught = new java.util.HashSet<>();
    private final List<Pending> pending = new ArrayList<>();

    private Gallery(DeviceDatabase db, String modelId, int dim, int maxEntries, int maxPerPlu) {
        this.db = db;
        this.modelId = modelId;
        this.maxEntries = maxEntries;
        this.maxPerPlu = maxPerPlu;
        this.index = new EmbeddingIndex<>(dim);
    }

    /**
     * Opens the gallery for the model {@code modelId}. Examples stored under another model (the scale got a
     * new model) are re-embedded from their thumbnails with {@code reembed}, so the store's teaching survives
     * a model update.
     */
    public static Gallery open(DeviceDatabase db, String modelId, int dim, int maxEntries, int maxPerPlu,
                               Function<byte[], float[]> reembed) {
        Gallery g = new Gallery(db, modelId, dim, maxEntries, maxPerPlu);
        g.migrate(reembed);
        g.load();
        g.evict();
        return g;
    }

    private void migrate(Function<byte[], float[]> reembed) {
        try (Connection c = db.connect();
             PreparedStatement q = c.prepareStatement("SELECT id, thumbnail FROM recognition_gallery WHERE model <> ?");
             PreparedStatement u = c.prepareStatement("UPDATE recognition_gallery SET embedding = ?, model = ? WHERE id = ?")) {
            q.setString(1, modelId);
            int n = 0;
            c.setAutoCommit(false);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    u.setBytes(1, toBytes(reembed.apply(rs.getBytes(2))));
                    u.setString(2, modelId);
                    u.setLong(3, rs.getLong(1));
                    u.executeUpdate();
                    n++;
                }
            }
            c.commit();
            if (n > 0) log.info("re-embedded {} gallery examples for model {}", n, modelId);
        } catch (SQLException e) {
            throw new StoreException("cannot update the recognition gallery: " + e.getMessage(), e);
        }
    }

    private void load() {
        try (Connection c = db.connect();
             PreparedStatement q = c.prepareStatement("SELECT id, plu_code, embedding, source FROM recognition_gallery ORDER BY id")) {
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    float[] e = fromBytes(rs.getBytes(3));
                    if (e.length != index.dim()) {
                        throw new StoreException("gallery example " + rs.getLong(1) + " has " + e.length
                                + " values, the model " + index.dim(), null);
                    }
                    Source source = Source.valueOf(rs.getString(4).toUpperCase(java.util.Locale.ROOT));
                    if (source == Source.PENDING) {
                        pending.add(new Pending(rs.getLong(1), rs.getString(2), e));
                    } else {
                        index.add(rs.getLong(1), rs.getString(2), e);
                        if (source == Source.TAUGHT) taught.add(rs.getLong(1));
                    }
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the recognition gallery: " + e.getMessage(), e);
        }
    }

    /** One example to store. */
    public record Example(String pluCode, Source source, float[] embedding, byte[] thumbnail) {
    }

    /** Stores an example (durably) and makes it searchable at once; returns its id. */
    public synchronized long add(String pluCode, Source source, float[] embedding, byte[] thumbnail) {
        return addAll(List.of(new Example(pluCode, source, embedding, thumbnail))).get(0);
    }

    /** Stores examples in one transaction, then applies the bounds once; returns their ids. */
    public synchronized List<Long> addAll(List<Example> examples) {
        for (Example e : examples) {
            if (e.embedding().length != index.dim()) {
                throw new IllegalArgumentException("embedding has " + e.embedding().length + " values, gallery expects " + index.dim());
            }
        }
        List<Long> ids = new ArrayList<>();
        try (Connection c = db.connect();
             PreparedStatement ins = c.prepareStatement("INSERT INTO recognition_gallery "
                     + "(plu_code, source, model, embedding, thumbnail, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                     Statement.RETURN_GENERATED_KEYS)) {
            c.setAutoCommit(false);
            String now = Instant.now().toString();
            for (Example e : examples) {
                ins.setString(1, e.pluCode());
                ins.setString(2, e.source().name().toLowerCase());
                ins.setString(3, modelId);
                ins.setBytes(4, toBytes(e.embedding()));
                ins.setBytes(5, e.thumbnail() == null ? new byte[0] : e.thumbnail());
                ins.setString(6, now);
                ins.executeUpdate();
                try (ResultSet keys = ins.getGeneratedKeys()) {
                    keys.next();
                    ids.add(keys.getLong(1));
                }
            }
            c.commit();
        } catch (SQLException e) {
            throw new StoreException("cannot store gallery examples: " + e.getMessage(), e);
        }
        for (int i = 0; i < examples.size(); i++) {
            Example e = examples.get(i);
            if (e.source() == Source.PENDING) {
                pending.add(new Pending(ids.get(i), e.pluCode(), e.embedding()));
            } else {
                index.add(ids.get(i), e.pluCode(), e.embedding());
                if (e.source() == Source.TAUGHT) taught.add(ids.get(i));
            }
        }
        for (Example e : examples) {
            if (e.source() != Source.PENDING) corroborate(e.pluCode(), e.embedding());
        }
        evict();
        return ids;
    }

    /**
     * Learns one sale as {@link LearningRule} decided: {@code LEARN} is searched at once (unless it is the same
     * item as an example of that PLU already), {@code PENDING} is kept for corroboration, {@code IGNORE} is not
     * stored. Returns what was done: the decision, or {@code IGNORE} for a duplicate.
     */
    public synchronized LearningRule.Decision learn(String pluCode, LearningRule.Decision decision, float[] embedding,
                                                    byte[] thumbnail) {
        switch (decision) {
            case IGNORE:
                return decision;
            case PENDING:
                add(pluCode, Source.PENDING, embedding, thumbnail);
                return decision;
            default:
                for (var n : index.nearest(embedding, 1)) {
                    if (n.key().equals(pluCode) && n.similarity() >= LearningRule.DUPLICATE) return LearningRule.Decision.IGNORE;
                }
                add(pluCode, Source.SALE, embedding, thumbnail);
                return decision;
        }
    }

    /** Pending examples of {@code pluCode} that look like a trusted one become searched sale examples. */
    private void corroborate(String pluCode, float[] trusted) {
        List<Pending> promoted = new ArrayList<>();
        for (Pending p : pending) {
            if (p.pluCode().equals(pluCode) && dot(p.embedding(), trusted) >= LearningRule.CORROBORATION) promoted.add(p);
        }
        if (promoted.isEmpty()) return;
        try (Connection c = db.connect();
             PreparedStatement u = c.prepareStatement("UPDATE recognition_gallery SET source = 'sale' WHERE id = ? AND source = 'pending'")) {
            c.setAutoCommit(false);
            for (Pending p : promoted) {
                u.setLong(1, p.id());
                u.addBatch();
            }
            u.executeBatch();
            c.commit();
        } catch (SQLException e) {
            throw new StoreException("cannot update the recognition gallery: " + e.getMessage(), e);
        }
        for (Pending p : promoted) {
            pending.remove(p);
            index.add(p.id(), p.pluCode(), p.embedding());
        }
        log.info("{} pending example(s) of PLU {} corroborated", promoted.size(), pluCode);
    }

    private static float dot(float[] a, float[] b) {
        float s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    /** The vote of a found example: a taught one counts {@link LearningRule#TAUGHT_WEIGHT} times a sale. */
    public synchronized double weight(EmbeddingIndex.Neighbour<String> n) {
        return taught.contains(n.id()) ? LearningRule.TAUGHT_WEIGHT : 1.0;
    }

    /** Examples waiting for corroboration. */
    public synchronized int pendingSize() {
        return pending.size();
    }

    /** The nearest stored examples to {@code embedding}, most similar first. */
    public synchronized List<EmbeddingIndex.Neighbour<String>> nearest(float[] embedding, int k) {
        return index.nearest(embedding, k);
    }

    /** Searched examples (pending ones not counted). */
    public synchronized int size() {
        return index.size();
    }

    /** Number of stored examples of {@code pluCode}. */
    public int count(String pluCode) {
        try (Connection c = db.connect();
             PreparedStatement q = c.prepareStatement("SELECT COUNT(*) FROM recognition_gallery WHERE plu_code = ?")) {
            q.setString(1, pluCode);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot count gallery examples: " + e.getMessage(), e);
        }
    }

    /** Applies the bounds: deletes in the database first, then from the in-memory index. */
    private synchronized void evict() {
        List<Long> removed = new ArrayList<>();
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            // per PLU: keep the newest maxPerPlu, dropping pending examples first, then sales, then taught ones
            try (PreparedStatement over = c.prepareStatement(
                    "SELECT plu_code, COUNT(*) - ? FROM recognition_gallery GROUP BY plu_code HAVING COUNT(*) > ?")) {
                over.setInt(1, maxPerPlu);
                over.setInt(2, maxPerPlu);
                List<String> plus = new ArrayList<>();
                List<Integer> excess = new ArrayList<>();
                try (ResultSet rs = over.executeQuery()) {
                    while (rs.next()) {
                        plus.add(rs.getString(1));
                        excess.add(rs.getInt(2));
                    }
                }
                for (int i = 0; i < plus.size(); i++) removed.addAll(dropOldest(c, plus.get(i), excess.get(i)));
            }
            int total;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM recognition_gallery")) {
                rs.next();
                total = rs.getInt(1);
            }
            while (total > maxEntries) {
                String fullest;
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                        "SELECT plu_code FROM recognition_gallery GROUP BY plu_code ORDER BY COUNT(*) DESC, plu_code LIMIT 1")) {
                    rs.next();
                    fullest = rs.getString(1);
                }
                removed.addAll(dropOldest(c, fullest, 1));
                total--;
            }
            c.commit();
        } catch (SQLException e) {
            throw new StoreException("cannot trim the recognition gallery: " + e.getMessage(), e);
        }
        for (long id : removed) {
            index.remove(id);
            taught.remove(id);
        }
        java.util.Set<Long> gone = new java.util.HashSet<>(removed);
        pending.removeIf(p -> gone.contains(p.id()));
    }

    private static List<Long> dropOldest(Connection c, String plu, int n) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("SELECT id FROM recognition_gallery WHERE plu_code = ? "
                + "ORDER BY CASE source WHEN 'pending' THEN 0 WHEN 'sale' THEN 1 ELSE 2 END, id LIMIT ?")) {
            q.setString(1, plu);
            q.setInt(2, n);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) ids.add(rs.getLong(1));
            }
        }
        try (PreparedStatement d = c.prepareStatement("DELETE FROM recognition_gallery WHERE id = ?")) {
            for (long id : ids) {
                d.setLong(1, id);
                d.addBatch();
            }
            d.executeBatch();
        }
        return ids;
    }

    static byte[] toBytes(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) b.putFloat(f);
        return b.array();
    }

    static float[] fromBytes(byte[] bytes) {
        if (bytes.length % 4 != 0) throw new StoreException("corrupt gallery embedding of " + bytes.length + " bytes", null);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[bytes.length / 4];
        for (int i = 0; i < v.length; i++) v[i] = b.getFloat();
        return v;
    }
}
