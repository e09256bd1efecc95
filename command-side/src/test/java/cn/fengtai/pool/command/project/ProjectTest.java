package cn.fengtai.pool.command.project;

import cn.fengtai.pool.command.project.Project.CarriedOver;
import cn.fengtai.pool.command.project.ProjectCommands.*;
import cn.fengtai.pool.command.project.ProjectRefusals.*;
import cn.fengtai.pool.events.Category;
import cn.fengtai.pool.events.Channel;
import cn.fengtai.pool.events.Rating;
import cn.fengtai.pool.events.project.*;
import cn.fengtai.pool.command.access.Actors;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** Every rule of a project's lifecycle, each with the refusal that enforces it. */
public class ProjectTest {

    public static final String ID = "p-1";
    public static final LocalDate DAY = LocalDate.of(2024, 3, 1);
    public static final LocalDate DEADLINE = LocalDate.of(2024, 6, 30);

    private FixtureConfiguration<Project> fixture;

    @BeforeEach
    void setUp() {
        fixture = Actors.signedInRightfully(new AggregateTestFixture<>(Project.class));
    }

    public static FileProject file(String street, List<String> issueTypes) {
        return new FileProject(ID, street, "精图社区", "丽源路55号院外管线更换", "2、3号楼下水道反水",
                Category.HOUSING, issueTypes, Channel.DOOR_VISIT, List.of(), new BigDecimal("180000.00"), DAY, "入户走访", null);
    }

    public static ProjectFiled filed() {
        return new ProjectFiled(ID, "taipingqiao", "精图社区", "丽源路55号院外管线更换", "2、3号楼下水道反水",
                Category.HOUSING, List.of("SEWER_BACKFLOW"), Channel.DOOR_VISIT, List.of(), new BigDecimal("180000.00"),
                DAY, "入户走访");
    }

    public static ProjectApproved approved() {
        return new ProjectApproved(ID, "2024-1", "太平桥街道", DEADLINE, List.of("更换外管线"), DAY, null);
    }

    public static ProjectFunded funded() {
        return new ProjectFunded(ID, "2024", new BigDecimal("150000"), new BigDecimal("150000"), DAY, null);
    }

    public static ProjectStarted started() {
        return new ProjectStarted(ID, true, DAY, null);
    }

    public static ProjectCompleted completed() {
        return new ProjectCompleted(ID, new BigDecimal("149000"), "换管和道路回填完成", DAY, null);
    }

    @Nested
    class Filing {
        @Test
        void aKnownStreetFilesAProject() {
            fixture.givenNoPriorActivity().when(file("taipingqiao", List.of("SEWER_BACKFLOW"))).expectEvents(filed());
        }

        @Test
        void aProjectFiledFromAnOfficesListKeepsItsNumberThere() {
            FileProject plain = file("taipingqiao", List.of("SEWER_BACKFLOW"));
            FileProject fromList = new FileProject(plain.projectId(), plain.street(), plain.community(), plain.title(),
                    plain.description(), plain.category(), plain.issueTypes(), plain.channel(), plain.appealRefs(),
                    plain.estimatedCost(), plain.effectiveDate(), plain.comment(), "TPQ-2024-07");
            ProjectFiled expected = filed();
            fixture.givenNoPriorActivity().when(fromList).expectEvents(new ProjectFiled(expected.projectId(), expected.street(),
                    expected.community(), expected.title(), expected.description(), expected.category(), expected.issueTypes(),
                    expected.channel(), expected.appealRefs(), expected.estimatedCost(), expected.effectiveDate(),
                    expected.comment(), "TPQ-2024-07"));
        }

        @Test
        void anUnknownStreetIsRefused() {
            fixture.givenNoPriorActivity().when(file("atlantis", List.of("SEWER_BACKFLOW")))
                    .expectNoEvents().expectException(UnknownStreet.class);
        }

        @Test
        void aProjectMustTargetAnIssueType() {
            fixture.givenNoPriorActivity().when(file("taipingqiao", List.of()))
                    .expectNoEvents().expectException(NoIssueType.class);
        }

