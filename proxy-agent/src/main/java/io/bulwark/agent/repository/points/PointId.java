package io.bulwark.agent.repository.points;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** A restore point's id: 128 random bits in hex. People may name a point by a unique prefix of it. */
public record PointId(@JsonValue String hex) {
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{32}");
    private static final SecureRandom RANDOM = new SecureRandom();

    public PointId {
        if (!HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("not a restore point id: " + hex);
        }
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static PointId of(String hex) {
        return new PointId(hex);
    }

    /** The id whose 16 bytes these are, as they cross the network. */
    public static PointId fromBytes(byte[] bytes) {
        if (bytes.length != 16) {
            throw new IllegalArgumentException("a restore point id has 16 bytes, not " + bytes.length);
        }
        return new PointId(HexFormat.of().formatHex(bytes));
    }

    public static PointId random() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return new PointId(HexFormat.of().formatHex(bytes));
    }

    public byte[] bytes() {
        return HexFormat.of().parseHex(hex);
    }

    public String shortForm() {
        return hex.substring(0, 8);
    }

    @Override
    public String toString() {
        return hex;
    }
}
