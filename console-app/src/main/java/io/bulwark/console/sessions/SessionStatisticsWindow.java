package io.bulwark.console.sessions;

import atlantafx.base.theme.Styles;
import io.bulwark.console.common.ConsoleTheme;
import io.bulwark.protocol.sessions.SessionState;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableIntegerValue;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import java.util.function.Function;

/**
 * The session statistics window: a window of its own, not modal, so that an admin keeps several
 * sessions open beside the console while they run. Thin: it lays out and binds what
 * {@link SessionStatisticsViewModel} holds.
 */
public final class SessionStatisticsWindow {
    private final SessionStatisticsViewModel viewModel;
    private final Stage stage = new Stage();

    public SessionStatisticsWindow(SessionStatisticsViewModel viewModel) {
        this.viewModel = viewModel;
        VBox root = new VBox(12, header(), summary(), loads(), chart(), vmsAndLog());
        root.setId("session-statistics");
        root.setPadding(new Insets(16));
        stage.titleProperty().bind(viewModel.jobNameProperty().map(name -> name.isEmpty()
                ? "Session statistics" : name + " — Session statistics"));
        ConsoleTheme.apply(stage, new Scene(root, 980, 760));
        stage.setOnHidden(event -> viewModel.close());
    }

    public void show() {
        stage.show();
        viewModel.follow();
    }

    public void toFront() {
        stage.toFront();
        stage.requestFocus();
    }

    public void close() {
        stage.close();
    }

    /** Runs once the window is gone, however it went. */
    public void onClosed(Runnable action) {
        stage.addEventHandler(javafx.stage.WindowEvent.WINDOW_HIDDEN, event -> action.run());
    }

    private Node header() {
        Label job = new Label();
        job.setId("statistics-job");
        job.getStyleClass().add(Styles.TITLE_3);
        job.textProperty().bind(viewModel.jobNameProperty());
        Label state = new Label();
        state.setId("statistics-state");
        state.getStyleClass().add(Styles.TITLE_4);
        state.textProperty().bind(viewModel.stateTextProperty());
        viewModel.stateProperty().subscribe(value -> {
            state.getStyleClass().removeAll(Styles.SUCCESS, Styles.WARNING, Styles.DANGER, Styles.ACCENT);
            state.getStyleClass().add(stateStyle(value));
        });
        ProgressBar progress = new ProgressBar();
        progress.setId("statistics-progress");
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.progressProperty().bind(viewModel.progressProperty());
        HBox.setHgrow(progress, Priority.ALWAYS);
        Label percent = new Label();
        percent.setId("statistics-progress-text");
        percent.textProperty().bind(viewModel.progressTextProperty());
        Label message = muted(new Label());
        message.setId("statistics-message");
        message.setWrapText(true);
        message.textProperty().bind(viewModel.messageProperty());
        Label problem = new Label();
        problem.setId("statistics-problem");
        problem.getStyleClass().add(Styles.DANGER);
        problem.textProperty().bind(viewModel.problemProperty());
        showOnlyWithText(problem);
        showOnlyWithText(message);
        HBox title = new HBox(12, job, state);
        title.setAlignment(Pos.BASELINE_LEFT);
        HBox bar = new HBox(10, progress, percent);
        bar.setAlignment(Pos.CENTER_LEFT);
        return new VBox(6, title, bar, message, problem);
    }

    /** Veeam's three columns: Summary, Data, Status. */
    private Node summary() {
        GridPane grid = new GridPane();
        grid.setHgap(14);
        grid.setVgap(4);
        column(grid, 0, "Summary",
                "Duration:", "statistics-duration", viewModel.durationProperty(),
                "Processing rate:", "statistics-rate", viewModel.processingRateProperty(),
                "Bottleneck:", "statistics-bottleneck", viewModel.bottleneckProperty().map(b -> b.isEmpty() ? "—" : b));
        column(grid, 2, "Data",
                "Processed:", "statistics-processed", viewModel.processedProperty(),
                "Read:", "statistics-read", viewModel.readProperty(),
                "Transferred:", "statistics-transferred", viewModel.transferredProperty());
        column(grid, 4, "Status",
                "Success:", "statistics-success", viewModel.successProperty().asString(),
                "Warnings:", "statistics-warnings", viewModel.warningsProperty().asString(),
                "Errors:", "statistics-errors", viewModel.errorsProperty().asString());
        return grid;
    }

    private static void column(GridPane grid, int column, String title, Object... rows) {
        Label heading = new Label(title);
        heading.getStyleClass().add(Styles.TEXT_BOLD);
        grid.add(heading, column, 0, 2, 1);
        for (int i = 0; i < rows.length; i += 3) {
            Label value = new Label();
            value.setId((String) rows[i + 1]);
            @SuppressWarnings("unchecked")
            ObservableValue<String> text = (ObservableValue<String>) rows[i + 2];
            value.textProperty().bind(text);
            value.setMinWidth(140);
            grid.add(muted(new Label((String) rows[i])), column, 1 + i / 3);
            grid.add(value, column + 1, 1 + i / 3);
        }
    }

