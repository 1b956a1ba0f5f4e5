package io.bulwark.console.jobs;

import atlantafx.base.theme.Styles;
import io.bulwark.console.common.DetailsGrid;
import io.bulwark.console.common.DialogService;
import io.bulwark.console.common.FormGrid;
import io.bulwark.console.common.Formats;
import io.bulwark.console.inventory.InventoryItem;
import io.bulwark.console.inventory.InventoryTree;
import io.bulwark.console.wizard.WizardPage;
import io.bulwark.protocol.jobs.JobView;
import io.bulwark.protocol.jobs.RetentionUnit;
import io.bulwark.protocol.jobs.ScheduleKind;
import io.bulwark.protocol.proxies.ProxyView;
import java.time.DayOfWeek;
import java.time.format.TextStyle;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.event.ActionEvent;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.CheckBoxTreeItem;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.control.cell.CheckBoxListCell;
import javafx.scene.control.cell.CheckBoxTreeCell;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.controlsfx.dialog.Wizard;

/**
 * The New Backup Job wizard's pages (and Edit's): Name, Virtual Machines, Storage, Schedule,
 * Summary. Thin: every value and rule is {@link JobWizardViewModel}'s.
 */
public final class JobWizard {
    private static final double PAGE_WIDTH = 900;
    private static final double PAGE_HEIGHT = 620;

    private final JobWizardViewModel viewModel;
    private final DialogService dialogs;

    private JobWizard(JobWizardViewModel viewModel, DialogService dialogs) {
        this.viewModel = viewModel;
        this.dialogs = dialogs;
    }

    /**
     * Runs the wizard; the job it saved, if the admin got to Finish.
     *
     * @param start runs the saved job when the admin ticked "Run the job when I click Finish"
     */
    public static Optional<JobView> show(JobWizardViewModel viewModel, DialogService dialogs, Consumer<JobView> start) {
        JobWizard wizard = new JobWizard(viewModel, dialogs);
        viewModel.load();
        String title = viewModel.editing() ? "Edit Backup Job " + viewModel.nameProperty().get() : "New Backup Job";
        List<WizardPage> pages = List.of(wizard.namePage(), wizard.vmsPage(), wizard.storagePage(),
                wizard.schedulePage(), wizard.summaryPage(start));
        // Wider than the infrastructure wizards: the VM picker shows the inventory and the chosen VMs side by side.
        pages.forEach(page -> {
            page.setMinSize(PAGE_WIDTH, PAGE_HEIGHT);
            page.setPrefSize(PAGE_WIDTH, PAGE_HEIGHT);
        });
        dialogs.showWizardAndWait(title, new Wizard.LinearFlow(pages.toArray(WizardPage[]::new)));
        return Optional.ofNullable(viewModel.savedProperty().get());
    }

    // --- Name ------------------------------------------------------------------------------------------

    private WizardPage namePage() {
        TextField name = new TextField();
        name.setId("job-name");
        name.setPromptText("Nightly backup");
        name.textProperty().bindBidirectional(viewModel.nameProperty());
        TextArea description = new TextArea();
        description.setId("job-description");
        description.setPrefRowCount(4);
        description.setWrapText(true);
        description.textProperty().bindBidirectional(viewModel.descriptionProperty());
        GridPane form = FormGrid.of(120);
        field(form, 0, "Name:", name, "name");
        field(form, 2, "Description:", description, "description");
        return new WizardPage("job-name-page", "Name: type a name and a description for the job", form,
                viewModel.problem(JobWizardStep.NAME));
    }

    // --- Virtual Machines -------------------------------------------------------------------------------

