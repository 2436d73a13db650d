package io.slipway.plugins.nixpacks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Java: Maven or Gradle (wrapper preferred) building a runnable jar, or a runnable jar as uploaded. */
final class JavaProvider implements Provider {

    @Override
    public String name() {
        return "java";
    }

    @Override
    public boolean detect(SourceFiles files) {
        return files.hasAny("pom.xml", "build.gradle", "build.gradle.kts", "mvnw", "gradlew")
                || !files.topFilesEndingWith(".jar").isEmpty();
    }

    @Override
    public ProviderPlan plan(SourceFiles files, NixpacksSettings settings) {
        Map<String, List<String>> cmds = new LinkedHashMap<>();
        String image = settings.javaImage();
        String jar;
        if (files.has("pom.xml")) {
            if (files.has("mvnw")) {
                cmds.put("build", List.of("chmod +x mvnw", "./mvnw -DskipTests -B package"));
            } else {
                image = settings.mavenImage();
                cmds.put("build", List.of("mvn -DskipTests -B package"));
            }
            jar = "$(ls target/*.jar | grep -v original | head -n 1)";
        } else if (files.hasAny("build.gradle", "build.gradle.kts", "gradlew")) {
            cmds.put("build", files.has("gradlew") ? List.of("chmod +x gradlew", "./gradlew build -x test")
                    : List.of("gradle build -x test"));
            jar = "$(ls build/libs/*.jar | grep -v plain | head -n 1)";
        } else {
            jar = files.topFilesEndingWith(".jar").get(0);
        }
        return new ProviderPlan(image, Map.of(), cmds, List.of(),
                Optional.of("java $JAVA_OPTS -Dserver.port=${PORT} -jar " + jar));
    }
}
