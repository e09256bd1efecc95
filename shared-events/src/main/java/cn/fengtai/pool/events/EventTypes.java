package cn.fengtai.pool.events;

import cn.fengtai.pool.events.appeal.AppealVolumeRecorded;
import cn.fengtai.pool.events.batch.BatchClosed;
import cn.fengtai.pool.events.batch.BatchCreated;
import cn.fengtai.pool.events.batch.BatchPublished;
import cn.fengtai.pool.events.batch.ProjectListed;
import cn.fengtai.pool.events.fund.FundAllocated;
import cn.fengtai.pool.events.fund.FundCreated;
import cn.fengtai.pool.events.project.*;
import org.axonframework.serialization.Revision;

import java.util.List;
import java.util.Optional;

/**
 * Every event type of the pool and its public name for integrators: a versioned reverse-DNS CloudEvents {@code type}
 * such as {@code cn.fengtai.pool.project.ProjectFiled.v2} (aggregate, event, revision), and the JSON Schema file of its
 * {@code data} ({@code schemas/<type>.json} in this library, served at {@code /api/schemas/<type>.json}).
 */
public final class EventTypes {

    public static final String PREFIX = "cn.fengtai.pool.";

    public static final List<Class<?>> ALL = List.of(
            ProjectFiled.class, ProjectApproved.class, ProjectRejected.class, ProjectFunded.class, ProjectStarted.class,
            ProjectProgressReported.class, DepartmentsSummoned.class, DepartmentReportedIn.class,
            ProjectCompleted.class, ProjectEvaluated.class, ProjectCarriedOver.class, ProjectCancelled.class,
            BatchCreated.class, ProjectListed.class, BatchPublished.class, BatchClosed.class,
            FundCreated.class, FundAllocated.class, AppealVolumeRecorded.class);

    private EventTypes() {
    }

    /** The CloudEvents type, e.g. {@code cn.fengtai.pool.fund.FundAllocated.v1}. */
    public static String typeOf(Class<?> event) {
        String aggregate = event.getPackageName().substring(event.getPackageName().lastIndexOf('.') + 1);
        return PREFIX + aggregate + "." + event.getSimpleName() + ".v" + revisionOf(event);
    }

    public static String revisionOf(Class<?> event) {
        Revision revision = event.getAnnotation(Revision.class);
        return revision == null ? "0" : revision.value();
    }

    public static String schemaFile(Class<?> event) {
        return typeOf(event) + ".json";
    }

    public static Optional<Class<?>> byType(String type) {
        return ALL.stream().filter(c -> typeOf(c).equals(type)).findFirst();
    }
}
