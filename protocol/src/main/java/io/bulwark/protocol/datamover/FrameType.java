package io.bulwark.protocol.datamover;

import static io.bulwark.protocol.datamover.DataMoverProtocol.FINGERPRINT_BYTES;
import static io.bulwark.protocol.datamover.DataMoverProtocol.MAX_CLAIM_FINGERPRINTS;
import static io.bulwark.protocol.datamover.DataMoverProtocol.MAX_FILE_BYTES;
import static io.bulwark.protocol.datamover.DataMoverProtocol.MAX_SEALED_BYTES;
import static io.bulwark.protocol.datamover.DataMoverProtocol.MAX_STRING_BYTES;
import static io.bulwark.protocol.datamover.DataMoverProtocol.POINT_ID_BYTES;
import static io.bulwark.protocol.datamover.DataMoverProtocol.TABLE_CHUNK_BYTES;

/** The frames of {@link DataMoverProtocol}, each with its type code and the largest payload it may have. */
public enum FrameType {
    HELLO(0x01, 8 + 4 + MAX_STRING_BYTES),
    WELCOME(0x02, 8 + 4 + MAX_STRING_BYTES),
    ERROR(0x03, 2 + 4 + MAX_STRING_BYTES),
    NOTICE(0x04, 4 + MAX_STRING_BYTES),
    OPEN(0x10, 4 + MAX_STRING_BYTES),
    REPOSITORY(0x11, 2 * (4 + MAX_FILE_BYTES)),
    BEGIN_BACKUP(0x12, POINT_ID_BYTES),
    BACKUP_STARTED(0x13, 0),
    LIST_POINTS(0x20, 0),
    POINT(0x21, POINT_ID_BYTES + 4 + MAX_FILE_BYTES),
    POINTS_END(0x22, 4),
    GET_TABLE(0x23, POINT_ID_BYTES),
    TABLE_DATA(0x24, TABLE_CHUNK_BYTES),
    TABLE_END(0x25, 8),
    CLAIM(0x30, 8 + MAX_CLAIM_FINGERPRINTS * FINGERPRINT_BYTES),
    CLAIM_RESULT(0x31, 8 + MAX_CLAIM_FINGERPRINTS / 8),
    STORE(0x32, StoreBlob.HEADER_BYTES + MAX_SEALED_BYTES),
    COMMIT(0x40, 4 + MAX_FILE_BYTES),
    COMMITTED(0x41, 0);

    private static final FrameType[] BY_CODE = new FrameType[256];

    static {
        for (FrameType type : values()) {
            if (type.maxPayload > DataMoverProtocol.MAX_FRAME_BYTES) {
                throw new ExceptionInInitializerError(type + " allows more than a frame may hold");
            }
            BY_CODE[type.code] = type;
        }
    }

    private final int code;
    private final int maxPayload;

    FrameType(int code, int maxPayload) {
        this.code = code;
        this.maxPayload = maxPayload;
    }

    public int code() {
        return code;
    }

    public int maxPayload() {
        return maxPayload;
    }

    /** The type of a code read from the wire. */
    public static FrameType of(int code) throws ProtocolException {
        FrameType type = code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
        if (type == null) {
            throw new ProtocolException(String.format("an unknown frame type 0x%02x", code));
        }
        return type;
    }
}
