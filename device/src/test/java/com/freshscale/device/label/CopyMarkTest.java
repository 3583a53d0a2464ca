package com.freshscale.device.label;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A copy of a printed label is its stored job with the copy mark drawn on it: exactly what composing the label with the
 * mark as its last element renders, in every printer language, so the copy is the original plus "KOPIE"/"COPY".
 */
class CopyMarkTest {
    final LabelComposer composer = new LabelComposer(LabelStock.DEFAULT);
    final Label label = SampleLabels.label(SampleLabels.galaOnOfferInGerman(), "de");

    private Label withMark(LabelElement.Text mark) {
        List<LabelElement> e = new ArrayList<>(label.elements());
        e.add(mark);
        return new Label(label.stock(), e);
    }

    @ParameterizedTest
    @EnumSource(value = LabelFormat.class, names = {"ZPL", "TSPL", "ESCPOS"})
    void theCopyIsTheStoredJobWithTheMarkAsItsLastElement(LabelFormat format) {
        LabelElement.Text mark = composer.copyMark("de");
        assertThat(mark.text()).isEqualTo("*** KOPIE ***");
        assertThat(mark.bold()).isTrue();
        byte[] copy = format.addText(format.render(label), mark, LabelStock.DEFAULT);
        assertThat(copy).isEqualTo(format.render(withMark(mark)));
        assertThat(new String(copy, StandardCharsets.ISO_8859_1)).contains("KOPIE");
    }

    @Test
    void aPngCopyShowsTheMarkBelowTheBarcodeAndLeavesTheRestAsItWas() throws Exception {
        LabelElement.Text mark = composer.copyMark("en");
        assertThat(mark.text()).isEqualTo("*** COPY ***");
        LabelElement.Barcode barcode = label.barcode();
        assertThat(mark.y()).as("below the bars").isGreaterThan(barcode.y() + barcode.height());
        assertThat(mark.y() + mark.height()).as("on the label").isLessThanOrEqualTo(LabelStock.DEFAULT.heightDots());
        BufferedImage original = ImageIO.read(new ByteArrayInputStream(LabelFormat.PNG.render(label)));
        BufferedImage copy = ImageIO.read(new ByteArrayInputStream(LabelFormat.PNG.addText(LabelFormat.PNG.render(label), mark,
                LabelStock.DEFAULT)));
        int changedAbove = 0;
        int changedInMark = 0;
        for (int y = 0; y < copy.getHeight(); y++) {
            for (int x = 0; x < copy.getWidth(); x++) {
                if (copy.getRGB(x, y) == original.getRGB(x, y)) continue;
                if (y < mark.y()) changedAbove++;
                else changedInMark++;
            }
        }
        assertThat(changedAbove).as("the label itself, its barcode included, is untouched").isZero();
        assertThat(changedInMark).as("the mark is drawn").isGreaterThan(100);
    }
}
