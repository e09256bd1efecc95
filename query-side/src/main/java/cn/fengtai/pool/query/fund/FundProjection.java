package cn.fengtai.pool.query.fund;

import cn.fengtai.pool.events.fund.FundCreated;
import cn.fengtai.pool.query.readmodel.FoldingProjection;
import org.axonframework.config.ProcessingGroup;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** Keeps the {@code funds} collection. */
@Component
@ProcessingGroup(FundProjection.NAME)
public class FundProjection extends FoldingProjection<FundView> {

    public static final String NAME = "funds";
    public static final String EVENTS = FundCreated.class.getPackageName();

    public FundProjection(MongoTemplate mongo) {
        super(mongo, FundView.class, EVENTS, FundView::new, FundView::apply);
    }
}
