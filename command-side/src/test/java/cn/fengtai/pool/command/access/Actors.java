package cn.fengtai.pool.command.access;

import cn.fengtai.pool.command.appeal.RecordAppealVolume;
import cn.fengtai.pool.command.fund.FundCommands;
import cn.fengtai.pool.command.project.ProjectCommands.*;
import cn.fengtai.pool.events.ActorMetaData;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.test.aggregate.FixtureConfiguration;

import java.util.Map;

/** Actors for fixture tests, and the rightful actor of each command for tests about the rules themselves. */
public final class Actors {

    public static final String PROJECT_STREET = "taipingqiao";

    private Actors() {
    }

    public static Map<String, Object> district() {
        return new Actor("district", Role.DISTRICT, null, null).asMetaData();
    }

    public static Map<String, Object> finance() {
        return new Actor("finance", Role.FINANCE, null, null).asMetaData();
    }

    public static Map<String, Object> auditor() {
        return new Actor("auditor", Role.AUDITOR, null, null).asMetaData();
    }

    public static Map<String, Object> office(String street) {
        return new Actor("street." + street, Role.STREET, street, null).asMetaData();
    }

    public static Map<String, Object> department(String code) {
        return new Actor("dept." + code, Role.DEPARTMENT, null, code).asMetaData();
    }

    /** The user whose job the command is, as API.md's "who" column says (street commands: the project's street). */
    public static Map<String, Object> rightful(Object command) {
        if (command instanceof RecordFunding || command instanceof FundCommands.CreateFund
                || command instanceof FundCommands.AllocateFunds) return finance();
        if (command instanceof StartProject || command instanceof CompleteProject || command instanceof SummonDepartments
                || command instanceof ReportProgress) return office(PROJECT_STREET);
        if (command instanceof ReportIn reportIn) return department(reportIn.department());
        if (command instanceof RecordAppealVolume) return district();
        return district();
    }

    /** Signs every command in as its rightful actor, unless the test names one. */
    public static <T> FixtureConfiguration<T> signedInRightfully(FixtureConfiguration<T> fixture) {
        fixture.registerCommandDispatchInterceptor(messages -> (index, message) ->
                message.getMetaData().containsKey(ActorMetaData.ROLE) ? message
                        : (CommandMessage<?>) message.andMetaData(rightful(message.getPayload())));
        return fixture;
    }
}
