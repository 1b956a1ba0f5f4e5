package io.bulwark.engine.schedules;

import io.bulwark.engine.events.ChangeEvents;
import io.bulwark.engine.jobs.JobStore;
import io.bulwark.engine.runs.HealthChecks;
import io.bulwark.engine.runs.JobRuns;
import io.bulwark.engine.sessions.SessionStore;
import java.time.Clock;
import java.time.ZoneId;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
public class SchedulesConfiguration {
    @Bean
    public ScheduleStore scheduleStore(JdbcClient jdbc) {
        return new ScheduleStore(jdbc);
    }

    /**
     * Schedules are computed in the zone of the engine's host, as an admin reads "22:00" (the same zone
     * the traffic rules' hours are in). A due health check is the one {@code POST /jobs/ID/health-check}
     * starts: a HEALTH_CHECK session of its own.
     */
    @Bean(initMethod = "start", destroyMethod = "close")
    public JobSchedules jobSchedules(JobStore jobs, ScheduleStore store, SessionStore sessions, ChangeEvents events,
                                     JobRuns runs, HealthChecks healthChecks, Clock clock) {
        JobHealthCheck healthCheck = healthChecks::start;
        return new JobSchedules(jobs, store, sessions, events, runs, healthCheck,
                task -> Thread.ofVirtual().name("job health check").start(task),
                new Occurrences(ZoneId.systemDefault()), clock);
    }

    @Bean
    public ScheduleRoutes scheduleRoutes(ScheduleStore store) {
        return new ScheduleRoutes(store);
    }
}
