package cn.fengtai.pool.command.project;

import cn.fengtai.pool.command.dispatch.CommandAnswer;
import cn.fengtai.pool.command.project.ProjectCommands.*;
import cn.fengtai.pool.command.web.CommandRequest;
import cn.fengtai.pool.command.web.Commands;
import cn.fengtai.pool.command.web.KnownCode;
import cn.fengtai.pool.events.Category;
import cn.fengtai.pool.events.Channel;
import cn.fengtai.pool.events.Rating;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.*;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.*;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static cn.fengtai.pool.command.web.KnownCode.CodeList.*;
import static cn.fengtai.pool.command.web.Commands.requireId;

/** The commands of a project's lifecycle that concern the project alone (the others: {@code command.move}). */
@RestController
@RequestMapping("/api/projects")
class ProjectCommandController {

    private final Commands commands;

    ProjectCommandController(Commands commands) {
        this.commands = commands;
    }

    record FileRequest(@NotBlank @KnownCode(STREET) String street, @Size(max = 100) String community,
                       @NotBlank @Size(max = 200) String title, @Size(max = 4000) String description,
                       @NotNull Category category,
                       @NotEmpty @Size(max = 10) List<@NotBlank @KnownCode(ISSUE_TYPE) String> issueTypes,
                       @NotNull Channel channel, @Size(max = 100) List<@NotBlank @Size(max = 64) String> appealRefs,
                       @NotNull @DecimalMin("0") @Digits(integer = 12, fraction = 2) BigDecimal estimatedCost,
                       LocalDate effectiveDate, @Size(max = 2000) String comment,
                       @Size(max = 64) String officeRef) implements CommandRequest {
    }

    @PostMapping
    ResponseEntity<CommandAnswer> file(@Valid @RequestBody FileRequest r, HttpServletRequest http) {
        return commands.create(http, r, "/api/projects/{id}", sender -> {
            String id = ProjectIds.next();
            sender.send(new FileProject(id, r.street(), r.community(), r.title(), r.description(), r.category(),
                    r.issueTypes(), r.channel(), r.appealRefs() == null ? List.of() : r.appealRefs(),
                    r.estimatedCost(), commands.effectiveDate(r), r.comment(), blankToNull(r.officeRef())));
            return new CommandAnswer(id, 0);
        });
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    record ReasonRequest(@NotBlank @Size(max = 2000) String reason, LocalDate effectiveDate,
                         @Size(max = 2000) String comment) implements CommandRequest {
    }

    @PostMapping("/{id}/reject")
    ResponseEntity<CommandAnswer> reject(@PathVariable String id, @Valid @RequestBody ReasonRequest r,
                                         HttpServletRequest http) {
        return commands.update(http, r, sender -> answer(id, sender.send(
                new RejectProject(requireId(id), r.reason(), commands.effectiveDate(r), r.comment()))));
    }

    record PlainRequest(LocalDate effectiveDate, @Size(max = 2000) String comment) implements CommandRequest {
    }

    @PostMapping("/{id}/start")
    ResponseEntity<CommandAnswer> start(@PathVariable String id, @Valid @RequestBody(required = false) PlainRequest r,
                                        HttpServletRequest http) {
        return commands.update(http, r, sender -> answer(id, sender.send(
                new StartProject(requireId(id), commands.effectiveDate(r), r == null ? null : r.comment()))));
    }

    record ProgressRequest(@NotNull @Min(0) @Max(100) Integer percent, @Size(max = 2000) String note,
                           LocalDate effectiveDate, @Size(max = 2000) String comment) implements CommandRequest {
    }

    @PostMapping("/{id}/progress")
    ResponseEntity<CommandAnswer> progress(@PathVariable String id, @Valid @RequestBody ProgressRequest r,
                                           HttpServletRequest http) {
        return commands.update(http, r, sender -> answer(id, sender.send(new ReportProgress(requireId(id),
                r.percent(), r.note(), commands.effectiveDate(r), r.comment()))));
    }

    record SummonRequest(@NotEmpty @Size(max = 20) List<@NotBlank @KnownCode(DEPARTMENT) String> departments,
                         @Size(max = 2000) String note, LocalDate effectiveDate, @Size(max = 2000) String comment)
            implements CommandRequest {
    }

    @PostMapping("/{id}/summon")
    ResponseEntity<CommandAnswer> summon(@PathVariable String id, @Valid @RequestBody SummonRequest r,
                                         HttpServletRequest http) {
        return commands.update(http, r, sender -> answer(id, sender.send(new SummonDepartments(requireId(id),
                List.copyOf(r.departments()), r.note(), commands.effectiveDate(r), r.comment()))));
    }

    record ReportInRequest(@NotBlank @KnownCode(DEPARTMENT) String department,
                           @NotBlank @Size(max = 2000) String commitment, LocalDate effectiveDate,
                           @Size(max = 2000) String comment) implements CommandRequest {
    }

    @PostMapping("/{id}/report-in")
    ResponseEntity<CommandAnswer> reportIn(@PathVariable String id, @Valid @RequestBody ReportInRequest r,
                                           HttpServletRequest http) {
        return commands.update(http, r, sender -> answer(id, sender.send(new ReportIn(requireId(id),
                r.department(), r.commitment(), commands.effectiveDate(r), r.comment()))));
    }

    record CompleteRequest(@NotNull @DecimalMin("0") @Digits(integer = 12, fraction = 2) BigDecimal actualCost,
                           @NotBlank @Size(max = 4000) String summary, LocalDate effectiveDate,
                           @Size(max = 2000) String comment) implements CommandRequest {
    }

    @PostMapping("/{id}/complete")
    ResponseEntity<CommandAnswer> complete(@PathVariable String id, @Valid @RequestBody CompleteRequest r,
                                           HttpServletRequest http) {
        return commands.update(http, r, sender -> answer(id, sender.send(new CompleteProject(requireId(id),
                r.actualCost(), r.summary(), commands.effectiveDate(r), r.comment()))));
    }

    record EvaluateRequest(@NotNull Rating rating, @Size(max = 2000) String note, LocalDate effectiveDate,
                           @Size(max = 2000) String comment) implements CommandRequest {
    }

    @PostMapping("/{id}/evaluate")
    ResponseEntity<CommandAnswer> evaluate(@PathVariable String id, @Valid @RequestBody EvaluateRequest r,
                                           HttpServletRequest http) {
        return commands.update(http, r, sender -> answer(id, sender.send(new EvaluateProject(requireId(id),
                r.rating(), r.note(), commands.effectiveDate(r), r.comment()))));
    }

    @PostMapping("/{id}/cancel")
    ResponseEntity<CommandAnswer> cancel(@PathVariable String id, @Valid @RequestBody ReasonRequest r,
                                         HttpServletRequest http) {
        return commands.update(http, r, sender -> answer(id, sender.send(
                new CancelProject(requireId(id), r.reason(), commands.effectiveDate(r), r.comment()))));
    }

    private static CommandAnswer answer(String id, long version) {
        return new CommandAnswer(id, version);
    }
}
