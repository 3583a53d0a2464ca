package com.freshscale.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A few classes of the real dataset copied into a temporary dataset folder, for fast tests. */
final class TinyDataset {
    static final Path REAL = Path.of("../../shared/datasets/grocerystore");

    private TinyDataset() {
    }

    /** {@code classes} fine classes (sparse ids kept), {@code perClass} train and 2 val images each. */
    static Path create(Path dir, int classes, int perClass) throws IOException {
        List<String> csv = Files.readAllLines(REAL.resolve("classes.csv"));
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
        copySplit(dir, "train", ids, perClass);
        copySplit(dir, "val", ids, 2);
        return dir;
    }

    private static void copySplit(Path dir, String split, Map<String, String> ids, int perClass) throws IOException {
        Map<String, Integer> taken = new LinkedHashMap<>();
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(REAL.resolve(split + ".txt"))) {
            String[] f = line.split(",");
            String id = f[1].strip();
            if (!ids.containsKey(id) || taken.merge(id, 1, Integer::sum) > perClass) continue;
            Path src = REAL.resolve(f[0].strip());
            Path dst = dir.resolve(f[0].strip());
            Files.createDirectories(dst.getParent());
            Files.copy(src, dst);
            lines.add(line);
        }
        Files.write(dir.resolve(split + ".txt"), lines);
    }
}
