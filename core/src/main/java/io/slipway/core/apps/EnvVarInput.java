package io.slipway.core.apps;

/**
 * What {@code PUT /api/v1/apps/{app}/env/{name}} takes.
 *
 * @param value the value; may be left out only to change the flags of an existing secret
 * @param secret encrypt it and never show it again (default false)
 * @param buildTime pass it to the build too (default false)
 */
public record EnvVarInput(String value, Boolean secret, Boolean buildTime) {
    public boolean isSecret() {
        return Boolean.TRUE.equals(secret);
    }

    public boolean isBuildTime() {
        return Boolean.TRUE.equals(buildTime);
    }

    @Override
    public String toString() {
        return "EnvVarInput[secret=" + isSecret() + ", buildTime=" + isBuildTime() + "]";
    }
}
