package io.bulwark.engine.entities;

import io.bulwark.engine.audit.AuditLog;
import io.bulwark.engine.auth.Caller;
import io.bulwark.engine.events.ChangeEvents;
import io.bulwark.protocol.EntityView;
import io.bulwark.protocol.events.ChangeAction;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes every configuration change the same way: the change and its audit line commit together or
 * not at all, and only a committed change is announced to the consoles.
 */
public class ChangeRecorder {
    private static final Logger log = LoggerFactory.getLogger(ChangeRecorder.class);

    private final TransactionTemplate transactions;
    private final AuditLog audit;
    private final ChangeEvents events;

    public ChangeRecorder(TransactionTemplate transactions, AuditLog audit, ChangeEvents events) {
        this.transactions = transactions;
        this.audit = audit;
        this.events = events;
    }

    public <V extends EntityView> V record(Caller caller, String collection, ChangeAction action, Supplier<V> change) {
        V changed = transactions.execute(status -> {
            V result = change.get();
            audit.append(caller.username(), action, collection, result.id(), result.name());
            return result;
        });
        log.info("{} {} {} ({}) by {}", action.name().toLowerCase(java.util.Locale.ROOT), collection,
                changed.id(), changed.name(), caller.username());
        events.publish(collection, action, changed.id(), caller.username());
        return changed;
    }
}
