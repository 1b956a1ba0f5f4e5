package io.bulwark.console.trafficrules;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.console.common.CurrentThreadTaskExecutor;
import io.bulwark.console.connection.EngineRefusedException;
import io.bulwark.protocol.errors.ApiError;
import io.bulwark.protocol.trafficrules.Throttle;
import io.bulwark.protocol.trafficrules.ThrottleUnit;
import io.bulwark.protocol.trafficrules.TrafficRuleRequest;
import io.bulwark.protocol.trafficrules.TrafficRuleView;
import io.bulwark.protocol.trafficrules.TrafficSchedule;
import io.bulwark.protocol.trafficrules.TrafficSettings;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TrafficRuleEditorViewModelTest {
    private static final Set<Integer> OFFICE_HOURS = IntStream.range(8, 18).boxed().collect(Collectors.toSet());

    /** The engine's rules, in memory; a refusal, when set, answers the next save. */
    static final class InMemoryRules implements TrafficRulesApi {
        final List<TrafficRuleView> rules = new ArrayList<>();
        final List<TrafficSettings> savedSettings = new ArrayList<>();
        RuntimeException refusal;

        @Override
        public List<TrafficRuleView> rules() {
            return List.copyOf(rules);
        }

        @Override
        public TrafficRuleView create(TrafficRuleRequest request) {
            if (refusal != null) {
                throw refusal;
            }
            TrafficRuleView rule = new TrafficRuleView(UUID.randomUUID(), request.name(), request.sourceRange(),
                    request.targetRange(), request.encrypt(), request.throttle(), request.schedule(), Instant.EPOCH,
                    Instant.EPOCH);
            rules.add(rule);
            return rule;
        }

        @Override
        public TrafficRuleView update(UUID id, TrafficRuleRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void delete(UUID id) {
            rules.removeIf(rule -> rule.id().equals(id));
        }

        @Override
        public TrafficSettings settings() {
            return savedSettings.isEmpty() ? TrafficSettings.DEFAULTS : savedSettings.getLast();
        }

        @Override
        public TrafficSettings saveSettings(TrafficSettings settings) {
            savedSettings.add(settings);
            return settings;
        }
    }

    private final InMemoryRules engine = new InMemoryRules();
    private final TrafficRuleEditorViewModel editor = new TrafficRuleEditorViewModel(engine,
            new CurrentThreadTaskExecutor(), null);

    private void fillIn() {
        editor.nameProperty().set("WAN to DR site");
        editor.sourceRangeProperty().set("10.0.0.0/24");
        editor.targetRangeProperty().set("192.168.50.1-192.168.50.20");
    }

    @Test
    void okIsBlockedUntilTheRuleIsRightAndSaysWhy() {
        assertThat(editor.problemProperty().get()).isEqualTo("Type a name for the rule.");
        editor.nameProperty().set("WAN");
        assertThat(editor.problemProperty().get()).startsWith("Type the source range");
        editor.sourceRangeProperty().set("10.0.0.300");
        assertThat(editor.fieldError(TrafficRuleEditorViewModel.SOURCE).get()).startsWith("Type an IP address");
        editor.sourceRangeProperty().set("public");
        assertThat(editor.fieldError(TrafficRuleEditorViewModel.SOURCE).get()).contains("target only");
        editor.sourceRangeProperty().set("10.0.0.0/24");
        assertThat(editor.problemProperty().get()).startsWith("Type the target range");
        editor.targetAnyPublicProperty().set(true);
        assertThat(editor.validProperty().get()).isTrue();
        assertThat(editor.request().targetRange()).isEqualTo("public");

        editor.alwaysProperty().set(false);
        editor.hours().setAll(false);
        assertThat(editor.problemProperty().get()).startsWith("Choose at least one hour");
    }

    @Test
    void theThrottleGoesOutWithItsUnitOrNotAtAll() {
        fillIn();
        assertThat(editor.request().throttle()).isEqualTo(Throttle.OFF);

        editor.throttleEnabledProperty().set(true);
        editor.throttleValueProperty().set(512);
        editor.throttleUnitProperty().set(ThrottleUnit.KBYTE_PER_SEC);
        assertThat(editor.request().throttle()).isEqualTo(new Throttle(true, 512, ThrottleUnit.KBYTE_PER_SEC));
        assertThat(ThrottleUnits.describe(editor.request().throttle())).isEqualTo("512 KB/s");
        assertThat(ThrottleUnits.describe(new Throttle(true, 50, ThrottleUnit.MBYTE_PER_SEC))).isEqualTo("50 MB/s");
        assertThat(ThrottleUnits.describe(new Throttle(true, 100, ThrottleUnit.MBIT_PER_SEC))).isEqualTo("100 Mbit/s");
        assertThat(ThrottleUnits.describe(Throttle.OFF)).isEmpty();

        editor.throttleValueProperty().set(0);
        assertThat(editor.fieldError(TrafficRuleEditorViewModel.THROTTLE).get()).contains("from 1 to 1000000");
        editor.throttleEnabledProperty().set(false);
        assertThat(editor.validProperty().get()).isTrue();
    }

    @Test
    void theGridMapsToTheScheduleAndBack() {
        fillIn();
        assertThat(editor.request().schedule()).isEqualTo(TrafficSchedule.ALWAYS);

        editor.alwaysProperty().set(false);
        editor.hours().setAll(false);
        for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY)) {
            OFFICE_HOURS.forEach(hour -> editor.hours().hour(day, hour).set(true));
        }
        editor.hours().hour(DayOfWeek.SUNDAY, 23).set(true);

        TrafficSchedule schedule = editor.request().schedule();
        assertThat(schedule.always()).isFalse();
        assertThat(schedule.activeHours()).containsOnlyKeys(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
                DayOfWeek.THURSDAY, DayOfWeek.FRIDAY, DayOfWeek.SUNDAY);
        assertThat(schedule.activeHours().get(DayOfWeek.FRIDAY)).containsExactlyElementsOf(OFFICE_HOURS.stream().sorted().toList());
        assertThat(schedule.activeHours().get(DayOfWeek.SUNDAY)).containsExactly(23);
        assertThat(ScheduleSummary.describe(schedule)).isEqualTo("Mon–Fri 08:00–18:00; Sun 23:00–24:00");

        WeeklyHours shown = new WeeklyHours();
        shown.load(schedule);
        assertThat(shown.activeHours()).isEqualTo(schedule.activeHours());
        assertThat(shown.activeCountProperty().get()).isEqualTo(51);
        shown.load(TrafficSchedule.ALWAYS);
        assertThat(shown.activeCountProperty().get()).isEqualTo(7 * 24);
        assertThat(ScheduleSummary.describe(TrafficSchedule.ALWAYS)).isEqualTo("Always");
        assertThat(ScheduleSummary.describe(new TrafficSchedule(false, Map.of(DayOfWeek.SATURDAY, shown.activeHours()
                .get(DayOfWeek.SATURDAY), DayOfWeek.SUNDAY, Set.of(1, 2, 5))))).isEqualTo("Sat all day; Sun 01:00–03:00, 05:00–06:00");
    }

    @Test
    void anExistingRuleOpensAsItWasSaved() {
        TrafficRuleView rule = new TrafficRuleView(UUID.randomUUID(), "Nights", "any", "public", true,
                new Throttle(true, 20, ThrottleUnit.MBYTE_PER_SEC),
                new TrafficSchedule(false, Map.of(DayOfWeek.SATURDAY, Set.of(0, 1))), Instant.EPOCH, Instant.EPOCH);
        TrafficRuleEditorViewModel existing = new TrafficRuleEditorViewModel(engine, new CurrentThreadTaskExecutor(), rule);

        assertThat(existing.targetAnyPublicProperty().get()).isTrue();
        assertThat(existing.alwaysProperty().get()).isFalse();
        assertThat(existing.hours().hour(DayOfWeek.SATURDAY, 1).get()).isTrue();
        assertThat(existing.hours().hour(DayOfWeek.SATURDAY, 2).get()).isFalse();
        assertThat(existing.request()).isEqualTo(new TrafficRuleRequest("Nights", "any", "public", true,
                rule.throttle(), rule.schedule()));
    }

    @Test
    void theEnginesFieldErrorsStandBesideTheirFieldsUntilEdited() {
        fillIn();
        engine.refusal = new EngineRefusedException(new ApiError(400, "Bad Request", "The request has errors.",
                Map.of("targetRange", "'192.168.50.1-192.168.50.20' goes from a later to an earlier address")));
        List<TrafficRuleView> saved = new ArrayList<>();

        editor.save(saved::add);

        assertThat(saved).isEmpty();
        assertThat(editor.saveErrorProperty().get()).isEqualTo("The request has errors.");
        assertThat(editor.fieldError(TrafficRuleEditorViewModel.TARGET).get()).startsWith("Target range: '192.168");
        assertThat(editor.validProperty().get()).isFalse();

        editor.targetRangeProperty().set("192.168.50.0/24");
        assertThat(editor.validProperty().get()).isTrue();
        engine.refusal = null;
        editor.save(saved::add);
        assertThat(saved).singleElement().extracting(TrafficRuleView::targetRange).isEqualTo("192.168.50.0/24");
    }
}
