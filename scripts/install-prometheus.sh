#!/usr/bin/env bash
# Installs Debian's `prometheus` package (the server and promtool) when `prometheus` is not on PATH, so
# the live tests (test/live) can run against a real Prometheus. Non-interactive; uses sudo only when
# not root; never starts the packaged systemd service. Failure is reported, not fatal: it exits 0 with
# a clear message, and the tests that need Prometheus then skip loudly.
set -u

say() { printf 'install-prometheus: %s\n' "$*" >&2; }

if command -v prometheus >/dev/null 2>&1 && command -v promtool >/dev/null 2>&1; then
  say "already installed: $(prometheus --version 2>&1 | head -n 1)"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  say "apt-get not found (not a Debian-like system); install prometheus and promtool by hand to run the live tests"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  SUDO=(sudo -n)
else
  say "not root and no password-less sudo: cannot install the prometheus package; the live tests will be skipped"
  exit 0
fi

# Keep the package's maintainer scripts from starting (or enabling) the service: a policy-rc.d that
# forbids every service action, removed again afterwards unless one was already in place.
policy=/usr/sbin/policy-rc.d
own_policy=0
if [ ! -e "$policy" ]; then
  if printf '#!/bin/sh\nexit 101\n' | "${SUDO[@]}" tee "$policy" >/dev/null && "${SUDO[@]}" chmod 755 "$policy"; then
    own_policy=1
  fi
fi
cleanup() { if [ "$own_policy" -eq 1 ]; then "${SUDO[@]}" rm -f "$policy"; fi; }
trap cleanup EXIT

export DEBIAN_FRONTEND=noninteractive
if ! "${SUDO[@]}" apt-get update -qq >/dev/null 2>&1; then
  say "apt-get update failed (offline?); trying to install from the existing package lists"
fi
if ! "${SUDO[@]}" apt-get install -y -qq --no-install-recommends prometheus >/tmp/install-prometheus.log 2>&1; then
  say "apt-get install prometheus failed (see /tmp/install-prometheus.log); the live tests will be skipped"
  tail -n 5 /tmp/install-prometheus.log >&2 || true
  exit 0
fi

# If a systemd service got started anyway (no policy-rc.d honoured), stop it: the tests start their own.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet prometheus 2>/dev/null; then
  "${SUDO[@]}" systemctl stop prometheus >/dev/null 2>&1 || true
  "${SUDO[@]}" systemctl disable prometheus >/dev/null 2>&1 || true
fi

if command -v prometheus >/dev/null 2>&1; then
  say "installed: $(prometheus --version 2>&1 | head -n 1)"
else
  say "the prometheus package installed but no prometheus binary is on PATH; the live tests will be skipped"
fi
exit 0