        @Test
        void anUnknownIssueTypeIsRefused() {
            fixture.givenNoPriorActivity().when(file("taipingqiao", List.of("SEWER_BACKFLOW", "UFO_SIGHTINGS")))
                    .expectNoEvents().expectException(UnknownIssueType.class);
        }
    }

    @Nested
    class Review {
        @Test
        void aFiledProjectIsApprovedOntoABatch() {
            fixture.given(filed())
                    .when(new ApproveProject(ID, "2024-1", "太平桥街道", DEADLINE, List.of("更换外管线"), DAY, null))
                    .expectEvents(approved()).expectResultMessagePayload(1L);
        }

        @Test
        void aFiledProjectIsRejectedWithAReason() {
            fixture.given(filed()).when(new RejectProject(ID, "资金未落实", DAY, null))
                    .expectEvents(new ProjectRejected(ID, "资金未落实", DAY, null));
        }

        @Test
        void onlyAFiledProjectIsReviewed() {
            fixture.given(filed(), approved())
                    .when(new RejectProject(ID, "late", DAY, null))
                    .expectNoEvents().expectException(NotAwaitingReview.class);
            fixture.given(filed(), new ProjectRejected(ID, "no", DAY, null))
                    .when(new ApproveProject(ID, "2024-1", "x", DEADLINE, List.of("t"), DAY, null))
                    .expectNoEvents().expectException(NotAwaitingReview.class);
        }
    }

    @Nested
    class Funding {
        @Test
        void anApprovedProjectIsFundedAndFundingAddsUp() {
            fixture.given(filed(), approved(), funded())
                    .when(new RecordFunding(ID, "2024", new BigDecimal("20000.50"), DAY, null))
                    .expectEvents(new ProjectFunded(ID, "2024", new BigDecimal("20000.50"),
                            new BigDecimal("170000.50"), DAY, null));
        }

        @Test
        void aRejectedProjectIsNeverFunded() {
            fixture.given(filed(), new ProjectRejected(ID, "no", DAY, null))
                    .when(new RecordFunding(ID, "2024", BigDecimal.TEN, DAY, null))
                    .expectNoEvents().expectException(NotApproved.class);
        }

        @Test
        void aFiledProjectIsNotFundedBeforeApproval() {
            fixture.given(filed()).when(new RecordFunding(ID, "2024", BigDecimal.TEN, DAY, null))
                    .expectNoEvents().expectException(NotApproved.class);
        }

        @Test
        void aCompletedProjectIsNotFundedAnyMore() {
            fixture.given(filed(), approved(), started(), completed())
                    .when(new RecordFunding(ID, "2024", BigDecimal.TEN, DAY, null))
                    .expectNoEvents().expectException(NotApproved.class);
        }
    }

    @Nested
    class Implementation {
        @Test
        void aCompletedProjectIsNotCompletedAgainNorReportedOn() {
            fixture.given(filed(), approved(), started(), completed())
                    .when(new CompleteProject(ID, BigDecimal.ONE, "again", DAY, null))
                    .expectNoEvents().expectException(AlreadyCompleted.class);
            fixture.given(filed(), approved(), started(), completed())
                    .when(new ReportProgress(ID, 100, null, DAY, null))
                    .expectNoEvents().expectException(AlreadyCompleted.class);
        }

        @Test
        void startRecordsWhetherTheProjectWasFunded() {
            fixture.given(filed(), approved()).when(new StartProject(ID, DAY, null))
                    .expectEvents(new ProjectStarted(ID, false, DAY, null));
            fixture.given(filed(), approved(), funded()).when(new StartProject(ID, DAY, null))
                    .expectEvents(new ProjectStarted(ID, true, DAY, null));
        }

        @Test
        void aProjectIsNotStartedBeforeApprovalNorTwice() {
            fixture.given(filed()).when(new StartProject(ID, DAY, null))
                    .expectNoEvents().expectException(NotApproved.class);
            fixture.given(filed(), approved(), started()).when(new StartProject(ID, DAY, null))
                    .expectNoEvents().expectException(AlreadyStarted.class);
        }

