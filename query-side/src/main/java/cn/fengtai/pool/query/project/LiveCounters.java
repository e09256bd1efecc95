package cn.fengtai.pool.query.project;

import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * The pool's counters as the projects projection last wrote them, kept in memory where it runs: a statistics request
 * then reads no document. The counters document holds a figure per batch, street and category, and the embedded server
 * deserializes the whole document for every read.
 */
@Component
public class LiveCounters {

    private record Written(String suffix, Counters counters) {
    }

    private final ProjectsProcessor projects;
    private volatile Written written;

    public LiveCounters(ProjectsProcessor projects) {
        this.projects = projects;
    }

    /** The projection wrote these counters to the generation with this suffix. */
    public void written(String suffix, Counters counters) {
        written = new Written(suffix, counters.copy());
    }

    /** The counters of that generation, when they are known here and current. */
    public Optional<Counters> of(String suffix) {
        Written last = written;
        if (last == null || !last.suffix().equals(suffix) || !projects.runsHere()) return Optional.empty();
        return Optional.of(last.counters());
    }
}
