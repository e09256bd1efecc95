package cn.fengtai.pool.command.refusal;

/**
 * A command refused by a rule of the domain. Each concrete refusal is named after the rule it enforces, and says in a
 * sentence a clerk understands why the command was refused, in English and in Chinese.
 */
public abstract class Refusal extends RuntimeException {

    /** How the refusal reads to a client: the HTTP layer maps each kind to one status. */
    public enum Kind {
        /** The input names something that does not exist in the district's code lists. */
        INVALID_INPUT,
        /** The aggregate is not in a state that allows the move (e.g. completing a project never started). */
        ILLEGAL_TRANSITION,
        /** The move is legal but breaks a business rule (e.g. the fund has not enough left). */
        RULE_BROKEN,
        /** The caller's role, street or department does not allow the command. */
        NOT_ALLOWED
    }

    private final Kind kind;
    private final String zh;

    protected Refusal(Kind kind, String message, String zh) {
        super(message, null, false, false);
        this.kind = kind;
        this.zh = zh;
    }

    /** The same sentence in Chinese, for a reader who prefers it. */
    public String zh() {
        return zh;
    }

    public Kind kind() {
        return kind;
    }

    /** The rule's name, as clients see it in the problem detail. */
    public String rule() {
        return getClass().getSimpleName();
    }
}
