package io.bulwark.engine.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScanOutputParserTest {
    private static final String QCOW2_INFO = """
            INFO\t{
            INFO\t  "virtual-size": 67108864, "format": "qcow2", "actual-size": 208896,
            INFO\t  "format-specific": {"type": "qcow2", "data": {"bitmaps": [{"name": "b1"}, {"name": "nightly 2"}]}}
            INFO\t}
            """;

    @Test
    void readsDatastoresFoldersXmlAndImagesWithSpacesAndTabsInNames() {
        String output = "BULWARK-INVENTORY\t1\nQEMU-IMG\t1\n"
                + "DATASTORE\t/srv/vm store\n"
                + "FREE-KIB\t1000\n"
                + "VM\t/srv/vm store/web\t01\n"
                + "XML\t/srv/vm store/web\t01/web.xml\n"
                + "XML-LINE\t<domain>\r\n"
                + "XML-LINE\t<name>web</name></domain>\n"
                + "XML-END\t\n"
                + "IMAGE\t/srv/vm store/web\t01/disk a.qcow2\n"
                + "LOCKED\t1\n"
                + QCOW2_INFO
                + "IMAGE-END\t\n"
                + "IMAGE\t/srv/vm store/web\t01/broken.qcow2\n"
                + "ERROR\tqemu-img: Could not open: Image is not in qcow2 format\n"
                + "IMAGE-END\t\n"
                + "SKIPPED\ta folder whose name holds a line break\n"
                + "DATASTORE\t/srv/gone\n"
                + "UNREACHABLE\tdoes not exist\n"
                + "END\t\n";

        ScanOutput scan = ScanOutputParser.parse(output);

        assertThat(scan.qemuImgAvailable()).isTrue();
        assertThat(scan.skipped()).containsExactly("a folder whose name holds a line break");
        assertThat(scan.datastores()).hasSize(2);
        ScanOutput.Datastore store = scan.datastores().getFirst();
        assertThat(store.path()).isEqualTo("/srv/vm store");
        assertThat(store.freeBytes()).isEqualTo(1000 * 1024L);
        ScanOutput.Folder folder = store.folders().getFirst();
        assertThat(folder.path()).isEqualTo("/srv/vm store/web\t01");
        assertThat(folder.xmlFiles()).containsExactly(
                new ScanOutput.Xml("/srv/vm store/web\t01/web.xml", "<domain>\r\n<name>web</name></domain>\n"));
        ScanOutput.Image disk = folder.images().get(0);
        assertThat(disk.path()).isEqualTo("/srv/vm store/web\t01/disk a.qcow2");
        assertThat(disk.locked()).isTrue();
        assertThat(QemuImageInfo.parse(disk.qemuInfo()))
                .isEqualTo(new QemuImageInfo("qcow2", 67108864, 208896, List.of("b1", "nightly 2")));
        assertThat(folder.images().get(1).qemuError()).contains("not in qcow2 format");
        assertThat(scan.datastores().get(1).unreachable()).isEqualTo("does not exist");
    }

    @Test
    void anOutputCutShortFailsTheScan() {
        assertThatThrownBy(() -> ScanOutputParser.parse("BULWARK-INVENTORY\t1\nQEMU-IMG\t1\nDATASTORE\t/a\n"))
                .isInstanceOf(ScanOutputException.class).hasMessageContaining("ended early");
    }

    @Test
    void recordsOutOfPlaceOrUnknownFailTheScan() {
        String head = "BULWARK-INVENTORY\t1\nQEMU-IMG\t1\n";
        assertThatThrownBy(() -> ScanOutputParser.parse(head + "IMAGE\t/a/b.raw\nEND\t\n"))
                .isInstanceOf(ScanOutputException.class).hasMessageContaining("line 3");
        assertThatThrownBy(() -> ScanOutputParser.parse(head + "DATASTORE\t/a\nRM\t-rf /\nEND\t\n"))
                .hasMessageContaining("unknown record 'RM'");
        assertThatThrownBy(() -> ScanOutputParser.parse(head + "DATASTORE\t/a\nFREE-KIB\tlots\nEND\t\n"))
                .hasMessageContaining("'lots' where a size belongs");
        assertThatThrownBy(() -> ScanOutputParser.parse("Welcome to the host!\n" + head + "END\t\n"))
                .hasMessageContaining("line 1");
        assertThatThrownBy(() -> ScanOutputParser.parse(head + "DATASTORE\t/a\nVM\t/a/b\nIMAGE\t/a/b/c.raw\nEND\t\n"))
                .as("an image not ended").hasMessageContaining("'END' out of place");
    }

    @Test
    void withoutQemuImgTheFileSizesAreRead() {
        ScanOutput scan = ScanOutputParser.parse("BULWARK-INVENTORY\t1\nQEMU-IMG\t0\nDATASTORE\t/a\nFREE-KIB\t\n"
                + "VM\t/a/b\nIMAGE\t/a/b/c.img\nFILE-BYTES\t1048576\nALLOCATED-KIB\t12\nIMAGE-END\t\nEND\t\n");

        assertThat(scan.qemuImgAvailable()).isFalse();
        assertThat(scan.datastores().getFirst().freeBytes()).isNull();
        assertThat(scan.datastores().getFirst().folders().getFirst().images().getFirst())
                .isEqualTo(new ScanOutput.Image("/a/b/c.img", false, false, null, null, 1048576L, 12 * 1024L));
    }
}
