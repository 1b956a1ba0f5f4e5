package io.bulwark.console.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.protocol.auth.Role;
import java.util.List;
import org.junit.jupiter.api.Test;

class MenuCommandTest {
    private final List<MenuCommand> menu = List.of(new MenuCommand("menu-restore", "Restore…", () -> { }),
            new MenuCommand("menu-configuration-backup", "Configuration Backup…", Role.ADMINISTRATOR, () -> { }));

    @Test
    void anAdministratorsEntryIsNotInTheMenuOfTheOtherRoles() {
        assertThat(MenuCommand.visibleTo(Role.ADMINISTRATOR, menu)).extracting(MenuCommand::id)
                .containsExactly("menu-restore", "menu-configuration-backup");
        assertThat(MenuCommand.visibleTo(Role.OPERATOR, menu)).extracting(MenuCommand::id)
                .containsExactly("menu-restore");
        assertThat(MenuCommand.visibleTo(Role.VIEWER, menu)).extracting(MenuCommand::id)
                .containsExactly("menu-restore");
    }
}
