package cn.fengtai.pool.wiring;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/** What a failure says about the event store's database. */
public final class StoreFailures {

    private StoreFailures() {
    }

    /**
     * A lost or refused database connection anywhere in the cause chain (SQL state class 08, a socket failure), or a
     * transaction the store could not commit or roll back: nothing was stored, the client may retry, and no one
     * request of a group commit is to blame.
     */
    public static boolean unreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof ConnectException
                    || t instanceof DataAccessResourceFailureException || t instanceof CannotCreateTransactionException
                    || t instanceof TransactionSystemException) return true;
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) return true;
            if (t.getCause() == t) break;
        }
        return false;
    }
}
