package cn.fengtai.pool.command.project;

import cn.fengtai.pool.command.refusal.Refusal;
import cn.fengtai.pool.events.ProjectStatus;

/** The rules a project enforces, one refusal each. */
public final class ProjectRefusals {

    private ProjectRefusals() {
    }

    public static final class UnknownStreet extends Refusal {
        public UnknownStreet(String street) {
            super(Kind.INVALID_INPUT, "'" + street + "' is not one of the district's street offices");
        }
    }

    public static final class UnknownIssueType extends Refusal {
        public UnknownIssueType(String issueType) {
            super(Kind.INVALID_INPUT, "'" + issueType + "' is not a known issue type");
        }
    }

    public static final class UnknownDepartment extends Refusal {
        public UnknownDepartment(String department) {
            super(Kind.INVALID_INPUT, "'" + department + "' is not a known department");
        }
    }

    public static final class NoIssueType extends Refusal {
        public NoIssueType() {
            super(Kind.INVALID_INPUT, "a project must target at least one issue type");
        }
    }

    public static final class NotAwaitingReview extends Refusal {
        public NotAwaitingReview(String projectId, ProjectStatus status) {
            super(Kind.ILLEGAL_TRANSITION, "project " + projectId + " is " + status + "; only a FILED project can be "
                    + "approved or rejected");
        }
    }

    public static final class NotApproved extends Refusal {
        public NotApproved(String projectId, ProjectStatus status, String what) {
            super(Kind.ILLEGAL_TRANSITION, "project " + projectId + " is " + status + "; it can be " + what
                    + " only after approval and before completion");
        }
    }

    public static final class AlreadyStarted extends Refusal {
        public AlreadyStarted(String projectId) {
            super(Kind.ILLEGAL_TRANSITION, "project " + projectId + " has already been started");
        }
    }

    public static final class NotStarted extends Refusal {
        public NotStarted(String projectId, ProjectStatus status, String what) {
            super(Kind.ILLEGAL_TRANSITION, "project " + projectId + " is " + status + "; " + what
                    + " needs a project in progress");
        }
    }

    /** Completing, or reporting on, a project whose work is already done. */
    public static final class AlreadyCompleted extends Refusal {
        public AlreadyCompleted(String projectId, String what) {
            super(Kind.ILLEGAL_TRANSITION, "project " + projectId + " is completed already; " + what + " is for a project in progress");
        }
    }

    public static final class ProgressOutOfRange extends Refusal {
        public ProgressOutOfRange(int percent) {
            super(Kind.INVALID_INPUT, "progress must be between 0 and 100 percent, not " + percent);
        }
    }

    public static final class ProgressCannotGoBack extends Refusal {
        public ProgressCannotGoBack(int reported, int current) {
            super(Kind.RULE_BROKEN, "progress never goes backwards: " + reported + " % reported, " + current
                    + " % already recorded");
        }
    }

    public static final class DepartmentNotSummoned extends Refusal {
        public DepartmentNotSummoned(String projectId, String department) {
            super(Kind.RULE_BROKEN, "department " + department + " was not summoned to project " + projectId);
        }
    }

    public static final class AlreadyReportedIn extends Refusal {
        public AlreadyReportedIn(String projectId, String department) {
            super(Kind.ILLEGAL_TRANSITION, "department " + department + " has already reported in to project "
                    + projectId);
        }
    }

    public static final class NotCompleted extends Refusal {
        public NotCompleted(String projectId, ProjectStatus status) {
            super(Kind.ILLEGAL_TRANSITION, "project " + projectId + " is " + status + "; only a completed project "
                    + "can be evaluated");
        }
    }

    public static final class AlreadyEvaluated extends Refusal {
        public AlreadyEvaluated(String projectId) {
            super(Kind.ILLEGAL_TRANSITION, "project " + projectId + " has already been evaluated");
        }
    }

    public static final class NotCarriable extends Refusal {
        public NotCarriable(String projectId, ProjectStatus status) {
            super(Kind.ILLEGAL_TRANSITION, "project " + projectId + " is " + status + "; only a listed, unfinished "
                    + "project can be carried over");
        }
    }

    public static final class SameBatch extends Refusal {
        public SameBatch(String projectId, String batch) {
            super(Kind.ILLEGAL_TRANSITION, "project " + projectId + " is already on batch " + batch);
        }
    }

    public static final class NotOnBatch extends Refusal {
        public NotOnBatch(String projectId, String batch) {
            super(Kind.ILLEGAL_TRANSITION, "project " + projectId + " is not currently on batch " + batch);
        }
    }

    public static final class NotCancellable extends Refusal {
        public NotCancellable(String projectId, ProjectStatus status) {
            super(Kind.ILLEGAL_TRANSITION, "project " + projectId + " is " + status + "; only a project not yet "
                    + "completed, rejected or cancelled can be cancelled");
        }
    }
}
