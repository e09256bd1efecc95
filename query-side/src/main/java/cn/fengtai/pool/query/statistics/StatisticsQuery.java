package cn.fengtai.pool.query.statistics;

import cn.fengtai.pool.query.access.ReadingRules;
import cn.fengtai.pool.query.appeal.Period;
import cn.fengtai.pool.query.web.BadQuery;
import cn.fengtai.pool.query.web.NotFound;
import cn.fengtai.pool.query.web.Params;

import java.time.Instant;

/** The parameters every statistics endpoint reads the same way, so they refuse alike. */
final class StatisticsQuery {

    private StatisticsQuery() {
    }

    /** The past is for signed-in callers ({@link ReadingRules#requirePast}). */
    static Instant asOf(String asOf) {
        Instant at = Params.instant("asOf", asOf);
        if (at != null) ReadingRules.requirePast(ReadingRules.caller());
        return at;
    }

    static Period period(String period) {
        try {
            return Period.parse(period);
        } catch (IllegalArgumentException e) {
            throw new BadQuery("period", e.getMessage());
        }
    }

    /** The batch id, checked, if the batch exists now ({@code at} null) or existed at that instant. */
    static String batch(String name, String id, Instant at, PastPool past) {
        String batch = Params.code(name, id);
        if (batch == null) throw new BadQuery(name, name + " must name a batch");
        if (!past.batchExists(batch, at)) throw new NotFound("no batch has the id '" + batch + "'");
        return batch;
    }
}
