package io.bulwark.engine.entities;

import io.bulwark.engine.audit.AuditLog;
import io.bulwark.engine.events.ChangeEvents;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** How configuration changes are made: audited, transactional, announced. */
@Configuration(proxyBeanMethods = false)
public class EntitiesConfiguration {
    @Bean
    public AuditLog auditLog(JdbcClient jdbc, Clock clock) {
        return new AuditLog(jdbc, clock);
    }

    @Bean
    public ChangeEvents changeEvents(Clock clock) {
        return new ChangeEvents(clock);
    }

    @Bean
    public ChangeRecorder changeRecorder(TransactionTemplate transactions, AuditLog audit, ChangeEvents events) {
        return new ChangeRecorder(transactions, audit, events);
    }
}
