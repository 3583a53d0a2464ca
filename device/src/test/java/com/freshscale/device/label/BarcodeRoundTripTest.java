package com.freshscale.device.label;

import static org.assertj.core.api.Assertions.assertThat;

import com.freshscale.protocol.barcode.BarcodeLayout;
import com.freshscale.protocol.barcode.BarcodeLayouts;
import com.freshscale.protocol.barcode.DecodedBarcode;
import com.freshscale.protocol.barcode.Symbology;
import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatWriter;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.oned.MultiFormatUPCEANReader;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class BarcodeRoundTripTest {
    private static final List<BarcodeLayout> PRICE_LAYOUTS = List.of(BarcodeLayouts.EAN13_PRICE,
            BarcodeLayouts.EAN13_PRICE_VERIFIER, BarcodeLayouts.UK_PRICE_VERIFIER, BarcodeLayouts.UPCA_PRICE_VERIFIER);

    @Provide
    Arbitrary<BarcodeLayout> layouts() {
        return Arbitraries.of(PRICE_LAYOUTS);
    }

    /** price → digits → printed bars → scanned by ZXing → digits → price: what the checkout POS does. */
    @Property(tries = 300)
    void priceSurvivesPrintingAndScanning(@ForAll("layouts") BarcodeLayout layout,
            @ForAll("items") int item, @ForAll("prices") long price) throws Exception {
        long fitting = price % (layout.maxValue() + 1);
        String itemCode = Integer.toString(item % (int) Math.pow(10, layout.itemDigits()));
        String digits = layout.encode(itemCode, fitting);

        BarcodeFormat format = layout.symbology() == Symbology.EAN_13 ? BarcodeFormat.EAN_13 : BarcodeFormat.UPC_A;
        var matrix = new MultiFormatWriter().encode(digits, format, 0, 60);
        var image = MatrixToImageWriter.toBufferedImage(matrix);
        Result scanned = new MultiFormatUPCEANReader(Map.of(DecodeHintType.POSSIBLE_FORMATS, List.of(format)))
                .decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))),
                        Map.of(DecodeHintType.POSSIBLE_FORMATS, List.of(format)));

        DecodedBarcode decoded = layout.decode(scanned.getText());
        assertThat(decoded.value()).isEqualTo(fitting);
        assertThat(Long.parseLong(decoded.item())).isEqualTo(Long.parseLong(itemCode));
    }

    @Provide
    Arbitrary<Integer> items() {
        return Arbitraries.integers().between(0, 99_999);
    }

    @Provide
    Arbitrary<Long> prices() {
        return Arbitraries.longs().between(0, 99_999);
    }
}
