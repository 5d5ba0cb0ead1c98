package io.ssosync.ingest;

import java.util.List;
import java.util.stream.IntStream;

import io.smallrye.reactive.messaging.ChannelRegistry;
import io.smallrye.reactive.messaging.PausableChannel;
import io.ssosync.config.SsoSyncConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The registry topic's consumers in this process, paused and resumed together. With more than one
 * ({@code SSO_SYNC_INGEST_CONSUMERS}) the connector runs a copy of the channel per consumer, named
 * {@code idp-registry-events$1} and on, and the channel's own name stands for none of them.
 */
@ApplicationScoped
public class IntakeChannels {

    private final ChannelRegistry channels;
    private final List<String> names;

    @Inject
    public IntakeChannels(ChannelRegistry channels, SsoSyncConfig config) {
        this(channels, config.ingest().consumers());
    }

    IntakeChannels(ChannelRegistry channels, int consumers) {
        this.channels = channels;
        this.names = consumers <= 1 ? List.of(RegistryEventConsumer.CHANNEL)
                : IntStream.rangeClosed(1, consumers).mapToObj(i -> RegistryEventConsumer.CHANNEL + "$" + i).toList();
    }

    /** True once every consumer is paused; false before the connector has made them. */
    public boolean paused() {
        List<PausableChannel> consumers = consumers();
        return !consumers.isEmpty() && consumers.stream().allMatch(PausableChannel::isPaused);
    }

    /** @return whether a consumer was running and is paused now */
    public boolean pause() {
        boolean changed = false;
        for (PausableChannel consumer : consumers()) {
            if (!consumer.isPaused()) {
                consumer.pause();
                changed = true;
            }
        }
        return changed;
    }

    /** @return whether a consumer was paused and runs again now */
    public boolean resume() {
        boolean changed = false;
        for (PausableChannel consumer : consumers()) {
            if (consumer.isPaused()) {
                consumer.resume();
                changed = true;
            }
        }
        return changed;
    }

    private List<PausableChannel> consumers() {
        List<PausableChannel> consumers = names.stream().map(channels::getPausable).toList();
        // The connector registers them as it starts them: until then none is pausable.
        return consumers.contains(null) ? List.of() : consumers;
    }
}
