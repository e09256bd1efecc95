package cn.fengtai.pool.query.project;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The views project lists showed last, least recently shown dropped first, reused only at the version the list index
 * knows: reading a page's views by id from the embedded server is slow and holds its collection lock.
 */
final class ShownViews {

    private static final int KEPT = 10_000;

    private final Map<String, ProjectView> views = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ProjectView> eldest) {
            return size() > KEPT;
        }
    });

    /** The views of these ids in their order: kept ones at the current version, the others read and kept. */
    List<ProjectView> of(List<String> ids, ToLongFunction<String> currentVersion,
                         Function<List<String>, Collection<ProjectView>> read) {
        Map<String, ProjectView> found = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (String id : ids) {
            ProjectView kept = views.get(id);
            if (kept != null && kept.version() == currentVersion.applyAsLong(id)) found.put(id, kept);
            else missing.add(id);
        }
        if (!missing.isEmpty()) {
            read.apply(missing).forEach(view -> {
                found.put(view.id(), view);
                views.put(view.id(), view);
            });
        }
        return ids.stream().map(found::get).filter(Objects::nonNull).toList();
    }

    void clear() {
        views.clear();
    }
}
