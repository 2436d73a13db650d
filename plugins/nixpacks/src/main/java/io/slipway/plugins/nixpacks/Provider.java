package io.slipway.plugins.nixpacks;

/** A language or kind of app the planner recognises, after Nixpacks' providers. */
interface Provider {

    /** The provider's name, as {@code providers} in nixpacks.toml names it. */
    String name();

    boolean detect(SourceFiles files);

    ProviderPlan plan(SourceFiles files, NixpacksSettings settings);
}
