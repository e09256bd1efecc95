package cn.fengtai.pool.command.web;

import cn.fengtai.pool.wiring.PoolProperties;
import cn.fengtai.pool.command.dispatch.ActorResolver;
import cn.fengtai.pool.command.dispatch.CommandAnswer;
import cn.fengtai.pool.command.dispatch.CommandRunner;
import cn.fengtai.pool.command.dispatch.Sender;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.function.Function;
import java.util.regex.Pattern;

/** What every command endpoint does around its commands: actor, idempotency, business date and the answer. */
@Component
public class Commands {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,128}");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

    private final CommandRunner runner;
    private final ActorResolver actors;
    private final JsonMapper json;
    private final PoolProperties pool;

    Commands(CommandRunner runner, ActorResolver actors, JsonMapper json,
             PoolProperties pool) {
        this.runner = runner;
        this.actors = actors;
        this.json = json;
        this.pool = pool;
    }

    /** The business date of a request: what it says, or today in the district's time zone. */
    public LocalDate effectiveDate(CommandRequest request) {
        return request != null && request.effectiveDate() != null ? request.effectiveDate() : pool.districtDay(null);
    }

    public ResponseEntity<CommandAnswer> update(HttpServletRequest http, Object body, Function<Sender, CommandAnswer> work) {
        return ResponseEntity.ok(run(http, body, work));
    }

    public ResponseEntity<CommandAnswer> create(HttpServletRequest http, Object body, String location,
                                                Function<Sender, CommandAnswer> work) {
        CommandAnswer answer = run(http, body, work);
        return ResponseEntity.created(URI.create(location.replace("{id}", answer.id()))).body(answer);
    }

    /** Path ids are checked before use, so that no trick in a path reaches the event store. */
    public static String requireId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new UnknownResource("no resource has the id '" + (id == null ? "" : id.substring(0, Math.min(id.length(), 80))) + "'");
        }
        return id;
    }

    private CommandAnswer run(HttpServletRequest http, Object body, Function<Sender, CommandAnswer> work) {
        String key = http.getHeader(IDEMPOTENCY_KEY);
        if (key != null && !KEY.matcher(key).matches()) {
            throw new InvalidHeader(IDEMPOTENCY_KEY, "must be 1 to 128 visible ASCII characters");
        }
        String request = http.getMethod() + " " + http.getRequestURI() + " " + json.writeValueAsString(body);
        return runner.run(actors.current(), key, request, work);
    }

    /** A path names something that cannot exist. */
    public static final class UnknownResource extends RuntimeException {
        public UnknownResource(String message) {
            super(message, null, false, false);
        }
    }

    /** An uploaded file that cannot be read as what it is meant to be (a spreadsheet). */
    public static final class InvalidUpload extends RuntimeException {
        public InvalidUpload(String message) {
            super(message, null, false, false);
        }
    }

    /** A header is present but malformed. */
    public static final class InvalidHeader extends RuntimeException {
        final String header;

        InvalidHeader(String header, String message) {
            super(message, null, false, false);
            this.header = header;
        }
    }
}
