package com.freshscale.device.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.freshscale.protocol.pricebook.DemoPriceBook;
import com.freshscale.protocol.pricebook.Plu;
import com.freshscale.recognition.OpenCv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * The demo assets in the repository ({@code demo-assets/grocerystore}, what {@code ./freshscale demo} passes as
 * {@code --dataset}) give every PLU of the demo price book its tile picture and every class photos to put on the
 * simulated platter; and a folder laid out as the full dataset offers its validation photos.
 */
class ProduceImagesTest {
    /** Tests run in device/: the demo assets are at the repository root. */
    static final Path ASSETS = Path.of("../demo-assets/grocerystore");

    @Test
    void theDemoAssetsPictureEveryPluAndOfferPhotosOfEveryClass() {
        OpenCv.load();
        ProduceImages images = ProduceImages.load(ASSETS);
        List<Plu> book = DemoPriceBook.load().plus();
        assertThat(book).hasSize(50);
        for (Plu p : book) {
            Path picture = images.iconic(p.modelLabels()).orElse(null);
            assertThat(picture).as("tile picture of " + p.code()).isNotNull();
            assertThat(picture.toAbsolutePath().normalize()).startsWith(ASSETS.toAbsolutePath().normalize());
        }
        Set<String> classes = images.photos().stream().map(ProduceImages.Photo::className).collect(Collectors.toSet());
        Set<String> labels = book.stream().flatMap(p -> p.modelLabels().stream()).collect(Collectors.toSet());
        assertThat(classes).isEqualTo(labels);
        for (ProduceImages.Photo photo : images.photos()) {
            Mat m = Imgcodecs.imread(photo.file().toString(), Imgcodecs.IMREAD_COLOR);
            assertThat(m.empty()).as(photo.file().toString()).isFalse();
            assertThat(Math.min(m.width(), m.height())).as(photo.file().toString()).isGreaterThanOrEqualTo(224);
        }
        // ids are unique: the simulation panel picks a photo by id
        assertThat(images.photos().stream().map(ProduceImages.Photo::id).distinct()).hasSameSizeAs(images.photos());
    }

    @Test
    void aFolderWithAValidationListOffersItsValidationPhotos(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("classes.csv"), "Class Name (str),Class ID (int),Coarse Class Name (str),Coarse Class ID (int),"
                + "Iconic Image Path (str),Product Description Path (str)\nKiwi,7,Kiwi,7,/iconic/Kiwi_Iconic.jpg,/iconic/Kiwi.txt\n");
        for (String f : List.of("iconic/Kiwi_Iconic.jpg", "train/Kiwi_001.jpg", "val/Kiwi_001.jpg")) {
            Files.createDirectories(dir.resolve(f).getParent());
            Files.write(dir.resolve(f), new byte[] {1});
        }
        Files.writeString(dir.resolve("train.txt"), "train/Kiwi_001.jpg, 7, 7\n");
        Files.writeString(dir.resolve("val.txt"), "val/Kiwi_001.jpg, 7, 7\n");
        ProduceImages images = ProduceImages.load(dir);
        assertThat(images.photos()).extracting(ProduceImages.Photo::file).containsExactly(dir.resolve("val/Kiwi_001.jpg"));
        assertThat(images.iconic(List.of("Kiwi"))).contains(dir.resolve("iconic/Kiwi_Iconic.jpg"));

        Files.delete(dir.resolve("val.txt"));
        assertThat(ProduceImages.load(dir).photos()).extracting(ProduceImages.Photo::file)
                .containsExactly(dir.resolve("train/Kiwi_001.jpg"));
    }

    @Test
    void aFolderWithoutTheClassListIsAClearError(@TempDir Path dir) {
        assertThatThrownBy(() -> ProduceImages.load(dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot read the produce pictures of " + dir);
    }
}