        @Test
        void progressIsReportedForwardOnly() {
            fixture.given(filed(), approved(), started(), new ProjectProgressReported(ID, 40, "开挖", DAY, null))
                    .when(new ReportProgress(ID, 40, "仍在开挖", DAY, null))
                    .expectEvents(new ProjectProgressReported(ID, 40, "仍在开挖", DAY, null));
            fixture.given(filed(), approved(), started(), new ProjectProgressReported(ID, 40, "开挖", DAY, null))
                    .when(new ReportProgress(ID, 30, "oops", DAY, null))
                    .expectNoEvents().expectException(ProgressCannotGoBack.class);
        }

        @Test
        void progressIsAPercentage() {
            fixture.given(filed(), approved(), started()).when(new ReportProgress(ID, 101, null, DAY, null))
                    .expectNoEvents().expectException(ProgressOutOfRange.class);
            fixture.given(filed(), approved(), started()).when(new ReportProgress(ID, -1, null, DAY, null))
                    .expectNoEvents().expectException(ProgressOutOfRange.class);
        }

        @Test
        void progressNeedsAStartedProject() {
            fixture.given(filed(), approved()).when(new ReportProgress(ID, 10, null, DAY, null))
                    .expectNoEvents().expectException(NotStarted.class);
        }

        @Test
        void completionNeedsAStartedProject() {
            fixture.given(filed(), approved(), funded())
                    .when(new CompleteProject(ID, BigDecimal.ONE, "done", DAY, null))
                    .expectNoEvents().expectException(NotStarted.class);
            fixture.given(filed(), approved(), started())
                    .when(new CompleteProject(ID, new BigDecimal("149000"), "换管和道路回填完成", DAY, null))
                    .expectEvents(completed());
        }

        @Test
        void evaluationOnlyAfterCompletionAndOnce() {
            fixture.given(filed(), approved(), started())
                    .when(new EvaluateProject(ID, Rating.GOOD, null, DAY, null))
                    .expectNoEvents().expectException(NotCompleted.class);
            fixture.given(filed(), approved(), started(), completed())
                    .when(new EvaluateProject(ID, Rating.EXCELLENT, "居民满意", DAY, null))
                    .expectEvents(new ProjectEvaluated(ID, Rating.EXCELLENT, "居民满意", DAY, null));
            fixture.given(filed(), approved(), started(), completed(),
                            new ProjectEvaluated(ID, Rating.GOOD, null, DAY, null))
                    .when(new EvaluateProject(ID, Rating.EXCELLENT, null, DAY, null))
                    .expectNoEvents().expectException(AlreadyEvaluated.class);
        }
    }

    @Nested
    class SummonAndReportIn {
        @Test
        void summonedDepartmentsReportIn() {
            fixture.given(filed(), approved())
                    .when(new SummonDepartments(ID, List.of("housing-bureau", "sports-bureau"), "专题协调会", DAY, null))
                    .expectEvents(new DepartmentsSummoned(ID, List.of("housing-bureau", "sports-bureau"), "专题协调会", DAY, null));
            fixture.given(filed(), approved(),
                            new DepartmentsSummoned(ID, List.of("housing-bureau"), "专题协调会", DAY, null))
                    .when(new ReportIn(ID, "housing-bureau", "负责房屋修缮", DAY, null))
                    .expectEvents(new DepartmentReportedIn(ID, "housing-bureau", "负责房屋修缮", DAY, null));
        }

        @Test
        void aDepartmentReportsInOnlyWhereSummonedAndOnce() {
            fixture.given(filed(), approved(),
                            new DepartmentsSummoned(ID, List.of("housing-bureau"), null, DAY, null))
                    .when(new ReportIn(ID, "sports-bureau", "x", DAY, null))
                    .expectNoEvents().expectException(DepartmentNotSummoned.class);
            fixture.given(filed(), approved(),
                            new DepartmentsSummoned(ID, List.of("housing-bureau"), null, DAY, null),
                            new DepartmentReportedIn(ID, "housing-bureau", "x", DAY, null))
                    .when(new ReportIn(ID, "housing-bureau", "again", DAY, null))
                    .expectNoEvents().expectException(AlreadyReportedIn.class);
        }

