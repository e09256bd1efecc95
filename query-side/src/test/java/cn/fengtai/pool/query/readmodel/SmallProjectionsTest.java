package cn.fengtai.pool.query.readmodel;

import cn.fengtai.pool.events.appeal.AppealVolumeRecorded;
import cn.fengtai.pool.events.batch.BatchClosed;
import cn.fengtai.pool.events.batch.BatchCreated;
import cn.fengtai.pool.events.batch.BatchPublished;
import cn.fengtai.pool.events.batch.ProjectListed;
import cn.fengtai.pool.events.fund.FundAllocated;
import cn.fengtai.pool.events.fund.FundCreated;
import cn.fengtai.pool.query.appeal.AppealVolumeProjection;
import cn.fengtai.pool.query.appeal.AppealVolumeView;
import cn.fengtai.pool.query.batch.BatchProjection;
import cn.fengtai.pool.query.batch.BatchView;
import cn.fengtai.pool.query.fund.FundProjection;
import cn.fengtai.pool.query.fund.FundView;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The batch, fund and appeal-volume read models, event type by event type, each applied once. */
class SmallProjectionsTest {

    static final LocalDate DAY = LocalDate.of(2024, 8, 1);
    private final EmbeddedMongo mongo = new EmbeddedMongo();

    @AfterEach
    void close() {
        mongo.close();
    }

    private static void deliver(FoldingProjection<?> projection, String type, String id, List<Object> events) {
        for (int sequence = 0; sequence < events.size(); sequence++) {
            Object event = events.get(sequence);
            projection.on(new GenericDomainEventMessage<>(type, id, sequence, event, null, id + "-" + sequence,
                    Instant.EPOCH.plusSeconds(sequence)), new GlobalSequenceTrackingToken(sequence));
        }
    }

    @Test
    void batchesGoFromOpenToPublishedToClosed() {
        BatchProjection projection = new BatchProjection(mongo.template);
        List<Object> events = List.of(new BatchCreated("2024-1", "第一批", 2024, DAY, null),
                new ProjectListed("2024-1", "p-1", null, DAY, null));
        deliver(projection, "Batch", "2024-1", events);
        assertThat(mongo.template.findById("2024-1", BatchView.class).status()).isEqualTo("OPEN");

        List<Object> all = List.of(events.get(0), events.get(1), new BatchPublished("2024-1", DAY, null),
                new BatchClosed("2024-1", "2024-2", DAY.plusDays(30), null));
        deliver(projection, "Batch", "2024-1", all);
        deliver(projection, "Batch", "2024-1", all);
        BatchView batch = mongo.template.findById("2024-1", BatchView.class);
        assertThat(batch.status()).isEqualTo("CLOSED");
        assertThat(batch.name()).isEqualTo("第一批");
        assertThat(batch.publishedOn()).isEqualTo(DAY);
        assertThat(batch.closedOn()).isEqualTo(DAY.plusDays(30));
        assertThat(batch.carryOverTo()).isEqualTo("2024-2");
        assertThat(batch.version()).isEqualTo(3);
    }

    @Test
    void fundsCountAllocationsOnceEvenWhenRedelivered() {
        FundProjection projection = new FundProjection(mongo.template);
        List<Object> events = List.of(new FundCreated("2024", 2024, new BigDecimal("1000000"), DAY, null),
                new FundAllocated("2024", "p-1", new BigDecimal("300000"), new BigDecimal("700000"), DAY, null),
                new FundAllocated("2024", "p-2", new BigDecimal("0.50"), new BigDecimal("699999.50"), DAY, null));
        deliver(projection, "Fund", "2024", events);
        deliver(projection, "Fund", "2024", events);
        FundView fund = mongo.template.findById("2024", FundView.class);
        assertThat(fund.budget()).isEqualByComparingTo("1000000");
        assertThat(fund.allocated()).isEqualByComparingTo("300000.50");
        assertThat(fund.remaining()).isEqualByComparingTo("699999.50");
        assertThat(fund.allocations()).isEqualTo(2);
    }

    @Test
    void appealVolumesKeepTheLatestCorrection() {
        AppealVolumeProjection projection = new AppealVolumeProjection(mongo.template);
        String id = "xiluoyuan:PARKING:2024-03";
        deliver(projection, "AppealVolume", id, List.of(
                new AppealVolumeRecorded("xiluoyuan", "PARKING", "2024-03", 20, null, DAY, null),
                new AppealVolumeRecorded("xiluoyuan", "PARKING", "2024-03", 23, 20, DAY, "补录")));
        AppealVolumeView volume = mongo.template.findById(id, AppealVolumeView.class);
        assertThat(volume.count()).isEqualTo(23);
        assertThat(volume.month()).isEqualTo("2024-03");
        assertThat(volume.version()).isEqualTo(1);
    }

    @Test
    void anEventOfAnotherAggregateTypeIsIgnored() {
        FundProjection projection = new FundProjection(mongo.template);
        deliver(projection, "Batch", "2024-1", List.of(new BatchCreated("2024-1", "x", 2024, DAY, null)));
        assertThat(mongo.template.findAll(FundView.class)).isEmpty();
    }
}
