package cn.fengtai.pool.command.batch;

import cn.fengtai.pool.command.refusal.Refusal;

/** The rules a batch list enforces. */
public final class BatchRefusals {

    private BatchRefusals() {
    }

    private static String statusZh(BatchStatus status) {
        return switch (status) {
            case OPEN -> "开放中";
            case PUBLISHED -> "已公布";
            case CLOSED -> "已关闭";
        };
    }

    public static final class BatchNotOpen extends Refusal {
        public BatchNotOpen(String batchId, BatchStatus status) {
            super(Kind.ILLEGAL_TRANSITION, "batch " + batchId + " is " + status + "; only an OPEN batch takes "
                    + "approvals and carry-overs",
                    "批次 " + batchId + " 当前为“" + statusZh(status) + "”，只有开放中的批次才能入库和结转");
        }
    }

    public static final class BatchNotPublished extends Refusal {
        public BatchNotPublished(String batchId, BatchStatus status) {
            super(Kind.ILLEGAL_TRANSITION, "batch " + batchId + " is " + status + "; only a PUBLISHED batch can be "
                    + "closed", "批次 " + batchId + " 当前为“" + statusZh(status) + "”，只有已公布的批次才能关闭");
        }
    }

    public static final class AlreadyListed extends Refusal {
        public AlreadyListed(String batchId, String projectId) {
            super(Kind.ILLEGAL_TRANSITION, "project " + projectId + " is already on batch " + batchId,
                    "项目 " + projectId + " 已经在批次 " + batchId + " 的清单上");
        }
    }

    public static final class CarryOverToItself extends Refusal {
        public CarryOverToItself(String batchId) {
            super(Kind.INVALID_INPUT, "batch " + batchId + " cannot carry its projects over to itself",
                    "批次 " + batchId + " 不能把项目结转到本批次");
        }
    }
}
