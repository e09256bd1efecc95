package cn.fengtai.pool.command.dispatch;

import cn.fengtai.pool.command.refusal.Refusal;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Locale;

/**
 * {@code pool.commands}: each command by its name and what became of it, what operators watch the rules at work by.
 * A command counts as {@code accepted} only once its request committed (its events are stored); the commands of an
 * attempt that lost to a concurrent change count as {@code conflict}; the command a rule refused as {@code refused},
 * tagged with the refusal's kind; one that failed otherwise (a store down) as {@code failed}.
 */
@Component
public class CommandMeters {

    private final MeterRegistry registry;

    CommandMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    void committed(List<String> commands) {
        commands.forEach(command -> count(command, "accepted", "none"));
    }

    void conflicted(List<String> commands) {
        commands.forEach(command -> count(command, "conflict", "none"));
    }

    /** The request failed while {@code commands} had been sent: the last of them is the one that failed. */
    void failed(List<String> commands, RuntimeException failure) {
        if (commands.isEmpty()) return;
        String command = commands.get(commands.size() - 1);
        if (failure instanceof Refusal refusal) {
            count(command, "refused", refusal.kind().name().toLowerCase(Locale.ROOT));
        } else {
            count(command, "failed", "none");
        }
    }

    private void count(String command, String outcome, String refusal) {
        registry.counter("pool.commands", "command", command, "outcome", outcome, "refusal", refusal).increment();
    }
}
