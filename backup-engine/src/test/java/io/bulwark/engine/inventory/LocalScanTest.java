package io.bulwark.engine.inventory;

import io.bulwark.engine.testing.QemuImages;
import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.ssh.CommandResult;
import io.bulwark.engine.ssh.ShellQuoting;
import io.bulwark.protocol.inventory.DiskFormat;
import io.bulwark.protocol.inventory.InventoryDatastore;
import io.bulwark.protocol.inventory.InventoryDisk;
import io.bulwark.protocol.inventory.InventoryVm;
import io.bulwark.protocol.inventory.ScanState;
import io.bulwark.protocol.inventory.VmPower;
import io.bulwark.protocol.inventory.VmReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scan script run for real on this machine (the way the engine scans its own server), on
 * images made with qemu-img, through the parser and the assembler: no engine, no SSH.
 */
class LocalScanTest {
    private static final UUID HOST = UUID.randomUUID();
    private static final long MIB = 1024 * 1024;

    @TempDir
    Path temp;

    @Test
    void findsVmsTheirDisksSizesFormatsAndBitmaps() throws Exception {
        Path store = temp.resolve("vm store");
        Path web = store.resolve("web 01");
        Path system = QemuImages.create(web.resolve("system disk.qcow2"), "qcow2", "64M", "b1", "nightly 2");
        Path data = QemuImages.create(web.resolve("data.raw"), "raw", "32M");
        QemuImages.create(web.resolve("old copy.qcow2"), "qcow2", "16M");
        QemuImages.domainXml(web.resolve("web-server.xml"), "web server",
                List.of(new String[] {"vda", system.toString()}, new String[] {"vdb", data.toString()},
                        new String[] {"vdc", web.resolve("gone.qcow2").toString()}));
        QemuImages.create(store.resolve("db").resolve("db.img"), "raw", "8M");
        Files.createDirectories(store.resolve("iso library"));
        Files.writeString(store.resolve("iso library").resolve("debian.iso"), "not a disk");

        ScanOutcome outcome = scan(List.of(store.toString()));

        assertThat(outcome.warnings()).isEmpty();
        assertThat(outcome.state()).isEqualTo(ScanState.OK);
        InventoryDatastore datastore = outcome.datastores().getFirst();
        assertThat(datastore.reachable()).isTrue();
        assertThat(datastore.freeBytes()).isPositive();
        assertThat(datastore.vms()).extracting(InventoryVm::name).containsExactly("db", "web server");

        InventoryVm vm = datastore.vms().get(1);
        assertThat(vm.reference()).isEqualTo(new VmReference(HOST, web.toString()).toString());
        assertThat(vm.folder()).isEqualTo(web.toString());
        assertThat(vm.power()).isEqualTo(VmPower.STOPPED);
        assertThat(vm.disks()).extracting(InventoryDisk::name).as("only the disks the domain XML attaches, that exist")
                .containsExactly("vda", "vdb");
        InventoryDisk vda = vm.disks().get(0);
        assertThat(vda.path()).isEqualTo(system.toString());
        assertThat(vda.format()).isEqualTo(DiskFormat.QCOW2);
        assertThat(vda.capacityBytes()).isEqualTo(64 * MIB);
        assertThat(vda.allocatedBytes()).isPositive().isLessThan(64 * MIB);
        assertThat(vda.bitmaps()).containsExactly("b1", "nightly 2");
        assertThat(vm.disks().get(1)).satisfies(d -> {
            assertThat(d.format()).isEqualTo(DiskFormat.RAW);
            assertThat(d.capacityBytes()).isEqualTo(32 * MIB);
            assertThat(d.bitmaps()).isEmpty();
        });
        assertThat(datastore.vms().getFirst().disks()).singleElement().satisfies(d -> {
            assertThat(d.name()).as("without domain XML: the file name").isEqualTo("db.img");
            assertThat(d.format()).isEqualTo(DiskFormat.RAW);
        });
    }

    @Test
    void namesAreDataNeverCode() throws Exception {
        Path store = temp.resolve("store");
        String hostile = "$(touch pwned) `touch pwned2`; 'quoted' \"dq\"\ttab \\ back";
        QemuImages.create(store.resolve(hostile).resolve(hostile + ".raw"), "raw", "1M");
        Files.createDirectories(store.resolve("line\nbreak"));
        QemuImages.create(store.resolve("line\nbreak").resolve("d.raw"), "raw", "1M");

        ScanOutcome outcome = scan(List.of(store.toString()));

        assertThat(outcome.datastores().getFirst().vms()).singleElement().satisfies(vm -> {
            assertThat(vm.name()).isEqualTo(hostile);
            assertThat(vm.disks()).singleElement().extracting(InventoryDisk::name).isEqualTo(hostile + ".raw");
        });
        assertThat(outcome.warnings()).containsExactly("Skipped a folder whose name holds a line break.");
        assertThat(Files.exists(Path.of("pwned"))).isFalse();
        assertThat(Files.exists(Path.of("pwned2"))).isFalse();
        try (var files = Files.list(temp)) {
            assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("store");
        }
    }

