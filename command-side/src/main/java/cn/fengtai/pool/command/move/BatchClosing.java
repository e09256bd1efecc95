package cn.fengtai.pool.command.move;

import cn.fengtai.pool.command.batch.Batch.Closure;
import cn.fengtai.pool.command.batch.BatchCommands.CloseBatch;
import cn.fengtai.pool.command.dispatch.CommandAnswer;
import cn.fengtai.pool.command.dispatch.Sender;
import cn.fengtai.pool.command.project.ProjectCommands.CarryOverProject;

/**
 * Closing a batch carries every unfinished project on it over to the next batch, each as its own event on that
 * project. It all happens in the closing request's one transaction: a crash in the middle leaves nothing half done
 * (the close is simply not stored, and the client was not told it succeeded), and a closed batch refuses to close
 * again, so nothing is ever carried over twice.
 */
public final class BatchClosing {

    private BatchClosing() {
    }

    public static CommandAnswer close(Sender sender, CloseBatch close) {
        Closure closure = sender.send(close);
        String reason = "batch " + close.batchId() + " closed";
        for (String projectId : closure.listedProjects()) {
            ProjectMoves.carryOver(sender, new CarryOverProject(projectId, close.batchId(), close.carryOverTo(),
                    reason, true, close.effectiveDate(), close.comment()));
        }
        return new CommandAnswer(close.batchId(), closure.version());
    }
}
