package io.bulwark.protocol.datamover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** OPEN on the wire: 1.0's empty frame still means "your only repository"; 1.1 may name a folder. */
class OpenRepositoryTest {
    @Test
    void anOpenWithoutAFolderIsTheEmptyFrameOf10() throws IOException {
        byte[] wire = write(new OpenRepository(null));

        assertThat(wire).containsExactly(0x10, 0, 0, 0, 0);
        assertThat(OpenRepository.decode(read(wire)).path()).isNull();
    }

    @Test
    void anOpenNamingAFolderCarriesItAsAString() throws IOException {
        byte[] wire = write(new OpenRepository("/srv/rëpo"));

        // type, payload length 14 = string length (4) + 10 bytes of UTF-8
        assertThat(wire).startsWith(0x10, 0, 0, 0, 14, 0, 0, 0, 10, '/', 's', 'r', 'v', '/', 'r');
        assertThat(OpenRepository.decode(read(wire)).path()).isEqualTo("/srv/rëpo");
    }

    @Test
    void anEmptyFolderNameOrTrailingBytesAreRefused() throws IOException {
        assertThatThrownBy(() -> OpenRepository.decode(new Frame(FrameType.OPEN, new byte[] {0, 0, 0, 0})))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("empty folder");
        assertThatThrownBy(() -> OpenRepository.decode(new Frame(FrameType.OPEN, new byte[] {0, 0, 0, 1, 'a', 'b'})))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("unexpected bytes");
    }

    @Test
    void theMinorVersionSaysAnAgentUnderstandsIt() {
        assertThat(DataMoverProtocol.MAJOR_VERSION).isEqualTo(1);
        assertThat(DataMoverProtocol.MINOR_VERSION).isGreaterThanOrEqualTo(OpenRepository.NAMES_FOLDER_SINCE_MINOR);
    }

    private static byte[] write(Message message) throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        new FrameWriter(wire).write(message);
        return wire.toByteArray();
    }

    private static Frame read(byte[] wire) throws IOException {
        return new FrameReader(new ByteArrayInputStream(wire)).read();
    }
}
