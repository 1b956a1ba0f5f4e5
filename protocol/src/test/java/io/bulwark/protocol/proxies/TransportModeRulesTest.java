package io.bulwark.protocol.proxies;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.protocol.servers.HostFacts;
import io.bulwark.protocol.servers.ServerPorts;
import io.bulwark.protocol.servers.ServerView;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TransportModeRulesTest {
    private static final List<String> SEES_A_DATASTORE = List.of("/var/lib/libvirt/images");

    @ParameterizedTest
    @EnumSource(value = TransportMode.class, names = "NETWORK", mode = EnumSource.Mode.EXCLUDE)
    void aHardenedRepositoryForbidsEveryModeButNetworkAndSaysWhy(TransportMode mode) {
        ServerView vault = server("vault01", true, SEES_A_DATASTORE);
        assertThat(TransportModeRules.forbiddenBecause(mode, vault))
                .isEqualTo(mode.title() + " is not allowed: vault01 is a hardened repository, which must not reach "
                        + "production storage. Choose Network.");
        assertThat(TransportModeRules.unavailableBecause(mode, vault))
                .as("seeing a datastore does not make a forbidden mode available")
                .isEqualTo(TransportModeRules.forbiddenBecause(mode, vault));
    }

    @Test
    void networkModeIsAlwaysAllowed() {
        for (ServerView server : List.of(server("vault01", true, List.of()), server("kvm01", false, null))) {
            assertThat(TransportModeRules.forbiddenBecause(TransportMode.NETWORK, server)).isNull();
            assertThat(TransportModeRules.unavailableBecause(TransportMode.NETWORK, server)).isNull();
        }
    }

    @Test
    void anOrdinaryServerForbidsNothing() {
        ServerView kvm = server("kvm01", false, List.of());
        assertThat(Arrays.stream(TransportMode.values()).map(mode -> TransportModeRules.forbiddenBecause(mode, kvm)))
                .containsOnlyNulls();
    }

    @Test
    void localModesNeedADatastoreTheAnalysisFound() {
        assertThat(TransportModeRules.unavailableBecause(TransportMode.DIRECT_STORAGE, server("kvm01", false, null)))
                .isEqualTo("Direct storage access needs a datastore the server can see, and the server has not been "
                        + "analysed yet. Rescan it, or choose Automatic selection or Network.");
        assertThat(TransportModeRules.unavailableBecause(TransportMode.VIRTUAL_APPLIANCE, server("kvm01", false, List.of())))
                .isEqualTo("Virtual appliance needs a datastore the server can see, and its analysis found none. "
                        + "Choose Automatic selection or Network.");
        assertThat(TransportModeRules.unavailableBecause(TransportMode.DIRECT_STORAGE,
                server("kvm01", false, SEES_A_DATASTORE))).isNull();
        assertThat(TransportModeRules.unavailableBecause(TransportMode.AUTOMATIC, server("kvm01", false, null))).isNull();
    }

    private static ServerView server(String name, boolean hardened, List<String> datastores) {
        HostFacts facts = datastores == null ? null
                : new HostFacts("Debian", "13", null, "x86_64", 4, null, null, true, true, datastores, Instant.EPOCH);
        return new ServerView(UUID.randomUUID(), name, name, null, 22, UUID.randomUUID(), null, ServerPorts.DEFAULTS,
                hardened, facts, null, false, Instant.EPOCH, Instant.EPOCH);
    }
}
