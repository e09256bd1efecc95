package cn.fengtai.pool.query.project;

import java.math.BigDecimal;

/** What one special fund has allocated to a project, in total. */
public record Funding(String fund, BigDecimal amount) {

    Funding plus(BigDecimal more) {
        return new Funding(fund, more == null ? amount : amount.add(more));
    }
}
