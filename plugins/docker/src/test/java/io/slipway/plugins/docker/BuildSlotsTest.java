package io.slipway.plugins.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.plugin.api.StepCancelledException;
import io.slipway.plugin.api.StepFailedException;
import io.slipway.plugin.testkit.TestStepContext;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BuildSlotsTest {
    private static final Duration POLL = Duration.ofMillis(20);

    @Test
    void waitsForMemorySayingHowMuchIsFree() {
        AtomicInteger reads = new AtomicInteger();
        BuildSlots slots = new BuildSlots(2, 512,
                () -> OptionalLong.of(reads.incrementAndGet() < 4 ? 300 : 4096), POLL);
        TestStepContext step = TestStepContext.withTimeout(Duration.ofSeconds(10));

        try (BuildSlots.Slot slot = slots.acquire(step)) {
            assertEquals(1, slots.running());
        }

        assertEquals(java.util.List.of("Waiting: only 300 MB free memory, need 512 MB"), step.lines());
        assertEquals(0, slots.running());
    }

    @Test
    void aBuildWaitingForASlotCanBeCancelled() throws Exception {
        BuildSlots slots = new BuildSlots(1, 512, OptionalLong::empty, POLL);
        BuildSlots.Slot held = slots.acquire(TestStepContext.withTimeout(Duration.ofSeconds(10)));
        TestStepContext step = TestStepContext.withTimeout(Duration.ofSeconds(10));
        CompletableFuture<BuildSlots.Slot> waiting = CompletableFuture.supplyAsync(() -> slots.acquire(step),
                DockerfileBuilderTest.OWN_THREAD);
        DockerfileBuilderTest.awaitTrue(() -> step.logged("Waiting: 1 builds running (max 1)"), Duration.ofSeconds(5));

        step.cancel();

        Throwable e = assertThrows(Exception.class, () -> waiting.get(5, TimeUnit.SECONDS)).getCause();
        assertTrue(e instanceof StepCancelledException, String.valueOf(e));
        held.close();
        held.close(); // closing twice gives back one slot only
        assertEquals(0, slots.running());
    }

    @Test
    void aBuildWaitingForMemoryCanBeCancelled() throws Exception {
        BuildSlots slots = new BuildSlots(1, 512, () -> OptionalLong.of(100), POLL);
        TestStepContext step = TestStepContext.withTimeout(Duration.ofSeconds(10));
        CompletableFuture<BuildSlots.Slot> waiting = CompletableFuture.supplyAsync(() -> slots.acquire(step),
                DockerfileBuilderTest.OWN_THREAD);
        DockerfileBuilderTest.awaitTrue(() -> step.logged("Waiting: only 100 MB"), Duration.ofSeconds(5));

        step.cancel();

        Throwable e = assertThrows(Exception.class, () -> waiting.get(5, TimeUnit.SECONDS)).getCause();
        assertTrue(e instanceof StepCancelledException, String.valueOf(e));
        assertEquals(0, slots.running(), "the slot held while waiting for memory is given back");
    }

    @Test
    void givesUpAtTheStepsDeadline() {
        BuildSlots slots = new BuildSlots(1, 512, () -> OptionalLong.of(100), POLL);

        StepFailedException e = assertThrows(StepFailedException.class,
                () -> slots.acquire(TestStepContext.withTimeout(Duration.ofMillis(100))));

        assertTrue(e.getMessage().contains("only 100 MB free memory, need 512 MB"), e.getMessage());
    }

    @Test
    void readsItsLimitsFromTheEnvironment() {
        assertEquals(2, BuildSlots.fromEnvironment(Map.of()).max());
        assertEquals(5, BuildSlots.fromEnvironment(Map.of("SLIPWAY_DOCKER_MAX_BUILDS", "5")).max());
        assertEquals(2, BuildSlots.fromEnvironment(Map.of("SLIPWAY_DOCKER_MAX_BUILDS", "zero")).max());
        assertEquals(2, BuildSlots.fromEnvironment(Map.of("SLIPWAY_DOCKER_MAX_BUILDS", "0")).max());
    }

    @Test
    void readsMemAvailableFromMeminfo() {
        assertEquals(OptionalLong.of(300), MemInfo.parseAvailableMb(java.util.List.of(
                "MemTotal:       24684000 kB", "MemFree:          100000 kB", "MemAvailable:     307200 kB")));
        assertEquals(OptionalLong.empty(), MemInfo.parseAvailableMb(java.util.List.of("MemTotal: 1 kB")));
        assertEquals(OptionalLong.empty(), MemInfo.availableMb(java.nio.file.Path.of("/no/such/meminfo")));
    }
}
