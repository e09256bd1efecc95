package cn.fengtai.pool.command.project;

import cn.fengtai.pool.command.project.ProjectRefusals.NoIssueType;
import cn.fengtai.pool.command.project.ProjectRefusals.UnknownDepartment;
import cn.fengtai.pool.command.project.ProjectRefusals.UnknownIssueType;
import cn.fengtai.pool.command.project.ProjectRefusals.UnknownStreet;
import cn.fengtai.pool.events.reference.ReferenceCodes;

import java.util.List;

/** Guards that a project only ever names streets, issue types and departments from the district's code lists. */
final class KnownCodes {

    private KnownCodes() {
    }

    static void requireStreet(String street) {
        if (!ReferenceCodes.isStreet(street)) throw new UnknownStreet(street);
    }

    static void requireIssueTypes(List<String> issueTypes) {
        if (issueTypes == null || issueTypes.isEmpty()) throw new NoIssueType();
        for (String issueType : issueTypes) {
            if (!ReferenceCodes.isIssueType(issueType)) throw new UnknownIssueType(issueType);
        }
    }

    static void requireDepartments(List<String> departments) {
        for (String department : departments) {
            if (!ReferenceCodes.isDepartment(department)) throw new UnknownDepartment(department);
        }
    }
}
