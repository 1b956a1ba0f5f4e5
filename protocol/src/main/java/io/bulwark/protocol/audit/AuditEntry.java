package io.bulwark.protocol.audit;

import io.bulwark.protocol.events.ChangeAction;
import java.time.Instant;
import java.util.UUID;

/** One line of the audit log: who changed what, and when. */
public record AuditEntry(
        long id,
        Instant at,
        String actor,
        ChangeAction action,
        String collection,
        UUID entityId,
        String entityName) {
}
