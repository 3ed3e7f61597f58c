#!/usr/bin/env bash
# Builds the Dockerfile with podman and checks the container (docs/container.md): it runs as a
# non-root user, refuses to start in production without bot credentials (naming BOT_ID) or without
# MONGODB_URI, and with both starts, answers /healthz and is reported healthy. Not part of CI.
#
# For a machine with no image registry (FROM node:… cannot be pulled) it first builds a local base
# that stands in for node:20-bookworm-slim: Debian bookworm from mmdebstrap, this machine's Node
# and npm, the user `node` (uid 1000) and this machine's CA bundle (npm inside the build reaches
# the registry only through it, with --network host). With a registry, set DAICHO_NODE_IMAGE=
# docker.io/library/node:20-bookworm-slim to build on the official image instead.
#
# Needs: podman runc mmdebstrap (apt-get install -y podman runc mmdebstrap), the embedded emulator
# (python3-mockupdb python3-mongomock) and `npm run build` for the emulator's script.
set -euo pipefail
cd "$(dirname "$0")/.."

IMAGE=${DAICHO_IMAGE:-localhost/daicho:check}
BASE=${DAICHO_NODE_IMAGE:-localhost/daicho-node:20-bookworm-local}
PORT=${DAICHO_CHECK_PORT:-39780}
WORK=${DAICHO_CHECK_DIR:-/tmp/daicho-container-check}
CA=${NODE_EXTRA_CA_CERTS:-/etc/ssl/certs/ca-certificates.crt}
mkdir -p "$WORK"

# crun fails on this kernel's hybrid cgroups and on rlimits: runc, cgroupfs, no default ulimits.
printf '[containers]\ndefault_ulimits = []\n' >"$WORK/containers.conf"
export CONTAINERS_CONF="$WORK/containers.conf"
podman() { command podman --runtime runc --cgroup-manager=cgroupfs "$@"; }

step() { printf '\n== %s\n' "$*"; }
fail() {
  printf 'FAIL: %s\n' "$*" >&2
  exit 1
}

if [ "$BASE" = localhost/daicho-node:20-bookworm-local ] && ! podman image exists "$BASE"; then
  step "local base image $BASE"
  if ! podman image exists localhost/debian-rootfs:bookworm; then
    [ -f "$WORK/rootfs.tar" ] ||
      mmdebstrap --variant=apt --include=ca-certificates bookworm "$WORK/rootfs.tar"
    podman import "$WORK/rootfs.tar" localhost/debian-rootfs:bookworm
  fi
  base="$WORK/base"
  rm -rf "$base" && mkdir -p "$base"
  cp "$(readlink -f "$(command -v node)")" "$base/node"
  cp -r "$(dirname "$(readlink -f "$(command -v npm)")")/.." "$base/npm"
  cp "$CA" "$base/ca.crt"
  cat >"$base/Containerfile" <<'BASE'
FROM localhost/debian-rootfs:bookworm
COPY node /usr/local/bin/node
COPY npm /usr/local/lib/node_modules/npm
COPY ca.crt /usr/local/share/ca-certificates/machine-bundle.crt
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \
 && groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node \
 && node --version && npm --version
# This machine only: npm reaches the registry through its TLS-inspecting proxy.
ENV NODE_EXTRA_CA_CERTS=/usr/local/share/ca-certificates/machine-bundle.crt
CMD ["node"]
BASE
  podman build --format docker -t "$BASE" "$base"
fi

step "build $IMAGE on $BASE"
start=$(date +%s)
podman build --format docker --network host --build-arg NODE_IMAGE="$BASE" -t "$IMAGE" .
echo "built in $(($(date +%s) - start)) s"
podman image ls "$IMAGE"
echo "size: $(podman image inspect --format '{{.Size}}' "$IMAGE") bytes"

step "user"
uid=$(podman run --rm "$IMAGE" id -u)
echo "id -u: $uid ($(podman run --rm "$IMAGE" id -un))"
[ "$uid" != 0 ] || fail "the container runs as root"
podman run --rm "$IMAGE" sh -c 'test ! -e /app/src/db/embedded/wire_emulator.py && ! ls /app/node_modules | grep -qx jest' ||
  fail "the image holds the emulator or dev dependencies"

step "NODE_ENV=production, no bot credentials, no MONGODB_URI: refused"
set +e
out=$(podman run --rm --network host -e PORT="$PORT" "$IMAGE" 2>&1)
code=$?
set -e
echo "$out"
echo "exit code: $code"
[ "$code" != 0 ] || fail "it started"
grep -q 'BOT_ID' <<<"$out" || fail "BOT_ID is not named"
grep -q 'MONGODB_URI is required' <<<"$out" || fail "MONGODB_URI is not named"

step "the wire-protocol emulator on the host"
rm -f "$WORK/emulator.port"
/usr/bin/python3 src/db/embedded/wire_emulator.py --host 127.0.0.1 --port 0 \
  --port-file "$WORK/emulator.port" >"$WORK/emulator.log" 2>&1 &
emulator=$!
name=daicho-check-$$
cleanup() {
  command podman --runtime runc --cgroup-manager=cgroupfs rm -f "$name" >/dev/null 2>&1 || true
  kill "$emulator" 2>/dev/null || true
}
trap cleanup EXIT
for _ in $(seq 50); do [ -s "$WORK/emulator.port" ] && break; sleep 0.2; done
DB_PORT=$(cat "$WORK/emulator.port")
echo "emulator on 127.0.0.1:$DB_PORT"

step "bot credentials, no MONGODB_URI: refused"
set +e
out=$(podman run --rm --network host -e PORT="$PORT" -e BOT_ID=00000000-0000-0000-0000-000000000001 \
  -e BOT_PASSWORD=x -e BOT_TENANT_ID=00000000-0000-0000-0000-000000000002 "$IMAGE" 2>&1)
code=$?
set -e
echo "$out"
echo "exit code: $code"
[ "$code" != 0 ] && grep -q 'MONGODB_URI is required' <<<"$out" || fail "started without MONGODB_URI"

step "bot credentials + MONGODB_URI: starts"
podman run -d --name "$name" --network host -e PORT="$PORT" \
  -e BOT_ID=00000000-0000-0000-0000-000000000001 -e BOT_PASSWORD=x \
  -e BOT_TENANT_ID=00000000-0000-0000-0000-000000000002 \
  -e MONGODB_URI="mongodb://127.0.0.1:$DB_PORT/?directConnection=true" -e SYNC_SCHEDULE=off \
  "$IMAGE"
health=""
for _ in $(seq 60); do
  health=$(curl -fsS "http://127.0.0.1:$PORT/healthz" 2>/dev/null) && break
  sleep 0.5
done
echo "GET /healthz: $health"
grep -q '"status":"ok"' <<<"$health" || {
  podman logs "$name"
  fail "/healthz did not answer ok"
}
# Podman runs health checks from systemd timers; without systemd, run the image's check now.
podman healthcheck run "$name" && echo "podman healthcheck run: healthy"
echo "podman inspect: $(podman inspect --format '{{.State.Health.Status}}' "$name")"
[ "$(podman inspect --format '{{.State.Health.Status}}' "$name")" = healthy ] || fail "not healthy"
echo "user in the running container: $(podman exec "$name" id -u)"
podman logs "$name" 2>&1 | tail -n 5

step "OK"
