package com.freshscale.device.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A kiosk backend for tests of the kiosk's HTTP layer: every tap is answered OK and nothing else is there (no view, no
 * catalogue, no simulation, no service menu). A test overrides the taps it looks at.
 */
class AnsweringBackend implements KioskBackend {
    static final Session.Answer OK = new Session.Answer(true, null, null);

    @Override
    public KioskView view() {
        return null;
    }

    @Override
    public void onView(Consumer<KioskView> listener) {
    }

    @Override
    public List<KioskView.Item> catalogue() {
        return List.of();
    }

    @Override
    public com.freshscale.device.weighing.DescriptiveMarkings markings() {
        return null;
    }

    @Override
    public Optional<Path> picture(String pluCode) {
        return Optional.empty();
    }

    @Override
    public Optional<byte[]> labelPreview(String saleId) {
        return Optional.empty();
    }

    @Override
    public Session.Answer pick(String pluCode, int rank) {
        return OK;
    }

    @Override
    public Session.Answer count(int pieces) {
        return OK;
    }

    @Override
    public Session.Answer back() {
        return OK;
    }

    @Override
    public Session.Answer print() {
        return OK;
    }

    @Override
    public Session.Answer retryPrint() {
        return OK;
    }

    @Override
    public Optional<Simulation> simulation() {
        return Optional.empty();
    }

    @Override
    public ServiceMenu service() {
        return null;
    }
}
