package cn.fengtai.pool.query.stream;

import cn.fengtai.pool.events.EventTypes;
import cn.fengtai.pool.events.reference.ReferenceCodes;
import cn.fengtai.pool.query.web.BadQuery;
import cn.fengtai.pool.query.web.Params;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * What an integrator asks of the feed beside the reading rules: some event {@code type}s, one aggregate ({@code
 * subject}), the projects of one {@code street}, the events recorded {@code since} an instant. All given must hold.
 */
final class FeedFilter {

    private FeedFilter() {
    }

    static Predicate<CloudEvents.Entry> of(List<String> types, String subject, String street, String since,
                                            FeedAccess access) {
        Predicate<CloudEvents.Entry> filter = entry -> true;
        if (types != null && !types.isEmpty()) {
            for (String type : types) {
                if (type == null || type.isBlank()) throw new BadQuery("type", "type names an event type; it is empty");
                if (EventTypes.byType(type).isEmpty()) throw new BadQuery("type", "no event has the type '" + Params.code("type", type) + "'");
            }
            List<String> wanted = List.copyOf(types);
            filter = filter.and(entry -> wanted.contains(entry.type()));
        }
        if (subject != null) {
            if (subject.isBlank()) throw new BadQuery("subject", "subject names an aggregate id; it is empty");
            String id = Params.code("subject", subject);
            filter = filter.and(entry -> id.equals(entry.subject()));
        }
        if (street != null) {
            if (street.isBlank()) throw new BadQuery("street", "street names a street office's code; it is empty");
            if (!ReferenceCodes.isStreet(street)) throw new BadQuery("street", "no street office has the code '" + Params.code("street", street) + "'");
            Map<String, String> streets = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                    return size() > 10_000;
                }
            });
            filter = filter.and(entry -> entry.projectEvent()
                    && street.equals(streets.computeIfAbsent(entry.subject(), access::streetOf)));
        }
        Instant from = Params.instant("since", since);
        if (from != null) filter = filter.and(entry -> !Objects.requireNonNull(entry.time()).isBefore(from));
        return filter;
    }
}
