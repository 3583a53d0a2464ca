package com.freshscale.device.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.freshscale.device.ui.KioskView;
import com.freshscale.device.weighing.WeightReading;
import com.freshscale.device.weighing.WeightStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The weight the kiosk's view carries: what the display may show, and nothing it must not (R76-1 4.2.3). */
class KioskViewModelTest {
    @ParameterizedTest
    @EnumSource(value = WeightStatus.class, names = {"OVERLOAD", "UNDERLOAD", "NOT_ZEROED", "FAULT"})
    void aBlankedIndicationIsNotInTheView(WeightStatus status) {
        // probe: in OVERLOAD /api/view still gave "19.995 kg" while the page showed OVERLOAD
        KioskView.Weight w = KioskViewModel.weight(new WeightReading(19_995_000, 19_995_000, 0, 5_000, true, false, status, 1));
        assertThat(w.netMg()).isNull();
        assertThat(w.text()).isEmpty();
        assertThat(w.status()).isEqualTo(status.name());
    }

    @ParameterizedTest
    @EnumSource(value = WeightStatus.class, names = {"OK", "BELOW_MIN"})
    void aWeightThatMayBeShownIsInTheView(WeightStatus status) {
        KioskView.Weight w = KioskViewModel.weight(new WeightReading(1_234_000, 1_234_000, 0, 2_000, true, false, status, 1));
        assertThat(w.netMg()).isEqualTo(1_234_000);
        assertThat(w.text()).isEqualTo("1.234 kg");
    }
}
