package cn.fengtai.pool.query.project;

import java.time.LocalDate;

/** A department summoned to a project, and whether and when it reported in. */
public record DepartmentView(String department, LocalDate summonedOn, String note, boolean reportedIn,
                             LocalDate reportedInOn, String commitment) {

    DepartmentView reportIn(LocalDate on, String commitment) {
        return new DepartmentView(department, summonedOn, note, true, on, commitment);
    }
}
