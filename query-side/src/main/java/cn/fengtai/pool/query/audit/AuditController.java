package cn.fengtai.pool.query.audit;

import cn.fengtai.pool.events.audit.Checkpoint;
import cn.fengtai.pool.query.web.BadQuery;
import cn.fengtai.pool.query.web.NotFound;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import cn.fengtai.pool.events.audit.EventChain;
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

    record Export(Checkpoint checkpoint, String previousGlobalHash, List<AuditTrail.ExportedEvent> events) {
    }

    /**
     * The proof that one event is part of the signed history: the event and those after it up to the first checkpoint
     * that seals it, in canonical form, with the chain's hash just before it. Recomputing the chain from that hash over
     * these events must give the hash the checkpoint signed (SHA-256 leaves no other way to reach it), so the offline
     * verifier checks it with the public key alone. Its size is the events sealed with it, not the whole history.
     */
    @GetMapping("/proof/{position}")
    Export proof(@PathVariable long position) {
        if (!trail.exists(position)) throw new NotFound("no event is stored at position " + position);
        Checkpoint sealing = trail.checkpoints().stream().filter(c -> c.position() >= position).findFirst()
                .orElseThrow(() -> new NotFound("the event at position " + position + " is not sealed by a checkpoint "
                        + "yet; the next one comes within the checkpoint interval, or now with POST /api/audit/checkpoints"));
        return new Export(sealing, trail.globalHashBefore(position), trail.export(position, sealing.position()));
    }

    /** Every event up to a signed checkpoint (the newest by default), with that checkpoint. */
    @GetMapping("/export")
    Export export(@RequestParam(required = false) Long checkpoint) {
        List<Checkpoint> all = trail.checkpoints();
        if (all.isEmpty()) throw new NotFound("no checkpoint has been sealed yet: POST /api/audit/checkpoints");
        Checkpoint chosen = checkpoint == null ? all.get(all.size() - 1) : all.stream()
                .filter(c -> c.position() == checkpoint).findFirst()
                .orElseThrow(() -> new BadQuery("checkpoint", "no checkpoint was sealed at position " + checkpoint));
        return new Export(chosen, EventChain.GENESIS, trail.export(chosen.position()));
    }
}
