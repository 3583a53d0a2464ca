package com.freshscale.models;

import com.freshscale.recognition.Prediction;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The photos a model did not put first, one CSV row each: which item it was, where the model ranked it, and the
 * four answers the scale would have shown. What a figure like "top-1 0.79" hides — whole classes mistaken for one
 * look-alike, or scattered misses — is read here, with the photo beside it.
 */
final class Misses {
    static final String HEADER = "image,item,rank,p_item,first,p_first,second,p_second,third,p_third,fourth,p_fourth";

    private Misses() {
    }

    /** Writes the rows, worst rank first; image paths relative to {@code root}. */
    static int write(Path csv, List<GroceryDataset.Sample> samples, List<String> labels, Prediction[] predictions,
                     Path root) throws IOException {
        Path parent = csv.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        record Row(String line, int rank) {
        }
        java.util.ArrayList<Row> rows = new java.util.ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            int truth = samples.get(i).label();
            float[] p = predictions[i].probabilities();
            int[] ranked = predictions[i].topK(p.length);
            if (ranked[0] == truth) continue;
            int rank = 1;
            while (ranked[rank - 1] != truth) rank++;
            StringBuilder b = new StringBuilder();
            b.append(csvField(root.toAbsolutePath().relativize(samples.get(i).image().toAbsolutePath()).toString()))
                    .append(',').append(labels.get(truth)).append(',').append(rank)
                    .append(String.format(Locale.ROOT, ",%.4f", p[truth]));
            for (int k = 0; k < 4 && k < ranked.length; k++) {
                b.append(',').append(labels.get(ranked[k])).append(String.format(Locale.ROOT, ",%.4f", p[ranked[k]]));
            }
            rows.add(new Row(b.toString(), rank));
        }
        rows.sort(java.util.Comparator.comparingInt(Row::rank).reversed());
        try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write(HEADER + "\n");
            for (Row r : rows) w.write(r.line() + "\n");
        }
        return rows.size();
    }

    private static String csvField(String s) {
        return s.contains(",") || s.contains("\"") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
