package cn.fengtai.pool.command.appeal;

import cn.fengtai.pool.events.appeal.AppealVolumeRecorded;
import cn.fengtai.pool.command.access.Actors;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

class AppealVolumeTest {

    static final LocalDate DAY = LocalDate.of(2024, 7, 5);
    private FixtureConfiguration<AppealVolume> fixture;

    @BeforeEach
    void setUp() {
        fixture = Actors.signedInRightfully(new AggregateTestFixture<>(AppealVolume.class));
    }

    @Test
    void theFirstCountOfAMonthIsRecorded() {
        fixture.givenNoPriorActivity()
                .when(new RecordAppealVolume("xiluoyuan", "PARKING", "2024-03", 23, DAY, null))
                .expectEvents(new AppealVolumeRecorded("xiluoyuan", "PARKING", "2024-03", 23, null, DAY, null));
    }

    @Test
    void recordingAgainCorrectsAndKeepsThePreviousValue() {
        fixture.given(new AppealVolumeRecorded("xiluoyuan", "PARKING", "2024-03", 23, null, DAY, null))
                .when(new RecordAppealVolume("xiluoyuan", "PARKING", "2024-03", 25, DAY, "补录"))
                .expectEvents(new AppealVolumeRecorded("xiluoyuan", "PARKING", "2024-03", 25, 23, DAY, "补录"))
                .expectResultMessagePayload(1L);
    }

    @Test
    void anUnknownStreetIsRefused() {
        fixture.givenNoPriorActivity().when(new RecordAppealVolume("atlantis", "PARKING", "2024-03", 1, DAY, null))
                .expectNoEvents().expectException(AppealVolume.UnknownCode.class);
    }

    @Test
    void anUnknownIssueTypeIsRefused() {
        fixture.givenNoPriorActivity().when(new RecordAppealVolume("xiluoyuan", "UFO", "2024-03", 1, DAY, null))
                .expectNoEvents().expectException(AppealVolume.UnknownCode.class);
    }

    @Test
    void aNegativeCountIsRefused() {
        fixture.givenNoPriorActivity().when(new RecordAppealVolume("xiluoyuan", "PARKING", "2024-03", -1, DAY, null))
                .expectNoEvents().expectException(AppealVolume.NegativeCount.class);
    }
}
