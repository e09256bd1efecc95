package cn.fengtai.pool.command.web;

import java.time.LocalDate;

/** The fields every command request may carry: the business date it takes effect (default today) and why. */
public interface CommandRequest {

    LocalDate effectiveDate();

    String comment();
}
