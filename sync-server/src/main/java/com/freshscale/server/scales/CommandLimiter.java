package com.freshscale.server.scales;

import com.freshscale.protocol.status.ScaleCommand;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Limits the commands sent to one scale: the same command at most once per {@link #SAME_COMMAND} (a model
 * reload takes seconds on a Pi; pressing the button three times does not make it faster, it only reloads three
 * times), and at most {@link #PER_MINUTE} commands a minute of any kind. Refusals are {@link LimitedException}s
 * (HTTP 429 with the wait).
 */
final class CommandLimiter {
    static final Duration SAME_COMMAND = Duration.ofSeconds(30);
    static final int PER_MINUTE = 6;

    /** Too many commands: try again after {@code retryAfter}. */
    static final class LimitedException extends RuntimeException {
        final Duration retryAfter;

        LimitedException(String message, Duration retryAfter) {
            super(message, null, false, false);
            this.retryAfter = retryAfter;
        }
    }

    private final Clock clock;
    private final Map<String, Deque<Long>> recent = new HashMap<>();
    private final Map<String, Long> lastOfKind = new HashMap<>();

    CommandLimiter(Clock clock) {
        this.clock = clock;
    }

    synchronized void acquire(String scale, ScaleCommand.Command command) {
        long now = clock.millis();
        Long last = lastOfKind.get(scale + "|" + command);
        if (last != null && now - last < SAME_COMMAND.toMillis()) {
            Duration wait = Duration.ofMillis(SAME_COMMAND.toMillis() - (now - last));
            throw new LimitedException(command + " was sent to this scale " + (now - last) / 1000 + " s ago: wait "
                    + Math.max(1, wait.toSeconds()) + " s", wait);
        }
        Deque<Long> q = recent.computeIfAbsent(scale, k -> new ArrayDeque<>());
        while (!q.isEmpty() && now - q.peekFirst() >= 60_000) q.pollFirst();
        if (q.size() >= PER_MINUTE) {
            Duration wait = Duration.ofMillis(60_000 - (now - q.peekFirst()));
            throw new LimitedException("at most " + PER_MINUTE + " commands a minute to one scale: wait " + Math.max(1, wait.toSeconds())
                    + " s", wait);
        }
        q.addLast(now);
        lastOfKind.put(scale + "|" + command, now);
    }
}
