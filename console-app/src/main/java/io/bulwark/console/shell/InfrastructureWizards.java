package io.bulwark.console.shell;

import io.bulwark.console.common.DialogService;
import io.bulwark.console.common.EventBus;
import io.bulwark.console.common.Scheduler;
import io.bulwark.console.common.TaskExecutor;
import io.bulwark.console.credentials.CredentialApi;
import io.bulwark.console.proxies.AddProxyWizard;
import io.bulwark.console.proxies.AddProxyWizardViewModel;
import io.bulwark.console.proxies.ProxyApi;
import io.bulwark.console.servers.ServerWizard;
import io.bulwark.console.servers.ServerWizardViewModel;
import io.bulwark.console.servers.ServerApi;
import io.bulwark.protocol.servers.ServerView;
import java.util.Optional;

/** Opens the Backup Infrastructure wizards of one login, each with a fresh view-model. */
public record InfrastructureWizards(ServerApi servers, ProxyApi proxies, CredentialApi credentials,
                                    TaskExecutor tasks, Scheduler scheduler, EventBus bus, DialogService dialogs) {
    /** New Linux Server; the server it saved, if any. */
    public Optional<ServerView> newServer() {
        return ServerWizard.show(new ServerWizardViewModel(servers, credentials, tasks, scheduler, bus), dialogs);
    }

    /** Edit Server: its settings, a changed host key, the hardened repository flag; then its agent checked. */
    public void editServer(ServerView server) {
        ServerWizard.show(ServerWizardViewModel.edit(server, servers, credentials, tasks, scheduler, bus), dialogs);
    }

    /** Add Proxy, whose "Add New…" runs New Linux Server. */
    public void addProxy() {
        AddProxyWizard.show(new AddProxyWizardViewModel(proxies, servers, tasks, scheduler, bus), dialogs,
                this::newServer);
    }
}
