package cn.fengtai.pool.query.project;

import cn.fengtai.pool.events.Category;
import cn.fengtai.pool.events.Channel;
import cn.fengtai.pool.events.project.ProjectApproved;
import cn.fengtai.pool.events.project.ProjectCompleted;
import cn.fengtai.pool.events.project.ProjectFiled;
import cn.fengtai.pool.events.project.ProjectFunded;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The counters' stored forms read back as the same counters. */
class CountersTest {

    @Test
    void theJsonOfTheCheckpointCopiesReadsBackAsTheSameCounters() {
        Counters counters = new Counters();
        LocalDate day = LocalDate.of(2024, 4, 1);
        for (int i = 0; i < 50; i++) {
            String id = "p-" + i;
            ProjectView view = new ProjectView();
            view.apply(new ProjectFiled(id, i % 2 == 0 ? "youanmen" : "quote\"back\\slash\u0001", null, "t", null,
                    Category.HOUSING, List.of("HOUSE_LEAK"), Channel.HOTLINE, List.of(), new BigDecimal("10.5"), day, null));
            if (i % 3 > 0) view.apply(new ProjectApproved(id, "2024-" + (i % 4), "u", day, List.of(), day, null));
            if (i % 3 > 0) view.apply(new ProjectFunded(id, "2024", new BigDecimal("-0.25").add(BigDecimal.valueOf(i)), BigDecimal.valueOf(i, 2), day, null));
            if (i % 5 == 0) view.apply(new ProjectCompleted(id, BigDecimal.ONE, "s", day, null));
            counters.add(view);
        }
        assertThat(Counters.fromJson(counters.toJson())).isEqualTo(counters);
        assertThat(Counters.fromDocument(counters.toDocument())).isEqualTo(counters);
        // The copies kept before (the same fields, written by the BSON library's JSON writer) are read alike.
        byte[] older = counters.toDocument().toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(Counters.fromJson(older)).isEqualTo(counters);
    }

    @Test
    void aContributionTakenOutAndPutBackLeavesTheCountersAsTheyWere() {
        ProjectView view = new ProjectView();
        LocalDate day = LocalDate.of(2024, 4, 1);
        view.apply(new ProjectFiled("p", "youanmen", null, "t", null, Category.HOUSING, List.of("HOUSE_LEAK"),
                Channel.HOTLINE, List.of(), BigDecimal.TEN, day, null));
        view.apply(new ProjectApproved("p", "2024-1", "u", day, List.of(), day, null));
        Counters counters = new Counters();
        counters.add(view);
        Counters.Contribution before = Counters.Contribution.of(view);
        view.apply(new ProjectCompleted("p", BigDecimal.ONE, "s", day, null));
        assertThat(Counters.Contribution.of(view)).isNotEqualTo(before);
        counters.remove(before);
        counters.add(Counters.Contribution.of(view));
        assertThat(counters.count("batch:2024-1:completed")).isEqualTo(1);
        assertThat(counters.count("status:APPROVED")).isZero();
    }
}
