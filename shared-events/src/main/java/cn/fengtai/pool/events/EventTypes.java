package cn.fengtai.pool.events;

import cn.fengtai.pool.events.appeal.AppealVolumeRecorded;
import cn.fengtai.pool.events.batch.BatchClosed;
import cn.fengtai.pool.events.batch.BatchCreated;
import cn.fengtai.pool.events.batch.BatchPublished;
import cn.fengtai.pool.events.batch.ProjectListed;
import cn.fengtai.pool.events.fund.FundAllocated;
import cn.fengtai.pool.events.fund.FundCreated;
import cn.fengtai.pool.events.project.*;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every event type of the pool and its public name for integrators: a versioned reverse-DNS CloudEvents {@code type}
 * such as {@code cn.fengtai.pool.project.ProjectFiled.v2} (aggregate, event, revision), and the JSON Schema file of its
 * {@code data} ({@code schemas/<type>.json} in this library, served at {@code /api/schemas/<type>.json}).
 */
public final class EventTypes {

    public static final String PREFIX = "cn.fengtai.pool.";

    /**
     * Every event and its current revision. The revisions are Axon's {@code @Revision} on each record too (what the
     * server stores); they are listed here as well so that a reader without Axon on its class path (Axon is an optional
     * dependency of this library) names the types alike. {@code EventTypesTest} keeps the two the same.
     */
    private static final Map<Class<?>, String> REVISIONS = revisions(
            ProjectFiled.class, "2", ProjectApproved.class, "1", ProjectRejected.class, "1", ProjectFunded.class, "1",
            ProjectStarted.class, "1", ProjectProgressReported.class, "1", DepartmentsSummoned.class, "1",
            DepartmentReportedIn.class, "1", ProjectCompleted.class, "1", ProjectEvaluated.class, "1",
            ProjectCarriedOver.class, "1", ProjectCancelled.class, "1", BatchCreated.class, "1", ProjectListed.class, "1",
            BatchPublished.class, "1", BatchClosed.class, "1", FundCreated.class, "1", FundAllocated.class, "1",
            AppealVolumeRecorded.class, "1");

    public static final List<Class<?>> ALL = List.copyOf(REVISIONS.keySet());

    private EventTypes() {
    }

    /** The CloudEvents type, e.g. {@code cn.fengtai.pool.fund.FundAllocated.v1}. */
    public static String typeOf(Class<?> event) {
        String aggregate = event.getPackageName().substring(event.getPackageName().lastIndexOf('.') + 1);
        return PREFIX + aggregate + "." + event.getSimpleName() + ".v" + revisionOf(event);
    }

    public static String revisionOf(Class<?> event) {
        return REVISIONS.getOrDefault(event, "0");
    }

    private static Map<Class<?>, String> revisions(Object... pairs) {
        Map<Class<?>, String> revisions = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) revisions.put((Class<?>) pairs[i], (String) pairs[i + 1]);
        return Collections.unmodifiableMap(revisions);
    }

    public static String schemaFile(Class<?> event) {
        return typeOf(event) + ".json";
    }

    public static Optional<Class<?>> byType(String type) {
        return ALL.stream().filter(c -> typeOf(c).equals(type)).findFirst();
    }
}
