package cn.fengtai.pool.command.dispatch;

/** Sends one command on behalf of the request's actor, inside the request's transaction. */
@FunctionalInterface
public interface Sender {

    <R> R send(Object command);
}
