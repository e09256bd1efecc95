package cn.fengtai.pool.command.dispatch;

/** What every command answers: the aggregate's id and its sequence number after the command. */
public record CommandAnswer(String id, long version) {
}
