package com.freshscale.recognition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * In-memory exact nearest-neighbour search over L2-normalised embeddings by cosine similarity (a dot
 * product). Brute force on one flat array: 10,000 × 128 floats is 5 MB and one scan is ~1.3 M
 * multiply-adds, well under a millisecond, and exact — no approximate index needed at a store's scale.
 * Not thread-safe; the owner synchronises.
 *
 * @param <K> what an entry is an example of (a model label id, a PLU code)
 */
public final class EmbeddingIndex<K> {
    /** One stored example found by a search. */
    public record Neighbour<K>(long id, K key, float similarity) {
    }

    private final int dim;
    private float[] vectors;
    private long[] ids;
    private Object[] keys;
    private int size;

    public EmbeddingIndex(int dim) {
        if (dim < 1) throw new IllegalArgumentException("dim must be positive");
        this.dim = dim;
        this.vectors = new float[dim * 64];
        this.ids = new long[64];
        this.keys = new Object[64];
    }

    public int dim() {
        return dim;
    }

    public int size() {
        return size;
    }

    public void add(long id, K key, float[] embedding) {
        if (embedding.length != dim) {
            throw new IllegalArgumentException("embedding has " + embedding.length + " values, index expects " + dim);
        }
        if (size == ids.length) {
            int cap = ids.length * 2;
            vectors = Arrays.copyOf(vectors, cap * dim);
            ids = Arrays.copyOf(ids, cap);
            keys = Arrays.copyOf(keys, cap);
        }
        System.arraycopy(embedding, 0, vectors, size * dim, dim);
        ids[size] = id;
        keys[size] = key;
        size++;
    }

    /** Removes the entry with {@code id}; the last entry takes its slot (order is not kept). */
    public boolean remove(long id) {
        for (int i = 0; i < size; i++) {
            if (ids[i] == id) {
                int last = size - 1;
                System.arraycopy(vectors, last * dim, vectors, i * dim, dim);
                ids[i] = ids[last];
                keys[i] = keys[last];
                keys[last] = null;
                size--;
                return true;
            }
        }
        return false;
    }

    public void clear() {
        Arrays.fill(keys, null);
        size = 0;
    }

    /**
     * Dot product with four independent accumulators: the JIT does not vectorise a single float sum (it
     * must keep the order of additions), but it can run four chains in parallel.
     */
    private float dot(float[] v, int off, float[] q) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int d = 0;
        for (; d + 3 < dim; d += 4) {
            s0 += v[off + d] * q[d];
            s1 += v[off + d + 1] * q[d + 1];
            s2 += v[off + d + 2] * q[d + 2];
            s3 += v[off + d + 3] * q[d + 3];
        }
        for (; d < dim; d++) s0 += v[off + d] * q[d];
        return (s0 + s1) + (s2 + s3);
    }

    /** The {@code k} most similar entries, most similar first. */
    @SuppressWarnings("unchecked")
    public List<Neighbour<K>> nearest(float[] query, int k) {
        if (query.length != dim) throw new IllegalArgumentException("query has " + query.length + " values, index expects " + dim);
        int n = Math.min(k, size);
        int[] best = new int[n];
        float[] bestSim = new float[n];
        int filled = 0;
        for (int i = 0; i < size; i++) {
            float s = dot(vectors, i * dim, query);
            if (filled == n && (n == 0 || s <= bestSim[n - 1])) continue;
            int pos = filled < n ? filled : n - 1;
            while (pos > 0 && bestSim[pos - 1] < s) {
                bestSim[pos] = bestSim[pos - 1];
                best[pos] = best[pos - 1];
                pos--;
            }
            bestSim[pos] = s;
            best[pos] = i;
            if (filled < n) filled++;
        }
        List<Neighbour<K>> out = new ArrayList<>(filled);
        for (int j = 0; j < filled; j++) out.add(new Neighbour<>(ids[best[j]], (K) keys[best[j]], bestSim[j]));
        return out;
    }
}
