package io.bulwark.console.trafficrules;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.console.common.CurrentThreadTaskExecutor;
import io.bulwark.console.common.ScriptedDialogService;
import io.bulwark.protocol.trafficrules.TrafficRuleView;
import io.bulwark.protocol.trafficrules.TrafficSettings;
import org.junit.jupiter.api.Test;

class TrafficRulesViewModelTest {
    private final TrafficRuleEditorViewModelTest.InMemoryRules engine = new TrafficRuleEditorViewModelTest.InMemoryRules();
    private final ScriptedDialogService dialogs = new ScriptedDialogService();
    private final TrafficRulesViewModel rules = new TrafficRulesViewModel(engine, new CurrentThreadTaskExecutor(), dialogs);

    @Test
    void uploadStreamsAreSavedOnlyOnceTheEnginesValueIsKnownAndOnlyWhenChanged() {
        rules.uploadStreamsProperty().set(9);
        assertThat(engine.savedSettings).isEmpty();

        engine.savedSettings.add(new TrafficSettings(7));
        rules.opened();
        assertThat(rules.uploadStreamsProperty().get()).isEqualTo(7);
        assertThat(engine.savedSettings).hasSize(1);

        rules.uploadStreamsProperty().set(12);
        assertThat(engine.savedSettings).containsExactly(new TrafficSettings(7), new TrafficSettings(12));
    }

    @Test
    void anAddedRuleIsListedAndSelectedAndRemovedAfterConfirmation() {
        rules.opened();
        TrafficRuleEditorViewModel editor = rules.newRule();
        editor.nameProperty().set("Branch office");
        editor.sourceRangeProperty().set("any");
        editor.targetRangeProperty().set("172.16.0.0/16");
        editor.save(rules::saved);

        assertThat(rules.rules()).extracting(TrafficRuleView::name).containsExactly("Branch office");
        assertThat(rules.selectedProperty().get().name()).isEqualTo("Branch office");

        dialogs.confirming(false);
        rules.removeSelected();
        assertThat(engine.rules).hasSize(1);
        dialogs.confirming(true);
        rules.removeSelected();
        assertThat(engine.rules).isEmpty();
        assertThat(rules.rules()).isEmpty();
    }
}
