package io.bulwark.protocol;

import java.util.UUID;

/** What every configuration entity shows: a stable id and a name a person recognises. */
public interface EntityView {
    UUID id();

    String name();
}
