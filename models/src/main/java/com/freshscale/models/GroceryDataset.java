package com.freshscale.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The produce dataset on disk: {@code classes.csv} (fine label, id, coarse label, coarse id, iconic image)
 * and split files ({@code train.txt}, {@code val.txt}, ...) of {@code path, fine id, coarse id}, paths
 * relative to the dataset folder. The dataset's ids need not be contiguous (the Grocery Store dataset keeps
 * its original ids after dropping the packaged goods); the model's label index is the rank of the id.
 */
public record GroceryDataset(Path dir, List<String> labels, List<String> coarseLabels, List<Integer> coarseOf,
                             List<Path> iconic, Map<Integer, Integer> labelOfId) {

    /** One image of a split. */
    public record Sample(Path image, int label, int coarse) {
    }

    public static GroceryDataset open(Path dir) {
        Path csv = dir.resolve("classes.csv");
        if (!Files.isRegularFile(csv)) throw new IllegalArgumentException("no classes.csv in dataset folder " + dir);
        Map<Integer, String[]> rows = new TreeMap<>();
        Map<Integer, String> coarse = new TreeMap<>();
        try {
            List<String> lines = Files.readAllLines(csv);
            for (int i = 1; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty()) continue;
                String[] f = line.split(",");
                if (f.length < 5) throw new IllegalArgumentException(csv + ":" + (i + 1) + ": expected 5+ columns");
                int id = Integer.parseInt(f[1].strip());
                int cid = Integer.parseInt(f[3].strip());
                rows.put(id, f);
                coarse.put(cid, f[2].strip());
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + csv + ": " + e.getMessage(), e);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(csv + ": bad class id: " + e.getMessage(), e);
        }
        List<String> coarseLabels = new ArrayList<>(coarse.values());
        Map<Integer, Integer> coarseIndex = new HashMap<>();
        for (int cid : coarse.keySet()) coarseIndex.put(cid, coarseIndex.size());
        List<String> labels = new ArrayList<>();
        List<Integer> coarseOf = new ArrayList<>();
        List<Path> iconic = new ArrayList<>();
        Map<Integer, Integer> labelOfId = new HashMap<>();
        for (var e : rows.entrySet()) {
            labelOfId.put(e.getKey(), labels.size());
            labels.add(e.getValue()[0].strip());
            coarseOf.add(coarseIndex.get(Integer.parseInt(e.getValue()[3].strip())));
            String rel = e.getValue()[4].strip().replaceFirst("^/", "");
            iconic.add(dir.resolve(rel));
        }
        return new GroceryDataset(dir, List.copyOf(labels), List.copyOf(coarseLabels), List.copyOf(coarseOf),
                List.copyOf(iconic), Map.copyOf(labelOfId));
    }

    /** The samples listed in {@code DIR/NAME.txt}; a malformed line is an error naming file and line. */
    public List<Sample> split(String name) {
        Path file = dir.resolve(name + ".txt");
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("no split file " + file);
        List<Sample> samples = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty()) continue;
                String[] f = line.split(",");
                if (f.length != 3) throw new IllegalArgumentException(file + ":" + (i + 1) + ": expected 'path, fine, coarse'");
                int id = Integer.parseInt(f[1].strip());
                Integer label = labelOfId.get(id);
                if (label == null) throw new IllegalArgumentException(file + ":" + (i + 1) + ": unknown class id " + id);
                samples.add(new Sample(dir.resolve(f[0].strip()), label, coarseOf.get(label)));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ": bad class id: " + e.getMessage(), e);
        }
        return samples;
    }

    /** The studio ("iconic") image of every class, as extra training samples. */
    public List<Sample> iconicSamples() {
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            if (Files.isRegularFile(iconic.get(i))) out.add(new Sample(iconic.get(i), i, coarseOf.get(i)));
        }
        return out;
    }
}
