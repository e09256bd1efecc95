package cn.fengtai.pool.query.stream;

import cn.fengtai.pool.events.EventTypes;
import cn.fengtai.pool.events.project.DepartmentsSummoned;
import cn.fengtai.pool.events.project.ProjectFiled;
import cn.fengtai.pool.wiring.PoolAuthorities.Caller;
import cn.fengtai.pool.query.access.ReadingRules;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Which events of the feed a reader may see, as {@link ReadingRules} decides for a project's history: every event for
 * the district, finance and auditors; for a street office and a department the events of the projects it may
 * inspect, and nothing else. A project's street and summoned departments are read from its own events in the store,
 * not from a read model that may lag behind the feed.
 */
@Component
public class FeedAccess {

    private static final int REMEMBERED = 10_000;
    private static final String SUMMONED = EventTypes.typeOf(DepartmentsSummoned.class);

    private final EventStore store;

    FeedAccess(EventStore store) {
        this.store = store;
    }

    /**
     * The filter for one reader, asked of the feed's events in order (by one thread at a time); an anonymous reader is
     * refused ({@link ReadingRules#requireFeed}).
     */
    public Predicate<CloudEvents.Entry> filterFor(Caller caller) {
        ReadingRules.requireFeed(caller);
        if (ReadingRules.readsWholeFeed(caller)) return entry -> true;
        Map<String, Boolean> decided = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > REMEMBERED;
            }
        });
        return entry -> {
            if (!entry.projectEvent()) return false;
            // A summons can let a department in: decide that project again from its events.
            if (SUMMONED.equals(entry.type())) decided.remove(entry.subject());
            return decided.computeIfAbsent(entry.subject(), project -> mayInspect(caller, project));
        };
    }

    /** The street a project was filed for, read from its first event; null when it has none. */
    public String streetOf(String project) {
        return store.readEvents(project).asStream().findFirst().map(message -> {
            try {
                return message.getPayload() instanceof ProjectFiled filed ? filed.street() : null;
            } catch (RuntimeException unreadable) {
                return null;
            }
        }).orElse(null);
    }

    private boolean mayInspect(Caller caller, String project) {
        String street = null;
        Set<String> summoned = new TreeSet<>();
        for (DomainEventMessage<?> message : store.readEvents(project).asStream().toList()) {
            Object event;
            try {
                event = message.getPayload();
            } catch (RuntimeException unreadable) {
                continue; // an event that cannot be read names neither a street nor a department
            }
            if (event instanceof ProjectFiled filed) street = filed.street();
            if (event instanceof DepartmentsSummoned summons && summons.departments() != null) {
                summoned.addAll(summons.departments());
            }
        }
        return ReadingRules.mayInspect(caller, street, summoned);
    }
}
