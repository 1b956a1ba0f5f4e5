package io.bulwark.engine.inventory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.bulwark.protocol.ApiJson;
import java.util.ArrayList;
import java.util.List;

/**
 * The facts {@code qemu-img info --output=json} gives of one image.
 *
 * @param format         qemu's name of the format ({@code qcow2}, {@code raw}, {@code vmdk}...)
 * @param virtualSize    the guest-visible size
 * @param actualSize     what the image takes on its file system
 * @param bitmaps        the persistent dirty bitmaps of a qcow2 image
 */
public record QemuImageInfo(String format, long virtualSize, long actualSize, List<String> bitmaps) {

    /** @throws IllegalArgumentException when the text is not qemu-img's JSON */
    public static QemuImageInfo parse(String json) {
        JsonNode info;
        try {
            info = ApiJson.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("qemu-img gave no readable JSON: " + e.getOriginalMessage());
        }
        if (info == null || !info.path("format").isTextual() || !info.path("virtual-size").canConvertToLong()) {
            throw new IllegalArgumentException("qemu-img's answer names no format or virtual size");
        }
        List<String> bitmaps = new ArrayList<>();
        for (JsonNode bitmap : info.path("format-specific").path("data").path("bitmaps")) {
            if (bitmap.path("name").isTextual()) {
                bitmaps.add(bitmap.path("name").asText());
            }
        }
        return new QemuImageInfo(info.path("format").asText(), info.path("virtual-size").asLong(),
                info.path("actual-size").asLong(0), List.copyOf(bitmaps));
    }
}
