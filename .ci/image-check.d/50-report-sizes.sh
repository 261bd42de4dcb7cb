# shellcheck shell=bash
# shellcheck disable=SC2154 # lib.sh's names (image, scratch, run_flags...): the driver sources it first
# Step report-sizes: what the image measures: the size of each layer the Dockerfile adds on top
# of the node base (podman history), and the compressed size a registry would serve.
step_report_sizes() {
  need_image
  report_sizes
}

report_sizes() {
  local node_base
  node_base=docker.io/library/$(pinned_froms | grep -m1 '^node:' | sed 's/@.*//')
  say "layers the Dockerfile adds on top of the node base (podman history):"
  podman history --no-trunc --format json "$image" >"$scratch/history.json"
  podman history --no-trunc --format json "$node_base" >"$scratch/base-history.json"
  python3 - "$scratch/history.json" "$scratch/base-history.json" <<'EOF' >&2
import json, re, sys
image, base = (json.load(open(f)) for f in sys.argv[1:])
added = image[: len(image) - len(base)]  # newest first; the base's own entries come last
total = 0
for entry in reversed(added):
    if entry["size"]:
        step = re.sub(r"^(\|\d+ [^ ]+ )*(/bin/sh -c (#\(nop\) )?)?", "", entry["CreatedBy"])
        print(f"image-check:   {entry['size'] / 1e6:7.2f} MB  {step[:90]}")
        total += entry["size"]
print(f"image-check:   {total / 1e6:7.2f} MB in all, uncompressed")
EOF
  # What a registry would serve: each layer gzip-compressed, as buildx pushes them.
  local oci=$scratch/oci manifest blob total=0 ours=0 i=0 base_count
  base_count=$(podman image inspect --format '{{len .RootFS.Layers}}' "$node_base")
  podman push --quiet "$image" "oci:$oci:check" >/dev/null || fail "cannot write the image as an OCI layout"
  manifest=$oci/blobs/sha256/$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["manifests"][0]["digest"][7:])' "$oci/index.json")
  # The manifest lists the layers base first.
  for blob in $(python3 -c 'import json,sys; print(" ".join(l["digest"][7:] for l in json.load(open(sys.argv[1]))["layers"]))' "$manifest"); do
    size=$(stat -c %s "$oci/blobs/sha256/$blob")
    total=$((total + size))
    i=$((i + 1))
    ((i > base_count)) && ours=$((ours + size))
  done
  say "  compressed (gzip, as a registry serves them): $((ours / 1000000)) MB for these layers, $((total / 1000000)) MB with the stand-in base"
}
