package cn.fengtai.pool.command.fund;

import cn.fengtai.pool.command.dispatch.CommandAnswer;
import cn.fengtai.pool.command.fund.FundCommands.CreateFund;
import cn.fengtai.pool.command.web.CommandRequest;
import cn.fengtai.pool.command.web.Commands;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.*;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Setting up a special fund; allocations happen through {@code POST /api/projects/{id}/fund}. */
@RestController
@RequestMapping("/api/funds")
class FundCommandController {

    private final Commands commands;

    FundCommandController(Commands commands) {
        this.commands = commands;
    }

    record CreateFundRequest(@NotBlank @Pattern(regexp = "[0-9A-Za-z][0-9A-Za-z-]{0,31}") String id,
                         @NotNull @Min(2000) @Max(2100) Integer year,
                         @NotNull @DecimalMin("0.01") @Digits(integer = 12, fraction = 2) BigDecimal budget,
                         LocalDate effectiveDate, @Size(max = 2000) String comment) implements CommandRequest {
    }

    @PostMapping
    ResponseEntity<CommandAnswer> create(@Valid @RequestBody CreateFundRequest r, HttpServletRequest http) {
        return commands.create(http, r, "/api/funds/{id}", sender -> {
            sender.send(new CreateFund(r.id(), r.year(), r.budget(), commands.effectiveDate(r), r.comment()));
            return new CommandAnswer(r.id(), 0);
        });
    }
}
