package cn.fengtai.pool.query.appeal;

import cn.fengtai.pool.query.readmodel.FoldingProjection;
import org.axonframework.config.ProcessingGroup;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** Keeps the {@code appeal_volumes} collection: the latest count of each street, issue type and month. */
@Component
@ProcessingGroup(AppealVolumeProjection.NAME)
public class AppealVolumeProjection extends FoldingProjection<AppealVolumeView> {

    public static final String NAME = "appeal-volumes";

    public AppealVolumeProjection(MongoTemplate mongo) {
        super(mongo, AppealVolumeView.class, "cn.fengtai.pool.events.appeal", AppealVolumeView::new,
                AppealVolumeView::apply);
    }
}
