package com.freshscale.device.label;

import static org.assertj.core.api.Assertions.assertThat;

import com.freshscale.device.pricing.PriceRequest;
import com.freshscale.device.pricing.PricedItem;
import com.freshscale.protocol.barcode.BarcodeLayouts;
import com.freshscale.protocol.barcode.DecodedBarcode;
import com.freshscale.protocol.pricebook.Plu;
import com.freshscale.protocol.pricebook.PriceBook;
import com.freshscale.protocol.pricebook.SaleType;
import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The PNG preview is a faithful picture: the checkout's scanner reads the barcode and gets the price back. */
class PngLabelTest {

    static Result scan(byte[] png) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        MultiFormatReader reader = new MultiFormatReader();
        return reader.decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))),
                Map.of(DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.EAN_13, BarcodeFormat.UPC_A),
                        DecodeHintType.TRY_HARDER, Boolean.TRUE));
    }

    @Test
    void ean13PriceScansBackFromThePng() throws Exception {
        PricedItem bananas = SampleLabels.bananas();
        byte[] png = LabelFormat.PNG.render(SampleLabels.label(bananas, "en"));
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", "bananas-label.png"), png); // for a human to look at
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(464);
        assertThat(image.getHeight()).isEqualTo(320);

        Result scanned = scan(png);
        assertThat(scanned.getBarcodeFormat()).isEqualTo(BarcodeFormat.EAN_13);
        assertThat(scanned.getText()).isEqualTo(bananas.barcode());
        DecodedBarcode d = BarcodeLayouts.EAN13_PRICE.decode(scanned.getText());
        assertThat(d.value()).isEqualTo(bananas.totalMinor()).isEqualTo(246);
        assertThat(d.item()).isEqualTo("04011");
    }

    @Test
    void upcAWithPriceVerifierScansBackFromThePng() throws Exception {
        Plu upc = new Plu("12345", Map.of("en", "Vine tomatoes"), SaleType.PER_PIECE, 599, "USD", 0, 0,
                "upca-price-verifier", "default", null, true);
        PriceBook book = new PriceBook("us-1", 1, SampleLabels.AT.minusSeconds(60), "USD", List.of(upc), null, null);
        PricedItem item = new com.freshscale.device.pricing.PriceCalculator(com.freshscale.device.pricing.PricingConfig.demo())
                .price(book, PriceRequest.byCount("12345", 1, SampleLabels.AT));
        assertThat(item.barcode()).isEqualTo("212345105993");
        byte[] png = LabelFormat.PNG.render(SampleLabels.label(item, "en"));
        Result scanned = scan(png);
        assertThat(scanned.getBarcodeFormat()).isEqualTo(BarcodeFormat.UPC_A);
        assertThat(BarcodeLayouts.UPCA_PRICE_VERIFIER.decode(scanned.getText()).value()).isEqualTo(599);
    }
}
