package cn.fengtai.pool.command.project;

import cn.fengtai.pool.command.refusal.Refusal;
import cn.fengtai.pool.events.ProjectStatus;
import cn.fengtai.pool.events.reference.ReferenceCodes;

/** The rules a project enforces, one refusal each. */
public final class ProjectRefusals {

    private ProjectRefusals() {
    }

    /** The moves named in the refusals, as a Chinese sentence names them. */
    private static final java.util.Map<String, String> MOVES_ZH = java.util.Map.of("funded", "拨付经费", "started", "开始实施",
            "summoning departments", "吹哨部门", "reported in to", "报到", "reporting progress", "报告进度", "completion", "完成");

    private static String moveZh(String move) {
        return MOVES_ZH.getOrDefault(move, move);
    }

    private static String statusZh(ProjectStatus status) {
        return ReferenceCodes.zh("statuses", status.name());
    }

    private static String departmentZh(String code) {
        String name = ReferenceCodes.zh("departments", code);
        return name == null ? code : name;
    }

    public static final class UnknownStreet extends Refusal {
        public UnknownStreet(String street) {
            super(Kind.INVALID_INPUT, "'" + street + "' is not one of the district's street offices",
                    "“" + street + "”不是本区的街镇");
        }
    }

    public static final class UnknownIssueType extends Refusal {
        public UnknownIssueType(String issueType) {
            super(Kind.INVALID_INPUT, "'" + issueType + "' is not a known issue type",
                    "“" + issueType + "”不是已知的诉求类型");
        }
    }

    public static final class UnknownDepartment extends Refusal {
        public UnknownDepartment(String department) {
            super(Kind.INVALID_INPUT, "'" + department + "' is not a known department",
                    "“" + department + "”不是已知的部门");
        }
    }

    public static final class NoIssueType extends Refusal {
        public NoIssueType() {
            super(Kind.INVALID_INPUT, "a project must target at least one issue type",
                    "项目至少要针对一类诉求");
        }
    }

    public static final class NotAwaitingReview extends Refusal {
        public NotAwaitingReview(String projectId, ProjectStatus status) {
            super(Kind.ILLEGAL_TRANSITION, "project " + projectId + " is " + status + "; only a FILED project can be "
                    + "approved or rejected", "项目 " + projectId + " 当前为“" + statusZh(status) + "”，只有已申报的项目才能评审");
        }
    }

    public static final class NotApproved extends Refusal {
        public NotApproved(String projectId, ProjectStatus status, String what) {
            super(Kind.ILLEGAL_TRANSITION, "project " + projectId + " is " + status + "; it can be " + what
                    + " only after approval and before completion",
                    "项目 " + projectId + " 当前为“" + statusZh(status) + "”，须在评审入库之后、完成之前才能" + moveZh(what));
        }
    }

    public static final class AlreadyStarted extends Refusal {
        public AlreadyStarted(String projectId) {
            super(Kind.ILLEGAL_TRANSITION, "project " + projectId + " has already been started",
                    "项目 " + projectId + " 已经开始实施");
        }
    }

    public static final class NotStarted extends Refusal {
        public NotStarted(String projectId, ProjectStatus status, String what) {
            super(Kind.ILLEGAL_TRANSITION, "project " + projectId + " is " + status + "; " + what
                    + " needs a project in progress",
                    "项目 " + projectId + " 当前为“" + statusZh(status) + "”，只有实施中的项目才能" + moveZh(what));
        }
    }

    /** Completing, or reporting on, a project whose work is already done. */
    public static final class AlreadyCompleted extends Refusal {
        public AlreadyCompleted(String projectId, String what) {
            super(Kind.ILLEGAL_TRANSITION, "project " + projectId + " is completed already; " + what + " is for a project in progress",
                    "项目 " + projectId + " 已经完成，只有实施中的项目才能" + moveZh(what));
        }
    }

    public static final class ProgressOutOfRange extends Refusal {
        public ProgressOutOfRange(int percent) {
            super(Kind.INVALID_INPUT, "progress must be between 0 and 100 percent, not " + percent,
                    "进度应在 0 到 100 之间，而不是 " + percent);
        }
    }

    public static final class ProgressCannotGoBack extends Refusal {
        public ProgressCannotGoBack(int reported, int current) {
            super(Kind.RULE_BROKEN, "progress never goes backwards: " + reported + " % reported, " + current
                    + " % already recorded",
                    "进度不能倒退：报告 " + reported + "%，已记录 " + current + "%");
        }
    }

    public static final class DepartmentNotSummoned extends Refusal {
        public DepartmentNotSummoned(String projectId, String department) {
            super(Kind.RULE_BROKEN, "department " + department + " was not summoned to project " + projectId,
                    "部门“" + departmentZh(department) + "”没有被吹哨参与项目 " + projectId);
        }
    }

    public static final class AlreadyReportedIn extends Refusal {
        public AlreadyReportedIn(String projectId, String department) {
            super(Kind.ILLEGAL_TRANSITION, "department " + department + " has already reported in to project "
                    + projectId, "部门“" + departmentZh(department) + "”已经向项目 " + projectId + " 报到");
        }
    }

    public static final class NotCompleted extends Refusal {
        public NotCompleted(String projectId, ProjectStatus status) {
            super(Kind.ILLEGAL_TRANSITION, "project " + projectId + " is " + status + "; only a completed project "
                    + "can be evaluated", "项目 " + projectId + " 当前为“" + statusZh(status) + "”，只有已完成的项目才能评价");
        }
    }

    public static final class AlreadyEvaluated extends Refusal {
        public AlreadyEvaluated(String projectId) {
            super(Kind.ILLEGAL_TRANSITION, "project " + projectId + " has already been evaluated",
                    "项目 " + projectId + " 已经评价过");
        }
    }

    public static final class NotCarriable extends Refusal {
        public NotCarriable(String projectId, ProjectStatus status) {
            super(Kind.ILLEGAL_TRANSITION, "project " + projectId + " is " + status + "; only a listed, unfinished "
                    + "project can be carried over",
                    "项目 " + projectId + " 当前为“" + statusZh(status) + "”，只有在清单上且未完成的项目才能结转");
        }
    }

    public static final class SameBatch extends Refusal {
        public SameBatch(String projectId, String batch) {
            super(Kind.ILLEGAL_TRANSITION, "project " + projectId + " is already on batch " + batch,
                    "项目 " + projectId + " 已经在批次 " + batch + " 上");
        }
    }

    public static final class NotOnBatch extends Refusal {
        public NotOnBatch(String projectId, String batch) {
            super(Kind.ILLEGAL_TRANSITION, "project " + projectId + " is not currently on batch " + batch,
                    "项目 " + projectId + " 目前不在批次 " + batch + " 上");
        }
    }

    public static final class NotCancellable extends Refusal {
        public NotCancellable(String projectId, ProjectStatus status) {
            super(Kind.ILLEGAL_TRANSITION, "project " + projectId + " is " + status + "; only a project not yet "
                    + "completed, rejected or cancelled can be cancelled",
                    "项目 " + projectId + " 当前为“" + statusZh(status) + "”，已完成、未通过或已撤销的项目不能撤销");
        }
    }
}
