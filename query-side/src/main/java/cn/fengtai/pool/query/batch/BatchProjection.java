package cn.fengtai.pool.query.batch;

import cn.fengtai.pool.query.readmodel.FoldingProjection;
import org.axonframework.config.ProcessingGroup;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** Keeps the {@code batches} collection. */
@Component
@ProcessingGroup(BatchProjection.NAME)
public class BatchProjection extends FoldingProjection<BatchView> {

    public static final String NAME = "batches";

    public BatchProjection(MongoTemplate mongo) {
        super(mongo, BatchView.class, "cn.fengtai.pool.events.batch", BatchView::new, BatchView::apply);
    }
}
