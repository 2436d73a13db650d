package io.slipway.core.pages.internal;

/**
 * The environment variable form's input, shown again after a failed save. A secret's value is
 * never shown again, so it is left empty then.
 */
public record EnvForm(String name, String value, boolean secret, boolean buildTime) {
    public static EnvForm empty() {
        return new EnvForm("", "", false, false);
    }

    public static EnvForm of(FormInput form) {
        boolean secret = form.checked("secret");
        return new EnvForm(form.text("name").orElse(""), secret ? "" : form.get("value").orElse(""),
                secret, form.checked("buildTime"));
    }
}
