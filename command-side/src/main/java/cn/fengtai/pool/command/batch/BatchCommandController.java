package cn.fengtai.pool.command.batch;

import cn.fengtai.pool.command.batch.BatchCommands.CreateBatch;
import cn.fengtai.pool.command.batch.BatchCommands.PublishBatch;
import cn.fengtai.pool.command.dispatch.CommandAnswer;
import cn.fengtai.pool.command.web.CommandRequest;
import cn.fengtai.pool.command.web.Commands;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.*;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.*;

import java.time.LocalDate;

import static cn.fengtai.pool.command.web.Commands.requireId;

/** Creating and publishing batch lists (closing one moves its projects: {@code command.move}). */
@RestController
@RequestMapping("/api/batches")
class BatchCommandController {

    private final Commands commands;

    BatchCommandController(Commands commands) {
        this.commands = commands;
    }

    record CreateBatchRequest(@NotBlank @Pattern(regexp = BatchCommands.BATCH_ID, message = "must look like 2024-1")
                         String id,
                         @NotBlank @Size(max = 200) String name, @NotNull @Min(2000) @Max(2100) Integer year,
                         LocalDate effectiveDate, @Size(max = 2000) String comment) implements CommandRequest {
    }

    @PostMapping
    ResponseEntity<CommandAnswer> create(@Valid @RequestBody CreateBatchRequest r, HttpServletRequest http) {
        return commands.create(http, r, "/api/batches/{id}", sender -> {
            sender.send(new CreateBatch(r.id(), r.name(), r.year(), commands.effectiveDate(r), r.comment()));
            return new CommandAnswer(r.id(), 0);
        });
    }

    record PlainRequest(LocalDate effectiveDate, @Size(max = 2000) String comment) implements CommandRequest {
    }

    @PostMapping("/{id}/publish")
    ResponseEntity<CommandAnswer> publish(@PathVariable String id, @Valid @RequestBody(required = false) PlainRequest r,
                                          HttpServletRequest http) {
        return commands.update(http, r, sender -> new CommandAnswer(id, sender.<Long>send(new PublishBatch(
                requireId(id), commands.effectiveDate(r), r == null ? null : r.comment()))));
    }
}
