# shellcheck shell=bash
# Prepares this machine for Slipway's full test suite (`mvn -B verify`), idempotently.
#
#   source .ci/test-env.sh     # prepare, and export the variables into your shell
#   bash .ci/test-env.sh       # prepare only; prints the exports to copy
#
# What it does (each step is skipped when already done):
#   1. installs Debian's docker.io, busybox-static, chromium, postgresql, nodejs and nginx if missing (needs root or
#      sudo; waits for an apt-get/dpkg that is already running instead of fighting its lock);
#   2. finds a Docker engine that answers (your DOCKER_HOST, then /var/run/docker.sock),
#      else starts a private dockerd with all its state under /tmp/slipway-docker;
#   3. imports the test base image slipway-test/busybox:latest (a static busybox, no
#      registry pull: this network only reaches Maven Central, Debian and npm) and proves
#      that `docker run` and a port published on 127.0.0.1 work;
#   4. exports DOCKER_HOST, SLIPWAY_TEST_CHROMIUM and PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD;
#   5. installs Debian's postgresql if missing and starts a private cluster (data under
#      /tmp/slipway-postgres, port 55432, 127.0.0.1 only, role and database `slipway`,
#      password `slipway`), and exports SLIPWAY_TEST_PG_URL (a JDBC URL) and
#      SLIPWAY_TEST_PG_CTL (a wrapper: `"$SLIPWAY_TEST_PG_CTL" restart|stop|start`, run as the
#      cluster's owner, since pg_ctl refuses to run as root).
#
# Findings on the CI/dev machine (Firecracker VM, kernel 6.18, Debian 12, no systemd,
# cgroup v1 hierarchies mounted under /sys/fs/cgroup, docker.io 20.10.24 = Engine API 1.41,
# client /usr/local/bin/docker 28.2 negotiates down to it): dockerd starts with its
# defaults — overlay2 on ext4, the docker0 bridge, iptables rules — and `docker run`,
# `-p 127.0.0.1::PORT`, and `docker build` (legacy builder) all work. No extra flag was
# needed. The fallbacks below (vfs storage, --iptables=false, --bridge=none) exist for
# machines where overlay or netfilter is missing; the one that was needed is written to
# /tmp/slipway-docker/dockerd.options and printed. With --bridge=none, ports cannot be
# published, so tests that reach a container over 127.0.0.1 would fail: a loud warning says so.
#
# The preparation runs in a child `bash` (with `set -euo pipefail` of its own) so that
# sourcing this file never changes the options of the caller's shell.

_slipway_env_self="${BASH_SOURCE[0]}"
# SLIPWAY_DOCKER_DIR moves the private engine's state (socket, data, log) elsewhere.
_slipway_docker_dir="${SLIPWAY_DOCKER_DIR:-/tmp/slipway-docker}"
_slipway_test_image=slipway-test/busybox:latest
# Bump when the image recipe below changes: an image with another value is rebuilt.
_slipway_test_image_rev=2
# SLIPWAY_PG_DIR / SLIPWAY_TEST_PG_PORT move the private PostgreSQL cluster elsewhere.
_slipway_pg_dir="${SLIPWAY_PG_DIR:-/tmp/slipway-postgres}"
_slipway_pg_port="${SLIPWAY_TEST_PG_PORT:-55432}"