    @Test
    void aMissingDatastoreIsAWarningAndTheOthersAreStillScanned() throws Exception {
        Path store = temp.resolve("store");
        QemuImages.create(store.resolve("vm1").resolve("a.qcow2"), "qcow2", "1M");
        Path file = Files.writeString(temp.resolve("a file"), "x");

        ScanOutcome outcome = scan(List.of(temp.resolve("missing").toString(), store.toString(), file.toString()));

        assertThat(outcome.state()).isEqualTo(ScanState.WARNING);
        assertThat(outcome.datastores()).extracting(InventoryDatastore::reachable).containsExactly(false, true, false);
        assertThat(outcome.datastores().getFirst().message()).contains("does not exist");
        assertThat(outcome.datastores().get(2).message()).contains("is not a folder");
        assertThat(outcome.message()).contains(temp.resolve("missing").toString());
        assertThat(outcome.datastores().get(1).vms()).hasSize(1);
    }

    @Test
    void aVmWhoseImagesARunningQemuHoldsIsRunning() throws Exception {
        Path store = temp.resolve("store");
        Path qcow2 = QemuImages.create(store.resolve("running qcow2").resolve("a.qcow2"), "qcow2", "4M", "b1");
        Path raw = QemuImages.create(store.resolve("running raw").resolve("a.raw"), "raw", "4M");
        QemuImages.create(store.resolve("stopped").resolve("a.raw"), "raw", "4M");

        List<InventoryVm> vms;
        try (AutoCloseable a = QemuImages.running(qcow2, "qcow2"); AutoCloseable b = QemuImages.running(raw, "raw")) {
            vms = scan(List.of(store.toString())).datastores().getFirst().vms();
        }

        assertThat(vms).extracting(vm -> vm.name() + " " + vm.power())
                .containsExactly("running qcow2 RUNNING", "running raw RUNNING", "stopped STOPPED");
        assertThat(vms.getFirst().disks().getFirst().bitmaps()).as("read with -U").containsExactly("b1");
    }

    @Test
    void withoutQemuImgSizesComeFromTheFilesAndPowerIsUnknown() throws Exception {
        Path store = temp.resolve("store");
        QemuImages.create(store.resolve("vm").resolve("a.qcow2"), "qcow2", "64M");
        QemuImages.create(store.resolve("vm").resolve("b.img"), "raw", "2M");
        Path bin = Files.createDirectories(temp.resolve("bin"));
        for (String tool : List.of("awk", "df", "du", "wc", "grep", "ls", "mktemp", "rm", "sed", "cat")) {
            Files.createSymbolicLink(bin.resolve(tool), which(tool));
        }

        ScanOutcome outcome = scan("PATH=" + ShellQuoting.quote(bin.toString()) + "\n"
                + ScanScript.forDatastores(List.of(store.toString())));

        assertThat(outcome.state()).isEqualTo(ScanState.WARNING);
        assertThat(outcome.message()).contains("qemu-img is not installed");
        InventoryVm vm = outcome.datastores().getFirst().vms().getFirst();
        assertThat(vm.power()).isEqualTo(VmPower.UNKNOWN);
        assertThat(vm.disks()).extracting(d -> d.name() + " " + d.format())
                .containsExactly("a.qcow2 QCOW2", "b.img RAW");
        assertThat(vm.disks().get(1).capacityBytes()).isEqualTo(2 * MIB);
    }

    private ScanOutcome scan(List<String> datastores) {
        return scan(ScanScript.forDatastores(datastores));
    }

    private static ScanOutcome scan(String script) {
        CommandResult result = new LocalHostShell(Duration.ofMinutes(1)).run(script);
        assertThat(result.exitStatus()).as(result.stderr()).isZero();
        return InventoryAssembler.assemble(HOST, ScanOutputParser.parse(result.stdout()));
    }

    private static Path which(String tool) throws IOException {
        for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin")) {
            Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate)) {
                return candidate.toRealPath();
            }
        }
        throw new IllegalStateException(tool + " is not installed");
    }
}