    private WizardPage vmsPage() {
        TreeView<InventoryItem> tree = new TreeView<>();
        tree.setId("job-inventory");
        tree.setShowRoot(false);
        tree.setPrefWidth(340);
        Map<String, CheckBoxTreeItem<InventoryItem>> vmItems = new HashMap<>();
        tree.setCellFactory(view -> new CheckBoxTreeCell<>(item -> item instanceof CheckBoxTreeItem<InventoryItem> box
                ? box.selectedProperty() : null, new StringConverter<>() {
                    @Override
                    public String toString(TreeItem<InventoryItem> item) {
                        InventoryItem line = item.getValue();
                        return line instanceof InventoryItem.Vm vm ? vm.name() + " (" + Formats.bytes(vm.capacityBytes())
                                + (vm.vm().power() == io.bulwark.protocol.inventory.VmPower.RUNNING ? ", running" : "")
                                + ")" : line.name();
                    }

                    @Override
                    public TreeItem<InventoryItem> fromString(String text) {
                        throw new UnsupportedOperationException();
                    }
                }));
        viewModel.inventoryProperty().subscribe(trees -> {
            vmItems.clear();
            CheckBoxTreeItem<InventoryItem> root = new CheckBoxTreeItem<>();
            trees.forEach(host -> root.getChildren().add(treeItem(host, host.item().name(), vmItems)));
            tree.setRoot(root);
        });
        // A VM removed from the list on the right is unticked in the tree.
        viewModel.chosen().addListener((ListChangeListener<ChosenVm>) change -> vmItems.forEach((reference, item) ->
                item.setSelected(viewModel.isChosen(reference))));

        TableView<ChosenVm> chosen = new TableView<>(viewModel.chosen());
        chosen.setId("job-vms");
        chosen.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        chosen.getColumns().addAll(List.of(
                column("Name", 140, ChosenVm::name),
                column("Host", 110, ChosenVm::hostName),
                column("Size", 80, vm -> vm.inInventory() ? Formats.bytes(vm.sizeBytes()) : "not in the inventory"),
                column("Excluded disks", 110, ChosenVm::excludedText)));
        Label placeholder = new Label("Tick the VMs to back up in the inventory.");
        placeholder.setWrapText(true);
        chosen.setPlaceholder(placeholder);
        Button exclude = new Button("Exclude disks…");
        exclude.setId("job-exclude-disks");
        exclude.disableProperty().bind(Bindings.createBooleanBinding(() -> {
            ChosenVm vm = chosen.getSelectionModel().getSelectedItem();
            return vm == null || !vm.inInventory();
        }, chosen.getSelectionModel().selectedItemProperty()));
        exclude.setOnAction(event -> {
            ChosenVm vm = chosen.getSelectionModel().getSelectedItem();
            dialogs.showCustomDialogAndWait(new ExcludeDisksDialog(vm)).ifPresent(disks -> viewModel.exclude(vm, disks));
        });
        Button remove = new Button("Remove");
        remove.setId("job-remove-vm");
        remove.disableProperty().bind(chosen.getSelectionModel().selectedItemProperty().isNull());
        remove.setOnAction(event -> viewModel.remove(chosen.getSelectionModel().getSelectedItem()));
        Label total = new Label();
        total.setId("job-total-size");
        total.textProperty().bind(viewModel.totalSize());
        Label message = muted(new Label());
        message.setWrapText(true);
        message.textProperty().bind(viewModel.inventoryMessageProperty());

        VBox.setVgrow(chosen, Priority.ALWAYS);
        Label running = new Label();
        running.setId("job-running-notice");
        running.getStyleClass().add(Styles.WARNING);
        running.setWrapText(true);
        running.textProperty().bind(viewModel.runningNotice());
        running.visibleProperty().bind(viewModel.runningNotice().isNotNull());
        running.managedProperty().bind(running.visibleProperty());
        VBox right = new VBox(6, new Label("Virtual machines to back up:"), chosen, row(exclude, remove), total, running);
        VBox.setVgrow(tree, Priority.ALWAYS);
        VBox left = new VBox(6, new Label("Inventory:"), tree, message);
        HBox.setHgrow(right, Priority.ALWAYS);
        HBox content = new HBox(12, left, right);
        return new WizardPage("job-vms-page", "Virtual Machines: choose the VMs to back up", content,
                viewModel.problem(JobWizardStep.VIRTUAL_MACHINES));
    }

    private CheckBoxTreeItem<InventoryItem> treeItem(InventoryTree tree, String hostName,
                                                     Map<String, CheckBoxTreeItem<InventoryItem>> vmItems) {
        CheckBoxTreeItem<InventoryItem> item = new CheckBoxTreeItem<>(tree.item());
        item.setExpanded(true);
        if (tree.item() instanceof InventoryItem.Vm vm) {
            // The disks are chosen with Exclude disks…, not in the tree.
            item.setSelected(viewModel.isChosen(vm.key()));
            item.selectedProperty().addListener((observable, was, on) -> viewModel.choose(vm.vm(), hostName, on));
            vmItems.put(vm.key(), item);
            return item;
        }
        tree.children().forEach(child -> item.getChildren().add(treeItem(child, hostName, vmItems)));
        return item;
    }

    // --- Storage ----------------------------------------------------------------------------------------

