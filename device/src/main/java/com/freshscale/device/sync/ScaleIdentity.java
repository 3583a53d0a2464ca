package com.freshscale.device.sync;

import com.freshscale.protocol.files.SecretFile;
import com.freshscale.protocol.codec.MessageCodec;
import com.freshscale.protocol.codec.MessageRejectedException;
import com.freshscale.protocol.enrollment.Enrollment;
import com.freshscale.protocol.mqtt.MqttCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The scale's MQTT identity: the {@link Enrollment} the server gave it, kept in the file {@code sync.credentials}
 * (mode 0600, written atomically). Read again before every connect attempt, so a scale enrolled while it runs
 * connects without a restart.
 */
public final class ScaleIdentity {
    private final Path file;
    private final String storeId;
    private final String scaleId;

    public ScaleIdentity(Path file, String storeId, String scaleId) {
        this.file = file;
        this.storeId = storeId;
        this.scaleId = scaleId;
    }

    /** The enrollment on file, if the scale was enrolled (and as this store and scale). */
    public Optional<Enrollment> enrollment() {
        byte[] json;
        try {
            json = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the MQTT credentials " + file + ": " + e.getMessage(), e);
        }
        Enrollment e;
        try {
            e = MessageCodec.decode(json, Enrollment.class, Enrollment.SCHEMA, Enrollment.MAX_BYTES);
        } catch (MessageRejectedException ex) {
            throw new IllegalStateException("the MQTT credentials file " + file + " is damaged (" + ex.getMessage()
                    + "): enrol the scale again", ex);
        }
        if (!e.storeId().equals(storeId) || !e.scaleId().equals(scaleId)) {
            throw new IllegalStateException("the MQTT credentials in " + file + " are for scale " + e.scaleId() + " of store "
                    + e.storeId() + ", not this one: enrol the scale again");
        }
        return Optional.of(e);
    }

    /** For the MQTT link: null until enrolled. */
    public MqttCredentials credentials() {
        return enrollment().map(Enrollment::credentials).orElse(null);
    }

    public boolean enrolled() {
        return Files.isRegularFile(file);
    }

    /** Keeps {@code e} as this scale's identity (replacing an earlier one). */
    public void save(Enrollment e) {
        if (!e.storeId().equals(storeId) || !e.scaleId().equals(scaleId)) {
            throw new IllegalArgumentException("the enrollment is for scale " + e.scaleId() + " of store " + e.storeId()
                    + ", but this scale is " + scaleId + " of store " + storeId);
        }
        try {
            SecretFile.write(file, MessageCodec.encode(e));
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write the MQTT credentials " + file + ": " + ex.getMessage(), ex);
        }
    }
}
