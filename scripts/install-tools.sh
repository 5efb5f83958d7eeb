#!/usr/bin/env bash
# Installs the pinned Go tools (OPA, Regal, conftest) into .tools/bin with `go install`.
# Idempotent: a tool already built at the pinned version is not rebuilt.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="${FAASGUARD_TOOLS_DIR:-$root/.tools}/bin"
mkdir -p "$bin"

# OPA v1.23.0 (the newest release) is not served by the Go module proxy here; v1.22.4 is the newest that is.
# name|module|version
tools=(
  "opa|github.com/open-policy-agent/opa|v1.22.4"
  "regal|github.com/open-policy-agent/regal|v0.42.0"
  "conftest|github.com/open-policy-agent/conftest|v0.71.1"
)

for entry in "${tools[@]}"; do
  IFS='|' read -r name module version <<<"$entry"
  stamp="$bin/.$name.version"
  if [[ -x "$bin/$name" && -f "$stamp" && "$(cat "$stamp")" == "$module@$version" ]]; then
    continue
  fi
  echo "installing $name $version (go install; the first build takes a few minutes)" >&2
  log="$(mktemp)"
  if ! CGO_ENABLED=0 GOBIN="$bin" GOWORK=off go install "$module@$version" 2>"$log"; then
    # `go install m@v` also asks the proxy for the module's version list (to look for a deprecation
    # notice); where the proxy refuses that list, build the same version from a throwaway module.
    echo "go install refused; building $name $version through a temporary module" >&2
    build="$(mktemp -d)"
    if ! (cd "$build" && GOWORK=off go mod init "faasguard-tools-$name" >/dev/null 2>&1 \
      && GOWORK=off GOFLAGS=-mod=mod go get "$module@$version" \
      && CGO_ENABLED=0 GOWORK=off GOFLAGS=-mod=mod go build -o "$bin/$name" "$module") >>"$log" 2>&1; then
      cat "$log" >&2
      rm -rf "$build" "$log"
      exit 1
    fi
    rm -rf "$build"
  fi
  rm -f "$log"
  echo "$module@$version" >"$stamp"
done
echo "$bin"