    /** How busy each stage was; the busiest is the bottleneck. */
    private Node loads() {
        HBox loads = new HBox(16,
                load("Source", "statistics-load-source", viewModel.sourceLoadProperty()),
                load("Proxy", "statistics-load-proxy", viewModel.proxyLoadProperty()),
                load("Network", "statistics-load-network", viewModel.networkLoadProperty()),
                load("Target", "statistics-load-target", viewModel.targetLoadProperty()));
        loads.setAlignment(Pos.CENTER_LEFT);
        Tooltip.install(loads, new Tooltip("How much of the time each stage of the data path was busy. "
                + "The busiest one is the bottleneck: the others wait for it."));
        return loads;
    }

    private static Node load(String stage, String id, ObservableIntegerValue percent) {
        Label caption = muted(new Label(stage));
        ProgressBar bar = new ProgressBar();
        bar.setPrefWidth(120);
        bar.progressProperty().bind(Bindings.createDoubleBinding(() -> percent.get() / 100.0, percent));
        Label value = new Label();
        value.setId(id);
        value.textProperty().bind(Bindings.createStringBinding(() -> percent.get() + " %", percent));
        HBox box = new HBox(6, caption, bar, value);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private Node chart() {
        NumberAxis time = new NumberAxis();
        time.setLabel("seconds");
        time.setForceZeroInRange(true);
        NumberAxis rate = new NumberAxis();
        rate.setLabel("MiB/s");
        LineChart<Number, Number> chart = new LineChart<>(time, rate);
        chart.setId("statistics-chart");
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setPrefHeight(200);
        chart.setMinHeight(160);
        XYChart.Series<Number, Number> read = new XYChart.Series<>();
        read.setName("Read");
        XYChart.Series<Number, Number> transferred = new XYChart.Series<>();
        transferred.setName("Transferred");
        chart.getData().addAll(read, transferred);
        ListChangeListener<RatePoint> update = change -> {
            read.getData().setAll(points(RatePoint::readMibPerSecond));
            transferred.getData().setAll(points(RatePoint::transferredMibPerSecond));
        };
        viewModel.throughput().addListener(update);
        update.onChanged(null);
        return chart;
    }

    private java.util.List<XYChart.Data<Number, Number>> points(Function<RatePoint, Double> value) {
        return viewModel.throughput().stream()
                .map(point -> new XYChart.Data<Number, Number>(point.second(), value.apply(point))).toList();
    }

    private Node vmsAndLog() {
        TableView<VmRow> table = new TableView<>(viewModel.vms());
        table.setId("statistics-vms");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("Name", 150, VmRow::name));
        TableColumn<VmRow, String> status = column("Status", 90, VmRow::status);
        status.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                VmRow row = empty ? null : getTableRow().getItem();
                setText(empty ? null : text);
                setTooltip(row == null || row.reason().isEmpty() ? null : new Tooltip(row.reason()));
            }
        });
        table.getColumns().add(status);
        table.getColumns().add(column("Duration", 80, VmRow::duration));
        table.getColumns().add(column("Processed", 200, VmRow::progress));
        table.getSelectionModel().selectedItemProperty().subscribe(row -> {
            if (row != null) {
                viewModel.selectedVmProperty().set(row);
            }
        });
        viewModel.selectedVmProperty().subscribe(row -> {
            if (row != null && !row.equals(table.getSelectionModel().getSelectedItem())) {
                table.getSelectionModel().select(row);
            }
        });
        table.setPlaceholder(new Label("No VMs in this session yet."));

        Label reason = new Label();
        reason.setId("statistics-vm-reason");
        reason.setWrapText(true);
        reason.getStyleClass().add(Styles.DANGER);
        reason.textProperty().bind(viewModel.vmReasonProperty());
        showOnlyWithText(reason);
        ListView<String> log = new ListView<>(viewModel.vmLog());
        log.setId("statistics-vm-log");
        log.setPlaceholder(new Label("Choose a VM to see its log."));
        VBox.setVgrow(log, Priority.ALWAYS);
        VBox right = new VBox(6, reason, log);

        SplitPane split = new SplitPane(table, right);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.5);
        VBox.setVgrow(split, Priority.ALWAYS);
        split.setMinHeight(Region.USE_PREF_SIZE);
        split.setPrefHeight(220);
        return split;
    }

    private static TableColumn<VmRow, String> column(String title, double width, Function<VmRow, String> value) {
        TableColumn<VmRow, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new javafx.beans.property.ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return column;
    }

    private static String stateStyle(SessionState state) {
        if (state == null) {
            return Styles.ACCENT;
        }
        return switch (state) {
            case RUNNING -> Styles.ACCENT;
            case SUCCESS -> Styles.SUCCESS;
            case WARNING, STOPPED -> Styles.WARNING;
            case FAILED -> Styles.DANGER;
        };
    }

    private static void showOnlyWithText(Label label) {
        label.visibleProperty().bind(label.textProperty().isNotEmpty());
        label.managedProperty().bind(label.visibleProperty());
    }

    private static Label muted(Label label) {
        label.getStyleClass().add(Styles.TEXT_MUTED);
        return label;
    }
}
