package cn.fengtai.pool.command.batch;

import cn.fengtai.pool.command.refusal.Refusal;

/** The rules a batch list enforces. */
public final class BatchRefusals {

    private BatchRefusals() {
    }

    public static final class BatchNotOpen extends Refusal {
        public BatchNotOpen(String batchId, BatchStatus status) {
            super(Kind.ILLEGAL_TRANSITION, "batch " + batchId + " is " + status + "; only an OPEN batch takes "
                    + "approvals and carry-overs");
        }
    }

    public static final class BatchNotPublished extends Refusal {
        public BatchNotPublished(String batchId, BatchStatus status) {
            super(Kind.ILLEGAL_TRANSITION, "batch " + batchId + " is " + status + "; only a PUBLISHED batch can be "
                    + "closed");
        }
    }

    public static final class AlreadyListed extends Refusal {
        public AlreadyListed(String batchId, String projectId) {
            super(Kind.ILLEGAL_TRANSITION, "project " + projectId + " is already on batch " + batchId);
        }
    }

    public static final class CarryOverToItself extends Refusal {
        public CarryOverToItself(String batchId) {
            super(Kind.INVALID_INPUT, "batch " + batchId + " cannot carry its projects over to itself");
        }
    }
}
