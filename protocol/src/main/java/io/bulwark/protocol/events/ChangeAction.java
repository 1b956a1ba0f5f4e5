package io.bulwark.protocol.events;

public enum ChangeAction {
    CREATED,
    UPDATED,
    DELETED
}
