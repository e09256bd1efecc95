package cn.fengtai.pool.command.audit;

import cn.fengtai.pool.command.access.Role;
import cn.fengtai.pool.command.dispatch.ActorResolver;
import cn.fengtai.pool.events.audit.Checkpoint;
import cn.fengtai.pool.command.web.Commands;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Seals a checkpoint now rather than at the next period, for the district or an auditor about to export. */
@RestController
class CheckpointController {

    private final CheckpointSealer sealer;
    private final ActorResolver actors;

    CheckpointController(CheckpointSealer sealer, ActorResolver actors) {
        this.sealer = sealer;
        this.actors = actors;
    }

    @PostMapping("/api/audit/checkpoints")
    ResponseEntity<Checkpoint> sealNow() {
        actors.current().mustBe("seal checkpoints", Role.DISTRICT, Role.AUDITOR);
        Checkpoint checkpoint = sealer.seal();
        if (checkpoint == null) throw new Commands.UnknownResource("there are no events to seal yet");
        return ResponseEntity.status(201).body(checkpoint);
    }
}
