package io.slipway.plugins.compose;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Options that let a container reach past its sandbox (the host's network, processes, files,
 * devices, the Docker socket). Each is refused unless an admin allowed it for the stack; the
 * names below are what the admin allows.
 */
final class Safety {
    static final List<String> OPTIONS = List.of("privileged", "network_mode_host", "pid_host", "bind_mounts",
            "docker_socket", "cap_add", "devices");

    private Safety() {
    }

    /** @throws InvalidComposeException for the first forbidden option found */
    static void check(ComposeFile file, Set<String> allowed) {
        for (ServiceSpec s : file.services().values()) {
            List<String[]> uses = uses(s);
            for (String[] use : uses) {
                if (!allowed.contains(use[0])) {
                    throw new InvalidComposeException("services." + s.name(), "Service '" + s.name() + "' uses "
                            + use[1] + ", which Slipway refuses by default because it gives the container access to"
                            + " the host. Remove it, or ask an admin to allow '" + use[0] + "' for this stack.");
                }
            }
        }
    }

    private static List<String[]> uses(ServiceSpec s) {
        List<String[]> out = new ArrayList<>();
        ServiceSpec.Privileges p = s.privileges();
        if (p.privileged()) {
            out.add(new String[] {"privileged", "'privileged: true'"});
        }
        p.networkMode().filter(m -> m.equals("host")).ifPresent(m -> out.add(new String[] {"network_mode_host",
                "'network_mode: host'"}));
        p.networkMode().filter(m -> !m.equals("host") && !m.equals("bridge") && !m.equals("none"))
                .ifPresent(m -> out.add(new String[] {"network_mode_host", "'network_mode: " + m + "'"}));
        p.pid().filter(m -> m.equals("host")).ifPresent(m -> out.add(new String[] {"pid_host", "'pid: host'"}));
        if (!p.capAdd().isEmpty()) {
            out.add(new String[] {"cap_add", "'cap_add: " + p.capAdd() + "'"});
        }
        if (!p.devices().isEmpty()) {
            out.add(new String[] {"devices", "'devices: " + p.devices() + "'"});
        }
        for (ServiceSpec.MountSpec m : s.volumes()) {
            if (m.type().equals("bind") && m.source().contains("docker.sock")) {
                out.add(new String[] {"docker_socket", "the Docker socket ('" + m.source() + "')"});
            } else if (m.type().equals("bind")) {
                out.add(new String[] {"bind_mounts", "a bind mount of the host path '" + m.source() + "'"});
            }
        }
        return out;
    }
}
