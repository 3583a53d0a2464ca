package com.freshscale.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A few classes of the demo assets in the repository (photos of the grocery-store dataset's training split,
 * four a class) laid out as a dataset folder with a train and a val split, for fast tests.
 */
final class TinyDataset {
    /** Tests run in models/: the demo assets are at the repository root. */
    static final Path ASSETS = Path.of("../demo-assets/grocerystore");
    /** Photos each class gives the val split. */
    static final int VAL_PER_CLASS = 2;

    private TinyDataset() {
    }

    /**
     * {@code classes} fine classes (sparse ids kept), {@code perClass} train and {@link #VAL_PER_CLASS} val
     * images each, no photo in both splits.
     */
    static Path create(Path dir, int classes, int perClass) throws IOException {
        List<String> csv = Files.readAllLines(ASSETS.resolve("classes.csv"));
        List<String> out = new ArrayList<>();
        out.add(csv.get(0));
        Map<String, String> ids = new LinkedHashMap<>();
        // spread over the list so that several coarse classes occur (rows 1, 8, 15, ...)
        for (int i = 1; i < csv.size() && ids.size() < classes; i += 7) {
            String row = csv.get(i);
            out.add(row);
            ids.put(row.split(",")[1].strip(), row);
        }
        Files.write(dir.resolve("classes.csv"), out);
        Map<String, Integer> taken = new LinkedHashMap<>();
        List<String> train = new ArrayList<>();
        List<String> val = new ArrayList<>();
        for (String line : Files.readAllLines(ASSETS.resolve("train.txt"))) {
            String[] f = line.split(",");
            String id = f[1].strip();
            if (!ids.containsKey(id)) continue;
            int n = taken.merge(id, 1, Integer::sum);
            if (n > perClass + VAL_PER_CLASS) continue;
            boolean toVal = n > perClass;
            String src = f[0].strip();
            String dst = toVal ? "val/" + src.substring(src.indexOf('/') + 1) : src;
            Files.createDirectories(dir.resolve(dst).getParent());
            Files.copy(ASSETS.resolve(src), dir.resolve(dst));
            (toVal ? val : train).add(line.replace(src, dst));
        }
        for (String id : ids.keySet()) {
            if (taken.getOrDefault(id, 0) < perClass + VAL_PER_CLASS) {
                throw new IllegalArgumentException("the demo assets have fewer than " + (perClass + VAL_PER_CLASS) + " photos of class " + id);
            }
        }
        Files.write(dir.resolve("train.txt"), train);
        Files.write(dir.resolve("val.txt"), val);
        return dir;
    }
}
