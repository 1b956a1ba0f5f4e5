package io.bulwark.engine.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DomainXmlTest {
    @Test
    void readsTheNameAndTheFileBackedDisksNotCdroms() {
        String xml = """
                <domain type='kvm'>
                  <name>web server 01</name>
                  <memory unit='KiB'>1048576</memory>
                  <devices>
                    <disk type='file' device='disk'>
                      <driver name='qemu' type='qcow2'/>
                      <source file='/vms/web server 01/system disk.qcow2'/>
                      <target dev='vda' bus='virtio'/>
                    </disk>
                    <disk type='file' device='cdrom'>
                      <source file='/isos/debian.iso'/>
                      <target dev='sda' bus='sata'/>
                    </disk>
                    <disk type='file' device='disk'>
                      <source file='/vms/web server 01/data.raw'/>
                      <target dev='vdb' bus='virtio'/>
                    </disk>
                    <disk type='network' device='disk'>
                      <source protocol='rbd' name='pool/image'/>
                      <target dev='vdc' bus='virtio'/>
                    </disk>
                  </devices>
                </domain>
                """;

        DomainXml domain = DomainXml.read(xml).orElseThrow();

        assertThat(domain.name()).isEqualTo("web server 01");
        assertThat(domain.disks()).containsExactly(
                new DomainXml.Disk("vda", "/vms/web server 01/system disk.qcow2"),
                new DomainXml.Disk("vdb", "/vms/web server 01/data.raw"));
    }

    @Test
    void anotherToolsXmlIsNoDomain() {
        assertThat(DomainXml.read("<metadata><name>x</name></metadata>")).isEmpty();
        assertThat(DomainXml.read("<domain><devices/></domain>")).as("a domain without a name").isEmpty();
    }

    @Test
    void anExternalEntityIsRefusedAndNothingIsRead(@TempDir Path temp) throws Exception {
        Path secret = Files.writeString(temp.resolve("secret"), "the secret");
        String xml = "<?xml version='1.0'?>\n<!DOCTYPE domain [<!ENTITY leak SYSTEM '" + secret.toUri() + "'>]>\n"
                + "<domain><name>&leak;</name></domain>";

        assertThatThrownBy(() -> DomainXml.read(xml))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a readable domain XML")
                .hasMessageNotContaining("the secret");
    }

    @Test
    void entityExpansionIsRefusedToo() {
        String billionLaughs = "<!DOCTYPE domain [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;'>]>"
                + "<domain><name>&b;</name></domain>";

        assertThatThrownBy(() -> DomainXml.read(billionLaughs)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void brokenXmlIsAnError() {
        assertThatThrownBy(() -> DomainXml.read("<domain><name>x</domain>"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
