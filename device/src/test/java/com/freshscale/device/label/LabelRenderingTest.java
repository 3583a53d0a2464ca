package com.freshscale.device.label;

import static org.assertj.core.api.Assertions.assertThat;

import com.freshscale.device.pricing.PricedItem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The printer languages against reviewed golden files in src/test/resources/labels. After an intended
 * layout change, regenerate with {@code -Dgolden.update=true}, review the diff, and commit.
 */
class LabelRenderingTest {

    @ParameterizedTest
    @CsvSource({
            "bananas, ZPL", "bananas, TSPL", "bananas, ESCPOS",
            "gala-de, ZPL", "gala-de, TSPL", "gala-de, ESCPOS"})
    void matchesTheGoldenFile(String sample, LabelFormat format) throws IOException {
        PricedItem item = sample.equals("bananas") ? SampleLabels.bananas() : SampleLabels.galaOnOfferInGerman();
        String language = sample.equals("bananas") ? "en" : "de";
        byte[] rendered = format.render(SampleLabels.label(item, language));
        // tests run in device/; read the source copy so an update is compared at once
        Path golden = Path.of("src/test/resources/labels", sample + "." + format.extension());
        if (Boolean.getBoolean("golden.update")) Files.write(golden, rendered);
        assertThat(golden).exists();
        assertThat(new String(rendered, StandardCharsets.ISO_8859_1))
                .as("%s differs from its golden file", golden)
                .isEqualTo(new String(Files.readAllBytes(golden), StandardCharsets.ISO_8859_1));
    }
}
