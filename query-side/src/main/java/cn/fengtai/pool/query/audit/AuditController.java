package cn.fengtai.pool.query.audit;

import cn.fengtai.pool.events.audit.Checkpoint;
import cn.fengtai.pool.query.web.BadQuery;
import cn.fengtai.pool.query.web.NotFound;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * For auditors: whether the stored history is intact, the signed checkpoints, and an export that the offline verifier
 * ({@code cn.fengtai.pool.events.audit.VerifyExport}) checks with the public key alone.
 */
@RestController
@RequestMapping("/api/audit")
class AuditController {

    private final AuditTrail trail;

    AuditController(AuditTrail trail) {
        this.trail = trail;
    }

    @GetMapping("/verify")
    AuditTrail.Verdict verify() {
        return trail.verify();
    }

    @GetMapping("/checkpoints")
    List<Checkpoint> checkpoints() {
        return trail.checkpoints();
    }

    record Export(Checkpoint checkpoint, List<AuditTrail.ExportedEvent> events) {
    }

    /** Every event up to a signed checkpoint (the newest by default), with that checkpoint. */
    @GetMapping("/export")
    Export export(@RequestParam(required = false) Long checkpoint) {
        List<Checkpoint> all = trail.checkpoints();
        if (all.isEmpty()) throw new NotFound("no checkpoint has been sealed yet: POST /api/audit/checkpoints");
        Checkpoint chosen = checkpoint == null ? all.get(all.size() - 1) : all.stream()
                .filter(c -> c.position() == checkpoint).findFirst()
                .orElseThrow(() -> new BadQuery("checkpoint", "no checkpoint was sealed at position " + checkpoint));
        return new Export(chosen, trail.export(chosen.position()));
    }
}
