package cn.fengtai.pool.command.fund;

import cn.fengtai.pool.command.refusal.Refusal;

import java.math.BigDecimal;

/** The rules a special fund enforces. */
public final class FundRefusals {

    private FundRefusals() {
    }

    public static final class FundExhausted extends Refusal {
        public FundExhausted(String fundId, BigDecimal asked, BigDecimal remaining) {
            super(Kind.RULE_BROKEN, "fund " + fundId + " has " + remaining.toPlainString() + " yuan left; "
                    + asked.toPlainString() + " yuan cannot be allocated",
                    "专项资金 " + fundId + " 余额 " + remaining.toPlainString() + " 元，不能再安排 " + asked.toPlainString() + " 元");
        }
    }

    public static final class NotAPositiveAmount extends Refusal {
        public NotAPositiveAmount(BigDecimal amount) {
            super(Kind.INVALID_INPUT, "an amount must be more than 0 yuan, not " + amount.toPlainString(),
                    "金额必须大于 0 元，而不是 " + amount.toPlainString());
        }
    }
}
