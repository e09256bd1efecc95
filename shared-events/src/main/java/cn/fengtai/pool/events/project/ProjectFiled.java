package cn.fengtai.pool.events.project;

import cn.fengtai.pool.events.Category;
import cn.fengtai.pool.events.Channel;
import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A street office filed (申报) a project into the pool. Revision 2: {@code issueTypes} became a list. {@code officeRef}
 * is the office's own number of the project on its list (项目编号), when it was filed from one; events stored before it
 * existed read it as null, so it came without a new revision.
 */
@Revision("2")
public record ProjectFiled(String projectId, String street, String community, String title, String description,
                           Category category, List<String> issueTypes, Channel channel, List<String> appealRefs,
                           BigDecimal estimatedCost, LocalDate effectiveDate, String comment, String officeRef) {

    /** A project filed without an office's number. */
    public ProjectFiled(String projectId, String street, String community, String title, String description,
                        Category category, List<String> issueTypes, Channel channel, List<String> appealRefs,
                        BigDecimal estimatedCost, LocalDate effectiveDate, String comment) {
        this(projectId, street, community, title, description, category, issueTypes, channel, appealRefs, estimatedCost,
                effectiveDate, comment, null);
    }
}
