package com.freshscale.server.broker;

import com.freshscale.protocol.LogText;
import com.freshscale.server.identity.Identities;
import com.freshscale.server.identity.Identity;
import com.hivemq.extension.sdk.api.async.Async;
import com.hivemq.extension.sdk.api.async.TimeoutFallback;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.packets.auth.DefaultAuthorizationBehaviour;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.connect.ConnectPacket;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a client connect only with the user name and password of a known, unrevoked identity, and only with
 * its user name as its client id: a session (and the messages queued in it) belongs to one identity, and a
 * second connection with the same client id, which takes the session over (MQTT 5.0 §3.1.4-3), needs the same
 * password. The password check (a database read and PBKDF2) runs on our own threads, not HiveMQ's.
 */
final class IdentityAuthenticator implements SimpleAuthenticator {
    private static final Logger LOG = LoggerFactory.getLogger(IdentityAuthenticator.class);
    private final Identities identities;
    private final ExecutorService checks;

    IdentityAuthenticator(Identities identities, ExecutorService checks) {
        this.identities = identities;
        this.checks = checks;
    }

    @Override
    public void onConnect(SimpleAuthInput input, SimpleAuthOutput output) {
        ConnectPacket p = input.getConnectPacket();
        String address = input.getConnectionInformation().getInetAddress().map(Object::toString).orElse("?");
        Optional<String> user = p.getUserName();
        Optional<ByteBuffer> password = p.getPassword();
        if (user.isEmpty() || password.isEmpty()) {
            refuse(output, ConnackReasonCode.NOT_AUTHORIZED, "a user name and password are required", p.getClientId(), address);
            return;
        }
        if (!p.getClientId().equals(user.get())) {
            refuse(output, ConnackReasonCode.CLIENT_IDENTIFIER_NOT_VALID, "the client id must be the user name", p.getClientId(),
                    address);
            return;
        }
        char[] secret;
        try {
            CharBuffer cb = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(password.get().asReadOnlyBuffer());
            secret = new char[cb.remaining()];
            cb.get(secret);
        } catch (CharacterCodingException e) {
            refuse(output, ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "bad user name or password", user.get(), address);
            return;
        }
        Async<SimpleAuthOutput> async = output.async(Duration.ofSeconds(10), TimeoutFallback.FAILURE);
        try {
            checks.execute(() -> {
                try {
                    Optional<Identity> id = identities.verify(user.get(), secret);
                    if (id.isEmpty()) {
                        refuse(output, ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "bad user name or password", user.get(), address);
                    } else {
                        output.getDefaultPermissions().addAll(TopicRules.of(id.get()));
                        output.getDefaultPermissions().setDefaultBehaviour(DefaultAuthorizationBehaviour.DENY);
                        output.authenticateSuccessfully();
                    }
                } catch (RuntimeException e) {
                    LOG.error("MQTT authentication of {} failed: {}", LogText.cap(user.get()), e.toString());
                    output.failAuthentication(ConnackReasonCode.SERVER_UNAVAILABLE, "try again later");
                } finally {
                    Arrays.fill(secret, '\0');
                    async.resume();
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            output.failAuthentication(ConnackReasonCode.SERVER_BUSY, "shutting down");
            async.resume();
        }
    }

    private static void refuse(SimpleAuthOutput output, ConnackReasonCode code, String reason, String who, String address) {
        LOG.warn("MQTT connection refused for '{}' from {}: {}", LogText.cap(who), address, reason);
        output.failAuthentication(code, reason);
    }
}
