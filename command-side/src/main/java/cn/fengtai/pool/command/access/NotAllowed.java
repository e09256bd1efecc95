package cn.fengtai.pool.command.access;

import cn.fengtai.pool.command.refusal.Refusal;

/** The signed-in caller's role, street or department does not allow this command. */
public final class NotAllowed extends Refusal {

    NotAllowed(String message, String zh) {
        super(Kind.NOT_ALLOWED, message, zh);
    }
}
