package com.freshscale.server.broker;

import com.freshscale.server.identity.Identities;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The embedded broker's security, as an in-process HiveMQ extension: {@link IdentityAuthenticator} on every
 * CONNECT (with the {@link TopicRules} of the identity as its permissions), and the cut-off of a revoked
 * identity's live connection.
 */
final class BrokerSecurity implements ExtensionMain {
    private final Identities identities;
    private final ExecutorService checks;

    BrokerSecurity(Identities identities) {
        this.identities = identities;
        // two threads: a store's scales reconnecting together after a broker restart are checked in a few ms each
        this.checks = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "mqtt-auth");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
        IdentityAuthenticator authenticator = new IdentityAuthenticator(identities, checks);
        Services.securityRegistry().setAuthenticatorProvider(in -> authenticator);
    }

    @Override
    public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
        checks.shutdownNow();
        try {
            checks.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Drops the connection of {@code clientId} now (its identity was revoked: it cannot come back). */
    static boolean disconnect(String clientId) {
        try {
            return Services.clientService().disconnectClient(clientId, false).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            return false;
        }
    }
}
