package io.slipway.core.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A page of a list in the API's shape: {@code {"items": [...], "nextCursor": "..."}}; the
 * cursor is left out on the last page.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record Page<T>(List<T> items, Optional<String> nextCursor) {
    public Page {
        items = List.copyOf(items);
        Objects.requireNonNull(nextCursor, "nextCursor");
    }

    /**
     * Cuts rows fetched with {@link PageRequest#fetchSize()} down to the page and makes the cursor
     * from the key of its last item when more rows exist.
     */
    public static <T> Page<T> of(List<T> fetched, PageRequest request, Function<T, String> key) {
        if (fetched.size() <= request.limit()) {
            return new Page<>(fetched, Optional.empty());
        }
        List<T> items = fetched.subList(0, request.limit());
        return new Page<>(items, Optional.of(PageRequest.encode(key.apply(items.get(items.size() - 1)))));
    }

    /** The same page with each item turned into its JSON form. */
    public <R> Page<R> map(Function<T, R> f) {
        return new Page<>(items.stream().map(f).toList(), nextCursor);
    }
}
