package com.freshscale.device.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The Host names the kiosk answers to (DNS rebinding): loopback, its bind address, and IP addresses when bound to all. */
class KioskHostsTest {
    @Test
    void boundToLoopbackItAnswersOnlyToLoopbackNames() {
        KioskHosts h = new KioskHosts("127.0.0.1");
        for (String ok : new String[] {"localhost", "localhost:8080", "LOCALHOST:8080", "localhost.:8080", "127.0.0.1:8080", "[::1]:8080",
                "[::1]", null}) {
            assertThat(h.allows(ok)).as(ok).isTrue();
        }
        for (String refused : new String[] {"evil.example", "evil.example:8080", "localhost.evil.example:8080", "127.0.0.1.nip.io:8080",
                "192.168.1.20:8080", "[fe80::1]:8080", ""}) {
            assertThat(h.allows(refused)).as(refused).isFalse();
        }
        assertThatThrownBy(() -> h.check("evil.example:8080")).hasMessageContaining("Host 'evil.example:8080'")
                .hasMessageContaining("DNS rebinding");
    }

    @Test
    void boundToAnAddressOrToAllItAlsoAnswersToThatAddressOrAnyAddress() {
        KioskHosts one = new KioskHosts("192.168.1.20");
        assertThat(one.allows("192.168.1.20:8080")).isTrue();
        assertThat(one.allows("192.168.1.21:8080")).isFalse();
        assertThat(new KioskHosts("fe80::1").allows("[fe80::1]:8080")).isTrue();
        KioskHosts all = new KioskHosts("0.0.0.0");
        assertThat(all.allows("192.168.1.20:8080")).isTrue();
        assertThat(all.allows("[fe80::1]:8080")).isTrue();
        assertThat(all.allows("localhost:8080")).isTrue();
        assertThat(all.allows("scale-3.store.lan:8080")).as("a name: could be anyone's").isFalse();
        assertThat(all.allows("999.1.1.1")).isFalse();
        assertThat(all.allows("1.2.3.4.evil.example")).isFalse();
    }
}
