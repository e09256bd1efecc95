package cn.fengtai.pool.command.project;

import cn.fengtai.pool.command.access.Actors;
import cn.fengtai.pool.command.access.NotAllowed;
import cn.fengtai.pool.command.project.ProjectCommands.*;
import cn.fengtai.pool.events.Rating;
import cn.fengtai.pool.events.project.DepartmentsSummoned;
import cn.fengtai.pool.events.project.ProjectProgressReported;
import cn.fengtai.pool.events.project.ProjectStarted;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static cn.fengtai.pool.command.access.Actors.*;
import static cn.fengtai.pool.command.project.ProjectTest.*;

/** Who may do what to which project, checked in the aggregate itself, before any other rule. */
class ProjectAccessTest {

    private FixtureConfiguration<Project> fixture;

    @BeforeEach
    void setUp() {
        fixture = Actors.signedInRightfully(new AggregateTestFixture<>(Project.class));
    }

    private void refused(Object command, Map<String, Object> actor, Object... given) {
        fixture.given(given).when(command, actor).expectNoEvents().expectException(NotAllowed.class);
    }

    @Test
    void anOfficeFilesOnlyForItsOwnStreet() {
        fixture.givenNoPriorActivity().when(file("taipingqiao", List.of("SEWER_BACKFLOW")), office("taipingqiao"))
                .expectEvents(filed());
        fixture.givenNoPriorActivity().when(file("taipingqiao", List.of("SEWER_BACKFLOW")), office("fengtai"))
                .expectNoEvents().expectException(NotAllowed.class);
    }

    @Test
    void anotherStreetsOfficeCannotRunTheProject() {
        refused(new StartProject(ID, DAY, null), office("xiluoyuan"), filed(), approved());
        refused(new ReportProgress(ID, 10, null, DAY, null), office("xiluoyuan"), filed(), approved(), started());
        refused(new CompleteProject(ID, BigDecimal.ONE, "x", DAY, null), office("xiluoyuan"), filed(), approved(), started());
        refused(new SummonDepartments(ID, List.of("transport"), null, DAY, null), office("xiluoyuan"), filed(), approved());
    }

    @Test
    void onlyTheDistrictReviewsCarriesOverCancelsAndEvaluates() {
        refused(new ApproveProject(ID, "2024-1", "u", DEADLINE, List.of("t"), DAY, null), office(PROJECT_STREET), filed());
        refused(new RejectProject(ID, "x", DAY, null), finance(), filed());
        refused(new CarryOverProject(ID, null, "2024-2", "x", false, DAY, null), office(PROJECT_STREET), filed(), approved());
        refused(new CancelProject(ID, "x", DAY, null), office(PROJECT_STREET), filed());
        refused(new EvaluateProject(ID, Rating.GOOD, null, DAY, null), auditor(), filed(), approved(), started(), completed());
    }

    @Test
    void onlyFinanceFunds() {
        refused(new RecordFunding(ID, "2024", BigDecimal.TEN, DAY, null), district(), filed(), approved());
        refused(new RecordFunding(ID, "2024", BigDecimal.TEN, DAY, null), office(PROJECT_STREET), filed(), approved());
    }

    @Test
    void anAuditorWritesNothing() {
        refused(file("taipingqiao", List.of("SEWER_BACKFLOW")), auditor());
        refused(new StartProject(ID, DAY, null), auditor(), filed(), approved());
    }

    @Test
    void aDepartmentReportsProgressOnlyWhereSummonedAndReportsInOnlyForItself() {
        DepartmentsSummoned summoned = new DepartmentsSummoned(ID, List.of("housing-bureau"), null, DAY, null);
        fixture.given(filed(), approved(), summoned, started())
                .when(new ReportProgress(ID, 30, "修缮中", DAY, null), department("housing-bureau"))
                .expectEvents(new ProjectProgressReported(ID, 30, "修缮中", DAY, null));
        refused(new ReportProgress(ID, 30, null, DAY, null), department("sports-bureau"), filed(), approved(), summoned, started());
        refused(new ReportIn(ID, "housing-bureau", "x", DAY, null), department("sports-bureau"), filed(), approved(), summoned);
        refused(new StartProject(ID, DAY, null), department("housing-bureau"), filed(), approved(), summoned);
    }

    @Test
    void theOwnOfficeRunsItsProject() {
        fixture.given(filed(), approved()).when(new StartProject(ID, DAY, null), office(PROJECT_STREET))
                .expectEvents(new ProjectStarted(ID, false, DAY, null));
    }
}
