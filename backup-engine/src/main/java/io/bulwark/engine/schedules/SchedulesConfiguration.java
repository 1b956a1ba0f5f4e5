package io.bulwark.engine.schedules;

import io.bulwark.engine.events.ChangeEvents;
import io.bulwark.engine.jobs.JobStore;
import io.bulwark.engine.runs.JobRuns;
import io.bulwark.engine.sessions.SessionStore;
import java.time.Clock;
import java.time.ZoneId;
import org.springframework.beans.factory.ObjectProvider;
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
     * the traffic rules' hours are in).
     *
     * @param healthCheck the health check a feature declares as a {@link JobHealthCheck} bean; without
     *                    one, a check that comes due is logged as not done
     */
    @Bean(initMethod = "start", destroyMethod = "close")
    public JobSchedules jobSchedules(JobStore jobs, ScheduleStore store, SessionStore sessions, ChangeEvents events,
                                     JobRuns runs, ObjectProvider<JobHealthCheck> healthCheck, Clock clock) {
        return new JobSchedules(jobs, store, sessions, events, runs, healthCheck.getIfAvailable(UncheckedHealth::new),
                task -> Thread.ofVirtual().name("job health check").start(task),
                new Occurrences(ZoneId.systemDefault()), clock);
    }

    @Bean
    public ScheduleRoutes scheduleRoutes(ScheduleStore store) {
        return new ScheduleRoutes(store);
    }
}
