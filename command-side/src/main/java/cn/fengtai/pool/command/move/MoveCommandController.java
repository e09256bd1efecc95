package cn.fengtai.pool.command.move;

import cn.fengtai.pool.command.batch.BatchCommands;
import cn.fengtai.pool.command.batch.BatchCommands.CloseBatch;
import cn.fengtai.pool.command.dispatch.CommandAnswer;
import cn.fengtai.pool.command.project.ProjectCommands.ApproveProject;
import cn.fengtai.pool.command.project.ProjectCommands.CarryOverProject;
import cn.fengtai.pool.command.project.ProjectCommands.RecordFunding;
import cn.fengtai.pool.command.web.CommandRequest;
import cn.fengtai.pool.command.web.Commands;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.*;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.*;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static cn.fengtai.pool.command.web.Commands.requireId;

/**
 * The commands that move a project between aggregates, each in one request's transaction: approval lists it on a
 * batch, funding draws on a fund, a carry-over lists it on the next batch, and closing a batch carries its unfinished
 * projects over.
 */
@RestController
class MoveCommandController {

    private final Commands commands;

    MoveCommandController(Commands commands) {
        this.commands = commands;
    }

    record ApproveRequest(@NotBlank @Size(max = 64) String batch, @NotBlank @Size(max = 200) String responsibleUnit,
                          @NotNull LocalDate deadline,
                          @NotEmpty @Size(max = 50) List<@NotBlank @Size(max = 500) String> tasks,
                          LocalDate effectiveDate, @Size(max = 2000) String comment) implements CommandRequest {
    }

    @PostMapping("/api/projects/{id}/approve")
    ResponseEntity<CommandAnswer> approve(@PathVariable String id, @Valid @RequestBody ApproveRequest r,
                                          HttpServletRequest http) {
        return commands.update(http, r, sender -> ProjectMoves.approve(sender, new ApproveProject(requireId(id),
                r.batch(), r.responsibleUnit(), r.deadline(), r.tasks(), commands.effectiveDate(r), r.comment())));
    }

    record FundRequest(@NotBlank @Size(max = 64) String fund,
                       @NotNull @DecimalMin("0.01") @Digits(integer = 12, fraction = 2) BigDecimal amount,
                       LocalDate effectiveDate, @Size(max = 2000) String comment) implements CommandRequest {
    }

    @PostMapping("/api/projects/{id}/fund")
    ResponseEntity<CommandAnswer> fund(@PathVariable String id, @Valid @RequestBody FundRequest r,
                                       HttpServletRequest http) {
        return commands.update(http, r, sender -> ProjectMoves.fund(sender, new RecordFunding(requireId(id),
                r.fund(), r.amount(), commands.effectiveDate(r), r.comment())));
    }

    record CarryOverRequest(@NotBlank @Size(max = 64) String toBatch, @NotBlank @Size(max = 2000) String reason,
                            LocalDate effectiveDate, @Size(max = 2000) String comment) implements CommandRequest {
    }

    @PostMapping("/api/projects/{id}/carry-over")
    ResponseEntity<CommandAnswer> carryOver(@PathVariable String id, @Valid @RequestBody CarryOverRequest r,
                                            HttpServletRequest http) {
        return commands.update(http, r, sender -> new CommandAnswer(id, ProjectMoves.carryOver(sender,
                new CarryOverProject(requireId(id), null, r.toBatch(), r.reason(), false, commands.effectiveDate(r),
                        r.comment())).version()));
    }

    record CloseRequest(@NotBlank @Pattern(regexp = BatchCommands.BATCH_ID, message = "must look like 2024-2")
                        String carryOverTo, LocalDate effectiveDate, @Size(max = 2000) String comment)
            implements CommandRequest {
    }

    @PostMapping("/api/batches/{id}/close")
    ResponseEntity<CommandAnswer> close(@PathVariable String id, @Valid @RequestBody CloseRequest r,
                                        HttpServletRequest http) {
        return commands.update(http, r, sender -> BatchClosing.close(sender, new CloseBatch(requireId(id),
                r.carryOverTo(), commands.effectiveDate(r), r.comment())));
    }
}