        @Test
        void onlyKnownDepartmentsAreSummonedAndOnlyOnListedWork() {
            fixture.given(filed(), approved())
                    .when(new SummonDepartments(ID, List.of("ministry-of-magic"), null, DAY, null))
                    .expectNoEvents().expectException(UnknownDepartment.class);
            fixture.given(filed())
                    .when(new SummonDepartments(ID, List.of("housing-bureau"), null, DAY, null))
                    .expectNoEvents().expectException(NotApproved.class);
        }
    }

    @Nested
    class CarryOverAndCancel {
        @Test
        void anUnfinishedListedProjectIsCarriedOver() {
            fixture.given(filed(), approved(), started())
                    .when(new CarryOverProject(ID, null, "2024-2", "汛期顺延", false, DAY, null))
                    .expectEvents(new ProjectCarriedOver(ID, "2024-1", "2024-2", "汛期顺延", DAY, null))
                    .expectResultMessagePayload(new CarriedOver(3, "2024-1"));
        }

        @Test
        void aCompletedProjectIsNeverCarriedOver() {
            fixture.given(filed(), approved(), started(), completed())
                    .when(new CarryOverProject(ID, null, "2024-2", "x", false, DAY, null))
                    .expectNoEvents().expectException(NotCarriable.class);
        }

        @Test
        void anUnlistedProjectIsNotCarriedOver() {
            fixture.given(filed()).when(new CarryOverProject(ID, null, "2024-2", "x", false, DAY, null))
                    .expectNoEvents().expectException(NotCarriable.class);
        }

        @Test
        void notOntoTheBatchItIsOnNorFromOneItIsNotOn() {
            fixture.given(filed(), approved()).when(new CarryOverProject(ID, null, "2024-1", "x", false, DAY, null))
                    .expectNoEvents().expectException(SameBatch.class);
            fixture.given(filed(), approved()).when(new CarryOverProject(ID, "2023-2", "2024-2", "x", false, DAY, null))
                    .expectNoEvents().expectException(NotOnBatch.class);
        }

        @Test
        void aClosingBatchLeavesFinishedOrMovedProjectsBehindWithoutEvents() {
            fixture.given(filed(), approved(), started(), completed())
                    .when(new CarryOverProject(ID, "2024-1", "2024-2", "closed", true, DAY, null))
                    .expectNoEvents().expectSuccessfulHandlerExecution();
            fixture.given(filed(), approved(), new ProjectCarriedOver(ID, "2024-1", "2024-2", "x", DAY, null))
                    .when(new CarryOverProject(ID, "2024-1", "2024-3", "closed", true, DAY, null))
                    .expectNoEvents().expectSuccessfulHandlerExecution();
        }

        @Test
        void cancelAnyTimeBeforeCompletion() {
            fixture.given(filed(), approved(), started()).when(new CancelProject(ID, "拆迁", DAY, null))
                    .expectEvents(new ProjectCancelled(ID, "拆迁", DAY, null));
            fixture.given(filed()).when(new CancelProject(ID, "重复申报", DAY, null))
                    .expectEvents(new ProjectCancelled(ID, "重复申报", DAY, null));
            fixture.given(filed(), approved(), started(), completed()).when(new CancelProject(ID, "x", DAY, null))
                    .expectNoEvents().expectException(NotCancellable.class);
            fixture.given(filed(), new ProjectCancelled(ID, "x", DAY, null)).when(new CancelProject(ID, "x", DAY, null))
                    .expectNoEvents().expectException(NotCancellable.class);
        }

        @Test
        void aCancelledProjectCannotBeStarted() {
            fixture.given(filed(), approved(), new ProjectCancelled(ID, "x", DAY, null))
                    .when(new StartProject(ID, DAY, null))
                    .expectNoEvents().expectException(NotApproved.class);
        }
    }
}
