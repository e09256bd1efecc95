package cn.fengtai.pool.command;

import cn.fengtai.pool.events.ActorMetaData;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Who did it travels from a command to its events, and no further: no event handler here sends anything. */
class CorrelationTest {

    private final MetaData actor = MetaData.with(ActorMetaData.USER, "district");
    private final org.axonframework.messaging.correlation.CorrelationDataProvider provider = AxonCommandConfiguration.fromCommands(new SimpleCorrelationDataProvider(ActorMetaData.USER));

    @Test
    void aCommandPassesItsActorOn() {
        assertThat(provider.correlationDataFor(GenericCommandMessage.asCommandMessage("approve").withMetaData(actor))
                .get(ActorMetaData.USER)).isEqualTo("district");
    }

    @Test
    void anEventBeingHandledPassesNothingOn() {
        assertThat(provider.correlationDataFor(GenericEventMessage.asEventMessage("approved").withMetaData(actor))).isEmpty();
    }
}
