package io.bulwark.console.repositories;

import io.bulwark.console.common.Detail;
import io.bulwark.console.common.Formats;
import io.bulwark.console.table.Column;
import io.bulwark.console.table.TableDefinition;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.repositories.EncryptionView;
import io.bulwark.protocol.repositories.RepositoryView;
import io.bulwark.protocol.servers.AgentState;
import java.util.List;

/** Backup Infrastructure › Backup Repositories: the folders backups are written to. */
public final class BackupRepositories {
    private BackupRepositories() {
    }

    public static TableDefinition<RepositoryView> definition() {
        return TableDefinition.of("Backup Repositories", "backup repository", ApiPaths.REPOSITORIES,
                RepositoryView.class, List.of(ApiPaths.SERVERS),
                List.of(Column.of("Name", 220, RepositoryView::name),
                        Column.of("Server", 160, RepositoryView::serverName),
                        Column.of("Path", 280, RepositoryView::path),
                        Column.of("Max tasks", 90, RepositoryView::maxConcurrentTasks),
                        Column.formatted("Encryption", 100, BackupRepositories::encrypted, Formats::yesNo),
                        // As in Backup Proxies: the state says "Upgrade available" when the server's agent is older
                        // than the engine's, and the tooltip which versions and that the Managed Servers view upgrades.
                        Column.explained("State", 140, BackupRepositories::agentState, Formats::label,
                                repository -> repository.status() == null ? null : repository.status().message())),
                BackupRepositories::details, true);
    }

    private static boolean encrypted(RepositoryView repository) {
        return repository.encryption() != null && repository.encryption().enabled();
    }

    /** The role's state ("Ready", "Failed"); the engine's message about it is in the properties. */
    private static String state(RepositoryView repository) {
        return repository.status() == null ? "" : Formats.label(repository.status().state());
    }

    private static AgentState agentState(RepositoryView repository) {
        return repository.status() == null ? null : repository.status().state();
    }

    private static List<Detail> details(RepositoryView repository) {
        EncryptionView encryption = repository.encryption();
        return List.of(
                new Detail("Name", repository.name()),
                new Detail("Description", Formats.text(repository.description())),
                new Detail("Server", repository.serverName()),
                new Detail("Path", repository.path()),
                new Detail("Max concurrent tasks", String.valueOf(repository.maxConcurrentTasks())),
                new Detail("Encryption", Formats.yesNo(encrypted(repository))),
                new Detail("Password hint", encryption == null ? "" : Formats.text(encryption.passwordHint())),
                new Detail("State", state(repository)),
                new Detail("State details", repository.status() == null ? "" : Formats.text(repository.status().message())),
                new Detail("Built in", Formats.yesNo(repository.builtIn())),
                new Detail("Created", Formats.instant(repository.createdAt())),
                new Detail("Changed", Formats.instant(repository.updatedAt())));
    }
}