    private WizardPage storagePage() {
        ComboBox<RepositoryChoice> repository = new ComboBox<>(viewModel.repositories());
        repository.setId("job-repository");
        repository.setMaxWidth(Double.MAX_VALUE);
        repository.valueProperty().bindBidirectional(viewModel.repositoryProperty());
        repository.setConverter(converter(choice -> choice.label()));

        ToggleGroup proxyMode = new ToggleGroup();
        RadioButton automatic = new RadioButton("Automatic selection");
        automatic.setId("job-proxy-automatic");
        automatic.setToggleGroup(proxyMode);
        RadioButton selected = new RadioButton("Use the selected backup proxies only:");
        selected.setId("job-proxy-selected");
        selected.setToggleGroup(proxyMode);
        automatic.setSelected(viewModel.automaticProxyProperty().get());
        selected.setSelected(!viewModel.automaticProxyProperty().get());
        automatic.selectedProperty().subscribe(on -> viewModel.automaticProxyProperty().set(on));
        viewModel.automaticProxyProperty().subscribe(on -> (on ? automatic : selected).setSelected(true));
        ListView<ProxyView> proxies = new ListView<>(viewModel.proxies());
        proxies.setId("job-proxies");
        // Four lines before it scrolls: the built-in proxy and the first few others all show. At 90
        // (two lines in the theme's cells) a site's second proxy was hidden below the fold, though
        // the page has the room.
        proxies.setPrefHeight(175);
        proxies.setCellFactory(CheckBoxListCell.forListView(proxy -> viewModel.proxyChosen(proxy.id()),
                converter(proxy -> proxy.name() + " (" + proxy.transportMode().title() + ", "
                        + proxy.maxConcurrentTasks() + " tasks)")));
        proxies.disableProperty().bind(viewModel.automaticProxyProperty());

        TextField retention = new TextField();
        retention.setId("job-retention");
        retention.setPrefColumnCount(5);
        retention.textProperty().bindBidirectional(viewModel.retentionValueProperty());
        ComboBox<RetentionUnit> unit = new ComboBox<>();
        unit.setId("job-retention-unit");
        unit.getItems().setAll(RetentionUnit.values());
        unit.valueProperty().bindBidirectional(viewModel.retentionUnitProperty());
        unit.setConverter(converter(value -> value == RetentionUnit.DAYS ? "days" : "restore points"));

        Label advancedShown = muted(new Label());
        advancedShown.setId("job-advanced-shown");
        advancedShown.setWrapText(true);
        advancedShown.textProperty().bind(Bindings.createStringBinding(viewModel::advancedText,
                viewModel.compressionProperty(), viewModel.blockSizeProperty(), viewModel.healthCheckProperty(),
                viewModel.healthCheckKindProperty(), viewModel.healthCheckTimeProperty(),
                viewModel.healthCheckDayOfMonthProperty(), viewModel.healthCheckWeekdayProperty(),
                viewModel.encryptProperty()));
        Button advanced = new Button("Advanced…");
        advanced.setId("job-advanced");
        advanced.setOnAction(event -> {
            JobWizardViewModel.AdvancedValues before = viewModel.advancedValues();
            if (dialogs.showCustomDialogAndWait(new AdvancedStorageDialog(viewModel)).isEmpty()) {
                viewModel.restore(before);
            }
        });
        Label message = new Label();
        message.getStyleClass().add(Styles.DANGER);
        message.textProperty().bind(viewModel.storageMessageProperty());

        GridPane form = FormGrid.of(150);
        form.setVgap(6);
        field(form, 0, "Backup repository:", repository, "repositoryId");
        form.add(new Label("Backup proxy:"), 0, 2);
        form.add(new VBox(4, automatic, selected, proxies), 1, 2);
        form.add(FormGrid.fieldError(viewModel.fieldError("storage.proxyIds")), 1, 3);
        form.add(new Label("Retention policy:"), 0, 4);
        form.add(JobWizard.row(new Label("Keep"), retention, unit), 1, 4);
        form.add(FormGrid.fieldError(viewModel.fieldError("retention")), 1, 5);
        form.add(new Label("Storage:"), 0, 6);
        HBox.setHgrow(advancedShown, Priority.ALWAYS);
        form.add(JobWizard.row(advancedShown, advanced), 1, 6);
        form.add(FormGrid.fieldError(viewModel.fieldError("storage.blockSize")), 1, 7);
        form.add(FormGrid.fieldError(viewModel.fieldError("storage.healthCheck")), 1, 8);
        form.add(FormGrid.fieldError(viewModel.fieldError("encryption")), 1, 9);
        return new WizardPage("job-storage-page", "Storage: where the backups go, through which proxies, and for how long",
                new VBox(8, form, message), viewModel.problem(JobWizardStep.STORAGE));
    }

