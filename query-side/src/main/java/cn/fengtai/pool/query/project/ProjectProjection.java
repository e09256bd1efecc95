package cn.fengtai.pool.query.project;

import cn.fengtai.pool.query.readmodel.FoldingProjection;
import org.axonframework.config.ProcessingGroup;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** Keeps the {@code projects} collection: one {@link ProjectView} per project. */
@Component
@ProcessingGroup(ProjectProjection.NAME)
public class ProjectProjection extends FoldingProjection<ProjectView> {

    public static final String NAME = "projects";

    public ProjectProjection(MongoTemplate mongo) {
        super(mongo, ProjectView.class, "cn.fengtai.pool.events.project", ProjectView::new, ProjectView::apply);
    }
}
