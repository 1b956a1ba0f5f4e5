package io.bulwark.console.configbackup;

import io.bulwark.console.common.DialogService;
import io.bulwark.console.common.TaskExecutor;
import java.nio.file.Path;
import java.time.Clock;

/** The Configuration Backup command, one per login, for Administrators: the main menu calls {@link #showDialog()}. */
public final class ConfigurationBackup {
    private final ConfigurationBackupApi api;
    private final TaskExecutor tasks;
    private final DialogService dialogs;
    private final String engineHost;

    public ConfigurationBackup(ConfigurationBackupApi api, TaskExecutor tasks, DialogService dialogs,
                               String engineHost) {
        this.api = api;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.engineHost = engineHost;
    }

    /** Shows the dialog, the file proposed in the user's home, and returns when it is closed. */
    public void showDialog() {
        ConfigurationBackupViewModel viewModel = new ConfigurationBackupViewModel(api, tasks, dialogs, engineHost,
                Path.of(System.getProperty("user.home")), Clock.systemUTC());
        viewModel.opened();
        try {
            dialogs.showCustomDialogAndWait(new ConfigurationBackupDialog(viewModel));
        } finally {
            viewModel.closed();
        }
    }
}
