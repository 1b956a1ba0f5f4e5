package io.bulwark.console.shell;

import io.bulwark.console.common.DialogService;
import io.bulwark.console.common.EventBus;
import io.bulwark.console.common.Scheduler;
import io.bulwark.console.common.TaskExecutor;
import io.bulwark.console.credentials.CredentialApi;
import io.bulwark.console.proxies.AddProxyWizard;
import io.bulwark.console.proxies.AddProxyWizardViewModel;
import io.bulwark.console.proxies.ProxyApi;
import io.bulwark.console.servers.NewServerWizard;
import io.bulwark.console.servers.NewServerWizardViewModel;
import io.bulwark.console.servers.ServerApi;
import io.bulwark.protocol.servers.ServerView;
import java.util.Optional;

/** Opens the Backup Infrastructure wizards of one login, each with a fresh view-model. */
public record InfrastructureWizards(ServerApi servers, ProxyApi proxies, CredentialApi credentials,
                                    TaskExecutor tasks, Scheduler scheduler, EventBus bus, DialogService dialogs) {
    /** New Linux Server; the server it saved, if any. */
    public Optional<ServerView> newServer() {
        return NewServerWizard.show(new NewServerWizardViewModel(servers, credentials, tasks, scheduler, bus), dialogs);
    }

    /** Add Proxy, whose "Add New…" runs New Linux Server. */
    public void addProxy() {
        AddProxyWizard.show(new AddProxyWizardViewModel(proxies, servers, tasks, scheduler, bus), dialogs,
                this::newServer);
    }
}
