package io.slipway.plugins.nixpacks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Python: requirements.txt or pyproject.toml; Procfile, else gunicorn/uvicorn/Django detection, else main.py. */
final class PythonProvider implements Provider {
    static final String DEFAULT_VERSION = "3.12";

    @Override
    public String name() {
        return "python";
    }

    @Override
    public boolean detect(SourceFiles files) {
        return files.hasAny("requirements.txt", "pyproject.toml", "Pipfile", "setup.py", "main.py", "app.py");
    }

    @Override
    public ProviderPlan plan(SourceFiles files, NixpacksSettings settings) {
        Map<String, List<String>> cmds = new LinkedHashMap<>();
        cmds.put("setup", List.of("python -m venv /opt/venv"));
        if (files.has("requirements.txt")) {
            cmds.put("install", List.of("pip install --no-cache-dir -r requirements.txt"));
        } else if (files.has("pyproject.toml") || files.has("setup.py")) {
            cmds.put("install", List.of("pip install --no-cache-dir ."));
        }
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("PYTHONUNBUFFERED", "1");
        variables.put("PIP_DISABLE_PIP_VERSION_CHECK", "1");
        variables.put("VIRTUAL_ENV", "/opt/venv");
        variables.put("PATH", "/opt/venv/bin:/usr/local/bin:/usr/bin:/bin");
        return new ProviderPlan(NixpacksSettings.image(settings.pythonImage(), version(files)), variables, cmds,
                List.of(), start(files));
    }

    private static Optional<String> start(SourceFiles files) {
        Optional<String> procfile = Procfile.webCommand(files);
        if (procfile.isPresent()) {
            return procfile;
        }
        String deps = (files.read("requirements.txt").orElse("") + "\n" + files.read("pyproject.toml").orElse(""))
                .toLowerCase(Locale.ROOT);
        String module = files.has("app.py") ? "app" : files.has("main.py") ? "main" : files.has("wsgi.py") ? "wsgi" : "app";
        if (files.has("manage.py") && deps.contains("django")) {
            return djangoProject(files).map(p -> "python manage.py migrate && gunicorn " + p
                    + ".wsgi --bind 0.0.0.0:${PORT}");
        }
        if (deps.contains("gunicorn")) {
            return Optional.of("gunicorn " + module + ":app --bind 0.0.0.0:${PORT}");
        }
        if (deps.contains("uvicorn")) {
            return Optional.of("uvicorn " + module + ":app --host 0.0.0.0 --port ${PORT}");
        }
        return Optional.of("python " + (files.has("main.py") ? "main.py" : "app.py"));
    }

    private static Optional<String> djangoProject(SourceFiles files) {
        return files.read("manage.py").flatMap(text -> text.lines()
                .map(l -> l.replaceAll(".*DJANGO_SETTINGS_MODULE['\"]\\s*,\\s*['\"]([A-Za-z0-9_]+)\\.settings.*", "$1"))
                .filter(s -> s.matches("[A-Za-z0-9_]+")).findFirst());
    }

    private static String version(SourceFiles files) {
        return files.read(".python-version").map(String::strip)
                .map(v -> v.replaceAll("^(\\d+\\.\\d+).*", "$1")).filter(v -> v.matches("\\d+\\.\\d+"))
                .orElse(DEFAULT_VERSION);
    }
}