# Prepare mode only when executed: a sourced file sees the caller's positional parameters.
if [[ "${BASH_SOURCE[0]}" == "$0" && "${1:-}" == "--prepare" ]]; then
  set -euo pipefail

  log() { printf '[test-env] %s\n' "$*" >&2; }
  die() { printf '[test-env] ERROR: %s\n' "$*" >&2; exit 1; }

  as_root() {
    if [[ "$(id -u)" == 0 ]]; then
      "$@"
    elif command -v sudo >/dev/null 2>&1; then
      sudo "$@"
    else
      die "need root (or sudo) to run: $*"
    fi
  }

  # Another apt-get may be installing packages right now (e.g. started by hand): wait for
  # it instead of failing on the dpkg lock. apt's own Lock::Timeout covers the rest.
  wait_for_apt() {
    command -v pgrep >/dev/null 2>&1 || return 0
    local waited=0
    while pgrep -x apt-get >/dev/null || pgrep -x apt >/dev/null || pgrep -x dpkg >/dev/null; do
      if (( waited == 0 )); then log "another apt-get/dpkg is running; waiting for it to finish (up to 20 min)"; fi
      sleep 5
      waited=$(( waited + 5 ))
      (( waited < 1200 )) || die "apt-get/dpkg still running after 20 min"
    done
  }

  # `command -v` alone also reports a non-executable file on PATH (bash falls back to it).
  have_exe() {
    local path
    path="$(type -P "$1" 2>/dev/null)" && [[ -x "${path}" ]]
  }

  have_static_busybox() {
    local bb
    have_exe busybox || return 1
    bb="$(type -P busybox)"
    # A dynamically linked busybox would need a libc inside the image; ldd fails on a
    # static binary ("not a dynamic executable").
    command -v ldd >/dev/null 2>&1 || return 0
    ! ldd "$bb" >/dev/null 2>&1
  }

  install_packages() {
    local missing=()
    { have_exe dockerd && have_exe docker; } || missing+=(docker.io)
    have_static_busybox || missing+=(busybox-static)
    [[ -x /usr/bin/chromium ]] || missing+=(chromium)
    pg_bin_dir >/dev/null || missing+=(postgresql)
    # Copied into test images (UploadDeployTest): the node binary and nginx, with their libraries.
    have_exe node || missing+=(nodejs)
    [[ -x /usr/sbin/nginx ]] || missing+=(nginx)
    # --no-install-recommends below skips docker.io's Recommends; of those only apparmor
    # matters, and only where the kernel enforces AppArmor (runc then needs apparmor_parser).
    # This VM's kernel has no AppArmor module, so it is not installed here.
    if [[ "$(cat /sys/module/apparmor/parameters/enabled 2>/dev/null)" == Y ]] && ! command -v apparmor_parser >/dev/null 2>&1; then
      missing+=(apparmor)
    fi
    if (( ${#missing[@]} == 0 )); then
      log "packages: docker, static busybox, chromium, postgresql, node and nginx are present"
      return 0
    fi
    command -v apt-get >/dev/null 2>&1 || die "missing ${missing[*]} and no apt-get to install them"
    log "installing with apt-get: ${missing[*]}"
    wait_for_apt
    as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 -q update
    wait_for_apt
    as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 -q install -y --no-install-recommends "${missing[@]}"
  }

  # dockerd needs cgroups. This VM's init mounts the v1 hierarchies itself (Debian's
  # cgroupfs-mount, a Recommends of docker.io, is blocked by policy-rc.d here and not needed);
  # where nothing is mounted, mount the unified v2 hierarchy, which docker 20.10 supports.
  ensure_cgroups() {
    if grep -qE '^[^ ]+ /sys/fs/cgroup(/[^ ]*)? cgroup2? ' /proc/mounts; then
      return 0
    fi
    log "no cgroup file system is mounted: mounting cgroup2 on /sys/fs/cgroup"
    as_root mount -t cgroup2 none /sys/fs/cgroup || log "WARNING: could not mount cgroup2; dockerd may fail"
  }

  engine_answers() {
    DOCKER_HOST="$1" timeout 10 docker version >/dev/null 2>&1
  }

  # Tries the given extra dockerd options; returns 0 once the engine answers.
  try_dockerd() {
    local extra=("$@") pid i offset
    # Run by a non-root developer (through sudo), the socket must belong to their group, not
    # to "docker", or `docker version` below, and the tests, could not use it.
    if [[ "$(id -u)" != 0 ]]; then extra+=(--group "$(id -gn)"); fi
    # Failure reports show only this attempt's part of the shared log.
    offset=$(( $(stat -c %s "${_slipway_docker_dir}/dockerd.log" 2>/dev/null || echo 0) + 1 ))
    log "starting dockerd ${extra[*]:-(default options)}; log: ${_slipway_docker_dir}/dockerd.log"
    {
      printf '\n===== %s dockerd %s =====\n' "$(date -u +%FT%TZ)" "${extra[*]:-}"
    } >>"${_slipway_docker_dir}/dockerd.log"
    # setsid + nohup: dockerd outlives this script and the caller's terminal.
    as_root setsid nohup dockerd \
      --data-root "${_slipway_docker_dir}/data" \
      --exec-root "${_slipway_docker_dir}/exec" \
      --pidfile "${_slipway_docker_dir}/dockerd.pid" \
      -H "unix://${_slipway_docker_dir}/docker.sock" \
      "${extra[@]}" \
      >>"${_slipway_docker_dir}/dockerd.log" 2>&1 </dev/null &
    pid=$!
    for (( i = 0; i < 120; i++ )); do
      if engine_answers "unix://${_slipway_docker_dir}/docker.sock"; then
        printf '%s\n' "${extra[*]:-}" >"${_slipway_docker_dir}/dockerd.options"
        log "dockerd is up (pid $(cat "${_slipway_docker_dir}/dockerd.pid" 2>/dev/null || echo "?")) after ~$(( i / 2 )) s"
        return 0
      fi
      if ! kill -0 "${pid}" 2>/dev/null; then
        log "dockerd exited during start-up; last log lines:"
        tail -c +"${offset}" "${_slipway_docker_dir}/dockerd.log" | tail -n 15 >&2 || true
        return 1
      fi
      sleep 0.5
    done
    log "dockerd did not answer within 60 s; last log lines:"
    tail -c +"${offset}" "${_slipway_docker_dir}/dockerd.log" | tail -n 30 >&2 || true
    as_root kill -TERM "${pid}" 2>/dev/null || true
    sleep 2
    return 1
  }

  start_private_dockerd() {
    mkdir -p "${_slipway_docker_dir}"
    ensure_cgroups
    local sock="unix://${_slipway_docker_dir}/docker.sock" pidfile="${_slipway_docker_dir}/dockerd.pid" old
    if engine_answers "${sock}"; then
      log "private dockerd already answers on ${sock}"
      return 0
    fi
    # Not answering because this user may not use the socket is not a stuck engine.
    if [[ -S "${_slipway_docker_dir}/docker.sock" && ! -w "${_slipway_docker_dir}/docker.sock" ]]; then
      die "${_slipway_docker_dir}/docker.sock is not writable for $(id -un): run this as root, or as the user who started that dockerd"
    fi
    # A dockerd of ours that is alive but does not answer is stuck: replace it.
    if [[ -s "${pidfile}" ]]; then
      old="$(cat "${pidfile}")"
      if [[ "${old}" =~ ^[0-9]+$ ]] && kill -0 "${old}" 2>/dev/null; then
        log "dockerd pid ${old} does not answer; stopping it"
        as_root kill -TERM "${old}" || true
        for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "${old}" 2>/dev/null || break; sleep 1; done
        as_root kill -KILL "${old}" 2>/dev/null || true
      fi
    fi
    local attempts=()
    # Whatever worked last time on this machine goes first.
    if [[ -s "${_slipway_docker_dir}/dockerd.options" ]]; then
      attempts+=("$(cat "${_slipway_docker_dir}/dockerd.options")")
    fi
    attempts+=(
      ""
      "--storage-driver=vfs"
      "--iptables=false"
      "--storage-driver=vfs --iptables=false"
      "--storage-driver=vfs --iptables=false --bridge=none"
    )
    local opts words
    for opts in "${attempts[@]}"; do
      read -r -a words <<<"${opts}"
      if try_dockerd "${words[@]}"; then
        if [[ -n "${opts}" ]]; then log "NOTE: this machine needed dockerd options: ${opts}"; fi
        return 0
      fi
    done
    die "could not start dockerd with any option set; see ${_slipway_docker_dir}/dockerd.log"
  }

  choose_engine() {
    if [[ -n "${DOCKER_HOST:-}" ]] && engine_answers "${DOCKER_HOST}"; then
      log "using the Docker engine at DOCKER_HOST=${DOCKER_HOST}"
      printf '%s\n' "${DOCKER_HOST}"
      return 0
    fi
    if [[ -S /var/run/docker.sock ]] && engine_answers unix:///var/run/docker.sock; then
      log "using the Docker engine at unix:///var/run/docker.sock"
      printf '%s\n' unix:///var/run/docker.sock
      return 0
    fi
    start_private_dockerd
    printf '%s\n' "unix://${_slipway_docker_dir}/docker.sock"
  }

  build_test_image() {
    local rev
    rev="$(docker image inspect --format '{{ index .Config.Labels "io.slipway.test-image.rev" }}' "${_slipway_test_image}" 2>/dev/null)" || rev=""
    if [[ "${rev}" == "${_slipway_test_image_rev}" ]]; then
      log "test image ${_slipway_test_image} is present (rev ${rev})"
      return 0
    fi
    log "building ${_slipway_test_image} from the static busybox (docker import)"
    local work bb applet
    work="$(mktemp -d)"
    bb="$(command -v busybox)"
    mkdir -p "${work}/rootfs/bin" "${work}/rootfs/tmp" "${work}/rootfs/etc" "${work}/rootfs/root" "${work}/rootfs/usr"
    # One bin directory for all: `#!/usr/bin/env sh` and /sbin paths resolve too.
    ln -s bin "${work}/rootfs/sbin"
    ln -s ../bin "${work}/rootfs/usr/bin"
    ln -s ../bin "${work}/rootfs/usr/sbin"
    chmod 1777 "${work}/rootfs/tmp"
    cp "${bb}" "${work}/rootfs/bin/busybox"
    while IFS= read -r applet; do
      [[ -n "${applet}" && "${applet}" != busybox ]] || continue
      ln -sf busybox "${work}/rootfs/bin/${applet}"
    done < <("${bb}" --list)
    printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' >"${work}/rootfs/etc/passwd"
    printf 'root:x:0:\nnogroup:x:65534:\n' >"${work}/rootfs/etc/group"
    tar -C "${work}/rootfs" -cf "${work}/rootfs.tar" .
    docker import \
      --change 'ENV PATH=/usr/sbin:/usr/bin:/sbin:/bin' \
      --change 'CMD ["sh"]' \
      --change "LABEL io.slipway.test-image.rev=${_slipway_test_image_rev}" \
      "${work}/rootfs.tar" "${_slipway_test_image}" >/dev/null
    rm -rf "${work}"
  }

  # Proves the two things the integration tests rely on: a container runs, and a port it
  # publishes on 127.0.0.1 answers (that is how Slipway's router reaches a release).
  verify_engine() {
    local out
    out="$(docker run --rm "${_slipway_test_image}" echo ok 2>&1)" || die "docker run failed: ${out}"
    [[ "${out}" == ok ]] || die "docker run printed '${out}', expected 'ok'"
    log "docker run ${_slipway_test_image} echo ok: ok"

    local cid="" port="" reply="" i
    cid="$(docker run -d -p 127.0.0.1::8080 "${_slipway_test_image}" \
      sh -c 'mkdir -p /www && echo published > /www/index.html && exec httpd -f -p 8080 -h /www' 2>&1)" || {
      log "WARNING: docker run -p 127.0.0.1::8080 failed: ${cid}"
      cid=""
    }
    if [[ -n "${cid}" ]]; then
      port="$(docker port "${cid}" 8080/tcp 2>/dev/null | head -n 1 | sed 's/.*://')" || true
    fi
    for (( i = 0; i < 50; i++ )); do
      [[ -n "${port}" ]] || break
      # shellcheck disable=SC2016  # $1 is expanded by the inner bash, on purpose
      reply="$(timeout 2 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1" && printf "GET /index.html HTTP/1.0\r\n\r\n" >&3 && cat <&3' _ "${port}" 2>/dev/null)" || true
      [[ "${reply}" == *published* ]] && break
      sleep 0.1
    done
    if [[ -n "${cid}" ]]; then docker rm -f "${cid}" >/dev/null 2>&1 || true; fi
    if [[ "${reply}" == *published* ]]; then
      log "published container port 127.0.0.1:${port}: answers"
    else
      log "WARNING: a container port published on 127.0.0.1 did not answer (port '${port}');"
      log "WARNING: tests that reach a deployed container over loopback will fail on this machine"
    fi
  }


  # ---- PostgreSQL: a private cluster for the PostgreSQL-mode tests ----------------------
  # Debian keeps the server binaries off PATH, under /usr/lib/postgresql/<major>/bin.
  pg_bin_dir() {
    local d
    d="$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -type d -name bin 2>/dev/null | sort -V | tail -n 1)"
    [[ -n "${d}" && -x "${d}/pg_ctl" ]] || return 1
    printf '%s\n' "${d}"
  }

  # pg_ctl and initdb refuse to run as root: as root the cluster belongs to `postgres`.
  pg_owner() {
    if [[ "$(id -u)" == 0 ]]; then printf 'postgres\n'; else id -un; fi
  }

  as_pg_owner() {
    if [[ "$(id -u)" == 0 ]]; then
      runuser -u postgres -- "$@"
    else
      "$@"
    fi
  }

  pg_answers() {
    "$1/pg_isready" -q -h 127.0.0.1 -p "${_slipway_pg_port}" -t 2
  }

  # The wrapper tests call to restart/stop/start the cluster (chaos tests) with the cluster's
  # own options, as its owner.
  write_pg_ctl_wrapper() {
    local bin="$1" wrapper="${_slipway_pg_dir}/pg_ctl"
    cat >"${wrapper}.tmp" <<WRAPPER
#!/usr/bin/env bash
# Generated by .ci/test-env.sh: pg_ctl for the private test cluster. Usage: pg_ctl restart|stop|start|status
set -euo pipefail
case "\${1:-}" in restart|stop|start|status) ;; *) echo "usage: \$0 restart|stop|start|status" >&2; exit 2 ;; esac
args=(-D "${_slipway_pg_dir}/data" -l "${_slipway_pg_dir}/postgres.log" -w -t 60 -m fast
      -o "-p ${_slipway_pg_port} -k ${_slipway_pg_dir} -c listen_addresses=127.0.0.1" "\$1")
run() { if [[ "\$(id -u)" == 0 ]]; then runuser -u postgres -- "${bin}/pg_ctl" "\$@"; else "${bin}/pg_ctl" "\$@"; fi; }
# start is idempotent (someone may have sourced test-env.sh meanwhile, which starts it too).
if [[ "\$1" == start ]] && run -D "${_slipway_pg_dir}/data" status >/dev/null 2>&1; then exit 0; fi
run "\${args[@]}"
WRAPPER
    chmod 755 "${wrapper}.tmp"
    mv "${wrapper}.tmp" "${wrapper}"
  }

  start_postgres() {
    local bin owner data="${_slipway_pg_dir}/data"
    bin="$(pg_bin_dir)" || die "PostgreSQL server binaries not found under /usr/lib/postgresql"
    owner="$(pg_owner)"
    mkdir -p "${_slipway_pg_dir}"
    chown "${owner}" "${_slipway_pg_dir}"
    write_pg_ctl_wrapper "${bin}"
    if [[ ! -s "${data}/PG_VERSION" ]]; then
      log "initdb: private PostgreSQL cluster in ${data} (owner ${owner})"
      rm -rf "${data}"
      # trust: a throwaway cluster reachable only from 127.0.0.1 and its own socket folder.
      as_pg_owner "${bin}/initdb" -D "${data}" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    if pg_answers "${bin}"; then
      log "private PostgreSQL already answers on 127.0.0.1:${_slipway_pg_port}"
    else
      log "starting PostgreSQL on 127.0.0.1:${_slipway_pg_port}; log: ${_slipway_pg_dir}/postgres.log"
      # A postmaster.pid left by a killed cluster is handled by pg_ctl itself.
      "${_slipway_pg_dir}/pg_ctl" start >/dev/null || {
        tail -n 20 "${_slipway_pg_dir}/postgres.log" >&2 || true
        die "PostgreSQL did not start; see ${_slipway_pg_dir}/postgres.log"
      }
    fi
    # Role and database, idempotently; CREATEDB: tests make a fresh database per test server.
    "${bin}/psql" -q -h 127.0.0.1 -p "${_slipway_pg_port}" -U postgres -d postgres -v ON_ERROR_STOP=1 >/dev/null <<'SQL'
SELECT 'CREATE ROLE slipway LOGIN CREATEDB PASSWORD ''slipway'''
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'slipway')\gexec
SELECT 'CREATE DATABASE slipway OWNER slipway'
WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'slipway')\gexec
SQL
    log "PostgreSQL: $("${bin}/postgres" --version) on 127.0.0.1:${_slipway_pg_port}"
  }

  log "preparing the machine for Slipway's tests (CI=${CI:-unset})"
  install_packages
  host="$(choose_engine)"
  export DOCKER_HOST="${host}"
  build_test_image
  verify_engine
  # Debian's wrapper script prints a harmless "[: ...: unexpected operator" on stderr.
  chromium_version="$(/usr/bin/chromium --version 2>/dev/null)" || die "/usr/bin/chromium does not run"
  log "browser: ${chromium_version}"
  start_postgres
  printf 'SLIPWAY_TEST_PG_URL=jdbc:postgresql://127.0.0.1:%s/slipway?user=slipway&password=slipway\n' "${_slipway_pg_port}"
  printf 'SLIPWAY_TEST_PG_CTL=%s\n' "${_slipway_pg_dir}/pg_ctl"
  # Hand the chosen engine to the caller on the last stdout line.
  printf 'DOCKER_HOST=%s\n' "${host}"
  exit 0
