package io.bulwark.console.jobs;

import io.bulwark.console.table.EntitySource;
import java.util.List;
import java.util.UUID;

/**
 * The Jobs view's lines: the jobs and the sessions, joined. The sessions are the History view's
 * read, once per reload; a burst of progress events during a run costs one more read, not one each.
 */
public record JobRowSource(JobApi api) implements EntitySource<JobRow> {
    @Override
    public List<JobRow> list() {
        return JobRow.join(api.jobs(), api.sessions());
    }

    @Override
    public void delete(UUID id) {
        api.delete(id, false);
    }
}
