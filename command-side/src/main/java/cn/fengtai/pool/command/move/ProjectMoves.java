package cn.fengtai.pool.command.move;

import cn.fengtai.pool.command.batch.BatchCommands.ListProject;
import cn.fengtai.pool.command.dispatch.CommandAnswer;
import cn.fengtai.pool.command.dispatch.Sender;
import cn.fengtai.pool.command.fund.FundCommands.AllocateFunds;
import cn.fengtai.pool.command.project.Project.CarriedOver;
import cn.fengtai.pool.command.project.ProjectCommands.ApproveProject;
import cn.fengtai.pool.command.project.ProjectCommands.CarryOverProject;
import cn.fengtai.pool.command.project.ProjectCommands.RecordFunding;

/**
 * The moves of a project that another aggregate must agree to: the batch that takes it onto its list, the fund that
 * pays for it. Both commands run in the request's one transaction, the other aggregate first, so a refusal by either
 * stores nothing.
 */
public final class ProjectMoves {

    private ProjectMoves() {
    }

    public static CommandAnswer approve(Sender sender, ApproveProject approve) {
        sender.send(new ListProject(approve.batch(), approve.projectId(), null, approve.effectiveDate(),
                approve.comment()));
        long version = sender.send(approve);
        return new CommandAnswer(approve.projectId(), version);
    }

    public static CommandAnswer fund(Sender sender, RecordFunding funding) {
        sender.send(new AllocateFunds(funding.fund(), funding.projectId(), funding.amount(), funding.effectiveDate(),
                funding.comment()));
        long version = sender.send(funding);
        return new CommandAnswer(funding.projectId(), version);
    }

    /** Answers null when a closing batch leaves the project behind (finished, or already moved on). */
    public static CarriedOver carryOver(Sender sender, CarryOverProject carryOver) {
        CarriedOver moved = sender.send(carryOver);
        if (moved != null) {
            sender.send(new ListProject(carryOver.toBatch(), carryOver.projectId(), moved.fromBatch(),
                    carryOver.effectiveDate(), carryOver.comment()));
        }
        return moved;
    }
}
