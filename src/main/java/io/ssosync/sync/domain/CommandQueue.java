package io.ssosync.sync.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * Which command of one connection goes next. A connection's commands go out strictly in order; a
 * parked (DEAD) command holds the later ones back until an operator replays it. The commands waiting
 * behind the head are folded into the newest of them: Clerk is brought straight to the newest desired
 * version, since each command's target is a whole desired state. Folding is safe behind a create in
 * doubt too, because that doubt is kept on the connection with what the create sent.
 */
public final class CommandQueue {

    /** An open command of the connection, as the outbox holds it. */
    public record Queued(long id, CommandStatus status) {
    }

    /** What to do next with the connection's queue. */
    public sealed interface Turn {
        /** Send {@code commandId}; the {@code folded} commands are superseded by it. */
        record Run(long commandId, List<Long> folded) implements Turn {
        }

        /** Nothing may go out for this connection now. */
        record Blocked(String reason) implements Turn {
        }
    }

    private CommandQueue() {
    }

    /**
     * @param open the connection's PENDING, IN_FLIGHT and DEAD commands in id order
     * @param head the command found due: the oldest open one, pending or with an expired lease
     */
    public static Turn next(List<Queued> open, long head) {
        if (open.isEmpty() || open.get(0).id() != head) {
            return new Turn.Blocked("an older command of the connection is still open");
        }
        if (open.get(0).status() == CommandStatus.DEAD) {
            return new Turn.Blocked("a parked command holds the connection back until it is replayed");
        }
        List<Long> runnable = new ArrayList<>();
        for (Queued command : open) {
            if (command.status() == CommandStatus.DEAD) {
                break;
            }
            if (command.id() == head || command.status() == CommandStatus.PENDING) {
                runnable.add(command.id());
            }
        }
        long newest = runnable.get(runnable.size() - 1);
        return new Turn.Run(newest, List.copyOf(runnable.subList(0, runnable.size() - 1)));
    }
}
