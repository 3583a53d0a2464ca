package com.freshscale.device.ui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pictures of the produce from a folder laid out as the grocery-store dataset: the iconic image of each class
 * (the tile picture of every PLU listing that class as a model label) and, for the simulation panel, the
 * photos of one split. The full dataset offers its validation photos (never used in training); the demo
 * assets in the repository ({@code demo-assets/grocerystore}) carry a few training photos of every class and
 * no validation split, since the dataset's validation split has no photo of 10 of the 50 classes.
 */
public final class ProduceImages {
    /** One photo the simulation panel can put on the platter. */
    public record Photo(String id, String className, Path file) {
    }

    private final Map<String, Path> iconicByClass = new HashMap<>();
    private final Map<String, String> kindByClass = new HashMap<>();
    private final List<Photo> photos = new ArrayList<>();

    private ProduceImages() {
    }

    /** No pictures: tiles show the name only. */
    public static ProduceImages none() {
        return new ProduceImages();
    }

    /** The photo lists the simulation panel reads, the first present one wins. */
    static final List<String> PHOTO_LISTS = List.of("val.txt", "train.txt");

    /**
     * Reads {@code classes.csv} (class name, id, ..., iconic image path) and the first of {@link #PHOTO_LISTS}
     * present (photo, class id) of the dataset folder. A missing folder or {@code classes.csv} is an error: the
     * operator configured it.
     */
    public static ProduceImages load(Path dataset) {
        ProduceImages images = new ProduceImages();
        Map<Integer, String> classById = new HashMap<>();
        try {
            List<String> rows = Files.readAllLines(dataset.resolve("classes.csv"), StandardCharsets.UTF_8);
            for (String row : rows.subList(1, rows.size())) {
                String[] f = row.split(",");
                if (f.length < 5) continue;
                classById.put(Integer.parseInt(f[1].trim()), f[0].trim());
                // the dataset files its iconic images by kind: /iconic-images-and-descriptions/Fruit/Apple/...
                String[] path = f[4].trim().replaceFirst("^/", "").split("/");
                if (path.length > 2) images.kindByClass.put(f[0].trim(), path[1]);
                Path iconic = dataset.resolve(f[4].trim().replaceFirst("^/", ""));
                if (Files.isRegularFile(iconic)) images.iconicByClass.put(f[0].trim(), iconic);
            }
            Path list = PHOTO_LISTS.stream().map(dataset::resolve).filter(Files::isRegularFile).findFirst().orElse(null);
            if (list != null) {
                int n = 0;
                for (String row : Files.readAllLines(list, StandardCharsets.UTF_8)) {
                    String[] f = row.split(",");
                    if (f.length < 2) continue;
                    String cls = classById.get(Integer.parseInt(f[1].trim()));
                    Path file = dataset.resolve(f[0].trim());
                    if (cls != null && Files.isRegularFile(file)) images.photos.add(new Photo("p" + (n++), cls, file));
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read the produce pictures of " + dataset + ": " + e.getMessage(), e);
        }
        return images;
    }

    /** The iconic image of the first of {@code modelLabels} that has one. */
    public Optional<Path> iconic(List<String> modelLabels) {
        for (String l : modelLabels) {
            Path p = iconicByClass.get(l);
            if (p != null) return Optional.of(p);
        }
        return Optional.empty();
    }

    /** The kind (the dataset's top level: Fruit, Vegetables, Packages) of the first of {@code modelLabels} that has one. */
    public Optional<String> kind(List<String> modelLabels) {
        for (String l : modelLabels) {
            String k = kindByClass.get(l);
            if (k != null) return Optional.of(k);
        }
        return Optional.empty();
    }

    public List<Photo> photos() {
        return photos;
    }

    public Optional<Photo> photo(String id) {
        return photos.stream().filter(p -> p.id().equals(id)).findFirst();
    }
}