fi

# ---- caller side: sourced into a shell, or run as a script -------------------------------
# `|| rc=$?` keeps a caller's `set -e` from aborting before the failure is reported; the
# child bash keeps its own `set -e` regardless.
_slipway_env_rc=0
_slipway_env_out="$(bash "${_slipway_env_self}" --prepare)" || _slipway_env_rc=$?
if [[ ${_slipway_env_rc} -ne 0 ]]; then
  printf '[test-env] FAILED (exit %s): the machine is not ready for the full test suite\n' "${_slipway_env_rc}" >&2
  unset _slipway_env_self _slipway_docker_dir _slipway_test_image _slipway_test_image_rev _slipway_env_out
  unset _slipway_pg_dir _slipway_pg_port
  # `return` when sourced, `exit` when run.
  # shellcheck disable=SC2317  # reached when the file is run rather than sourced
  return "${_slipway_env_rc}" 2>/dev/null || exit "${_slipway_env_rc}"
fi
export DOCKER_HOST="${_slipway_env_out##*DOCKER_HOST=}"
_slipway_pg_line="$(grep -m 1 '^SLIPWAY_TEST_PG_URL=' <<<"${_slipway_env_out}")" || true
export SLIPWAY_TEST_PG_URL="${_slipway_pg_line#SLIPWAY_TEST_PG_URL=}"
_slipway_pg_line="$(grep -m 1 '^SLIPWAY_TEST_PG_CTL=' <<<"${_slipway_env_out}")" || true
export SLIPWAY_TEST_PG_CTL="${_slipway_pg_line#SLIPWAY_TEST_PG_CTL=}"
export SLIPWAY_TEST_CHROMIUM=/usr/bin/chromium
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
printf '[test-env] ready:\n  export DOCKER_HOST=%q\n  export SLIPWAY_TEST_CHROMIUM=%q\n  export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1\n  export SLIPWAY_TEST_PG_URL=%q\n  export SLIPWAY_TEST_PG_CTL=%q\n' \
  "${DOCKER_HOST}" "${SLIPWAY_TEST_CHROMIUM}" "${SLIPWAY_TEST_PG_URL}" "${SLIPWAY_TEST_PG_CTL}" >&2
unset _slipway_env_self _slipway_docker_dir _slipway_test_image _slipway_test_image_rev _slipway_env_out _slipway_env_rc
unset _slipway_pg_dir _slipway_pg_port _slipway_pg_line
