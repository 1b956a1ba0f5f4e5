/**
 * The real-time scheduler: spreads the disks of running jobs over the proxies' and repositories'
 * task slots, as Veeam's resource scheduler does. {@link io.bulwark.engine.scheduler.TaskScheduler}
 * is deterministic and has no threads or clocks: the job engine tells it what started, finished or
 * went away, and asks it what to run next.
 */
package io.bulwark.engine.scheduler;
