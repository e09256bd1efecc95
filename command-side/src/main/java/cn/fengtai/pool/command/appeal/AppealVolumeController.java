package cn.fengtai.pool.command.appeal;

import cn.fengtai.pool.command.dispatch.CommandAnswer;
import cn.fengtai.pool.command.web.CommandRequest;
import cn.fengtai.pool.command.web.Commands;
import cn.fengtai.pool.command.web.KnownCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.*;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;

import static cn.fengtai.pool.command.web.KnownCode.CodeList.ISSUE_TYPE;
import static cn.fengtai.pool.command.web.KnownCode.CodeList.STREET;

/** Recording the monthly appeal counts that show whether the projects worked. */
@RestController
@RequestMapping("/api/appeal-volumes")
class AppealVolumeController {

    private final Commands commands;

    AppealVolumeController(Commands commands) {
        this.commands = commands;
    }

    record RecordRequest(@NotBlank @KnownCode(STREET) String street, @NotBlank @KnownCode(ISSUE_TYPE) String issueType,
                         @NotBlank @Pattern(regexp = "(199[0-9]|20[0-9]{2}|2100)-(0[1-9]|1[0-2])",
                                 message = "must be a month YYYY-MM from 1990-01 to 2100-12")
                         String month,
                         @NotNull @Min(0) @Max(100_000_000) Integer count, LocalDate effectiveDate,
                         @Size(max = 2000) String comment) implements CommandRequest {
    }

    /** 201 the first time a month is recorded, 200 for a correction. */
    @PostMapping
    ResponseEntity<CommandAnswer> record(@Valid @RequestBody RecordRequest r, HttpServletRequest http) {
        ResponseEntity<CommandAnswer> answer = commands.update(http, r, sender -> {
            RecordAppealVolume command = new RecordAppealVolume(r.street(), r.issueType(), r.month(), r.count(),
                    commands.effectiveDate(r), r.comment());
            long version = sender.send(command);
            return new CommandAnswer(command.volumeId(), version);
        });
        return answer.getBody().version() == 0 ? ResponseEntity.status(201).body(answer.getBody()) : answer;
    }
}
