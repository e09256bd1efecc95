package cn.fengtai.pool.command.dispatch;

import cn.fengtai.pool.command.refusal.Refusal;

/** The client sent a different request under a key it already used. */
public final class IdempotencyKeyReused extends Refusal {

    IdempotencyKeyReused(String key) {
        super(Kind.RULE_BROKEN, "Idempotency-Key '" + key + "' was already used for a different request",
                "幂等键“" + key + "”已用于另一个不同的请求");
    }
}