    // --- Schedule ---------------------------------------------------------------------------------------

    private WizardPage schedulePage() {
        ToggleGroup kinds = new ToggleGroup();
        Map<ScheduleKind, RadioButton> radios = new HashMap<>();
        for (ScheduleKind kind : ScheduleKind.values()) {
            RadioButton radio = new RadioButton(switch (kind) {
                case MANUAL -> "Run the job manually only";
                case DAILY -> "Daily at";
                case MONTHLY -> "Monthly at";
                case PERIODIC -> "Periodically every";
                case AFTER_JOB -> "After this job:";
            });
            radio.setId("job-schedule-" + kind.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            radio.setToggleGroup(kinds);
            radio.selectedProperty().subscribe(on -> {
                if (on) {
                    viewModel.scheduleKindProperty().set(kind);
                }
            });
            radios.put(kind, radio);
        }
        viewModel.scheduleKindProperty().subscribe(kind -> radios.get(kind).setSelected(true));

        TextField dailyTime = timeField("job-time");
        HBox days = new HBox(6);
        for (DayOfWeek day : DayOfWeek.values()) {
            CheckBox box = new CheckBox(day.getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
            box.setId("job-day-" + day);
            box.selectedProperty().bindBidirectional(viewModel.dayProperty(day));
            days.getChildren().add(box);
        }
        days.disableProperty().bind(viewModel.scheduleKindProperty().isNotEqualTo(ScheduleKind.DAILY));
        TextField monthlyTime = timeField("job-monthly-time");
        TextField dayOfMonth = new TextField();
        dayOfMonth.setId("job-day-of-month");
        dayOfMonth.setPrefColumnCount(3);
        dayOfMonth.textProperty().bindBidirectional(viewModel.dayOfMonthProperty());
        TextField hours = new TextField();
        hours.setId("job-every-hours");
        hours.setPrefColumnCount(4);
        hours.textProperty().bindBidirectional(viewModel.everyHoursProperty());
        ComboBox<JobView> after = new ComboBox<>(viewModel.otherJobs());
        after.setId("job-after-job");
        after.valueProperty().bindBidirectional(viewModel.afterJobProperty());
        after.setConverter(converter(JobView::name));
        after.setPrefWidth(260);
        enableFor(ScheduleKind.DAILY, dailyTime);
        enableFor(ScheduleKind.MONTHLY, monthlyTime, dayOfMonth);
        enableFor(ScheduleKind.PERIODIC, hours);
        enableFor(ScheduleKind.AFTER_JOB, after);

        GridPane when = new GridPane(10, 6);
        when.add(radios.get(ScheduleKind.MANUAL), 0, 0, 2, 1);
        when.addRow(1, radios.get(ScheduleKind.DAILY), JobWizard.row(dailyTime, new Label("on"), days));
        when.addRow(2, radios.get(ScheduleKind.MONTHLY), JobWizard.row(monthlyTime, new Label("on day"), dayOfMonth,
                muted(new Label("(a shorter month runs on its last day)"))));
        when.addRow(3, radios.get(ScheduleKind.PERIODIC), JobWizard.row(hours, new Label("hours")));
        when.addRow(4, radios.get(ScheduleKind.AFTER_JOB), after);
        Label scheduleError = FormGrid.fieldError(viewModel.fieldError("schedule"));

        CheckBox retry = new CheckBox("Retry failed VMs");
        retry.setId("job-retry");
        retry.selectedProperty().bindBidirectional(viewModel.retryProperty());
        TextField retryCount = small("job-retry-count", viewModel.retryCountProperty());
        TextField retryWait = small("job-retry-wait", viewModel.retryWaitProperty());
        retryCount.disableProperty().bind(viewModel.retryProperty().not());
        retryWait.disableProperty().bind(viewModel.retryProperty().not());
        HBox retries = JobWizard.row(retry, retryCount, new Label("times, waiting"), retryWait,
                new Label("minutes before each retry"));

        CheckBox window = new CheckBox("Run only within the backup window (a run still going when it closes is stopped)");
        window.setId("job-window");
        window.selectedProperty().bindBidirectional(viewModel.windowEnabledProperty());
        Button windowEdit = new Button("Window…");
        windowEdit.setId("job-window-edit");
        windowEdit.disableProperty().bind(viewModel.windowEnabledProperty().not());
        windowEdit.setOnAction(event -> dialogs.showCustomDialogAndWait(new BackupWindowDialog(viewModel.window())));
        HBox windowRow = JobWizard.row(window, windowEdit);
        VBox automatic = new VBox(8, retries, windowRow, muted(new Label("Runs started by hand are never retried.")));
        automatic.disableProperty().bind(viewModel.scheduleKindProperty().isEqualTo(ScheduleKind.MANUAL));

        return new WizardPage("job-schedule-page", "Schedule: when the job runs, its retries and its backup window",
                new VBox(12, when, scheduleError, automatic), viewModel.problem(JobWizardStep.SCHEDULE));
    }

    private TextField timeField(String id) {
        TextField field = new TextField();
        field.setId(id);
        field.setPrefColumnCount(5);
        field.setPromptText("22:00");
        field.textProperty().bindBidirectional(viewModel.timeProperty());
        return field;
    }

    private void enableFor(ScheduleKind kind, Node... nodes) {
        for (Node node : nodes) {
            node.disableProperty().bind(viewModel.scheduleKindProperty().isNotEqualTo(kind));
        }
    }

    // --- Summary ----------------------------------------------------------------------------------------

    private WizardPage summaryPage(Consumer<JobView> start) {
        GridPane details = DetailsGrid.of(List.of());
        details.setId("job-summary");
        CheckBox run = new CheckBox("Run the job when I click Finish");
        run.setId("job-run-now");
        run.selectedProperty().bindBidirectional(viewModel.runAfterFinishProperty());
        Label refusal = new Label();
        refusal.setId("job-refusal");
        refusal.getStyleClass().add(Styles.DANGER);
        refusal.setWrapText(true);
        refusal.textProperty().bind(viewModel.refusalProperty());
        WizardPage page = new WizardPage("job-summary-page", "Summary: Finish " + (viewModel.editing()
                ? "saves the job" : "adds the job"), new VBox(12, details, run, refusal),
                viewModel.problem(JobWizardStep.SUMMARY)) {
            private boolean finishHooked;

            @Override
            public void onEnteringPage(Wizard wizard) {
                super.onEnteringPage(wizard);
                hookFinish(this);
            }

            /** Finish saves first; the wizard closes only when the engine took the job. */
            private void hookFinish(WizardPage self) {
                if (finishHooked) {
                    return;
                }
                Node finish = self.lookupButton(ButtonType.FINISH);
                if (finish == null) {
                    return;
                }
                finishHooked = true;
                finish.addEventFilter(ActionEvent.ACTION, event -> {
                    if (viewModel.savedProperty().get() == null) {
                        event.consume();
                        viewModel.finish(saved -> ((Button) finish).fire(), start);
                    }
                });
            }
        };
        return page.busyWhile(viewModel.savingProperty())
                .onEnter(() -> DetailsGrid.fill(details, viewModel.summary()));
    }

    // --- helpers ----------------------------------------------------------------------------------------

    /** A labelled input, and under it the engine's complaint about the field while it stands (two rows). */
    private void field(GridPane form, int row, String label, Node input, String field) {
        Label caption = new Label(label);
        caption.setLabelFor(input);
        form.add(caption, 0, row);
        form.add(input, 1, row);
        Label error = FormGrid.fieldError(viewModel.fieldError(field));
        error.setId("error-" + field);
        form.add(error, 1, row + 1);
    }

    private static TextField small(String id, javafx.beans.property.StringProperty value) {
        TextField field = new TextField();
        field.setId(id);
        field.setPrefColumnCount(4);
        field.textProperty().bindBidirectional(value);
        return field;
    }

    private static <T> TableColumn<T, String> column(String title, double width, Function<T, String> value) {
        TableColumn<T, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return column;
    }

    static <T> StringConverter<T> converter(Function<T, String> text) {
        return new StringConverter<>() {
            @Override
            public String toString(T value) {
                return value == null ? "" : text.apply(value);
            }

            @Override
            public T fromString(String string) {
                throw new UnsupportedOperationException();
            }
        };
    }

    /** Controls side by side, on one line with their labels. */
    static HBox row(Node... nodes) {
        HBox row = new HBox(6, nodes);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    static Label muted(Label label) {
        label.getStyleClass().add(Styles.TEXT_MUTED);
        return label;
    }
}
