package cn.fengtai.pool.command.fund;

import cn.fengtai.pool.command.fund.FundCommands.AllocateFunds;
import cn.fengtai.pool.command.fund.FundCommands.CreateFund;
import cn.fengtai.pool.command.fund.FundRefusals.FundExhausted;
import cn.fengtai.pool.command.fund.FundRefusals.NotAPositiveAmount;
import cn.fengtai.pool.events.fund.FundAllocated;
import cn.fengtai.pool.events.fund.FundCreated;
import cn.fengtai.pool.command.access.Actors;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;

class FundTest {

    static final LocalDate DAY = LocalDate.of(2024, 1, 2);
    private FixtureConfiguration<Fund> fixture;

    @BeforeEach
    void setUp() {
        fixture = Actors.signedInRightfully(new AggregateTestFixture<>(Fund.class));
    }

    static FundCreated created() {
        return new FundCreated("2024", 2024, new BigDecimal("1000000.00"), DAY, null);
    }

    @Test
    void aFundHasAPositiveBudget() {
        fixture.givenNoPriorActivity().when(new CreateFund("2024", 2024, new BigDecimal("1000000.00"), DAY, null))
                .expectEvents(created());
        fixture.givenNoPriorActivity().when(new CreateFund("2024", 2024, BigDecimal.ZERO, DAY, null))
                .expectNoEvents().expectException(NotAPositiveAmount.class);
    }

    @Test
    void allocationsCountDownWhatIsLeft() {
        fixture.given(created(), new FundAllocated("2024", "p-1", new BigDecimal("600000"), new BigDecimal("400000.00"), DAY, null))
                .when(new AllocateFunds("2024", "p-2", new BigDecimal("400000.00"), DAY, null))
                .expectEvents(new FundAllocated("2024", "p-2", new BigDecimal("400000.00"), new BigDecimal("0.00"), DAY, null))
                .expectResultMessagePayload(2L);
    }

    @Test
    void noAllocationExceedsWhatIsLeft() {
        fixture.given(created(), new FundAllocated("2024", "p-1", new BigDecimal("600000"), new BigDecimal("400000.00"), DAY, null))
                .when(new AllocateFunds("2024", "p-2", new BigDecimal("400000.01"), DAY, null))
                .expectNoEvents().expectException(FundExhausted.class);
    }

    @Test
    void anAllocationIsPositive() {
        fixture.given(created()).when(new AllocateFunds("2024", "p-1", new BigDecimal("-5"), DAY, null))
                .expectNoEvents().expectException(NotAPositiveAmount.class);
    }
}
