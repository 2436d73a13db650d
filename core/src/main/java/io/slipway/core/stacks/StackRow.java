package io.slipway.core.stacks;

import java.time.Instant;

/** A row of {@code stacks}: which app is a stack, under which id. */
record StackRow(long id, long appId, String app, String createdBy, Instant createdAt) {
}
