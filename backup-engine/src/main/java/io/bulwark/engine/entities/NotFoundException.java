package io.bulwark.engine.entities;

import java.util.UUID;

/** The entity a request names does not exist (any more); answered with 404. */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String what, UUID id) {
        super("There is no " + what + " with id " + id + ". It may have been deleted; refresh the list.");
    }

    public NotFoundException(String message) {
        super(message);
    }
}
