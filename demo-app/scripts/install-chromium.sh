#!/usr/bin/env bash
# Installs Debian's headless-capable Chromium and its WebDriver when either is missing, so the
# demo's browser test (DemoPageBrowserTests) can run. Safe to run repeatedly: it does nothing
# when both binaries are already on the PATH.
#
# Needs root (CI runs as root) or passwordless sudo; otherwise it explains what to install and
# exits 0, and the browser test skips itself with a message saying the same.
set -euo pipefail

have() { command -v "$1" >/dev/null 2>&1; }

if have chromium && have chromedriver; then
    echo "install-chromium: chromium and chromedriver are already installed"
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif have sudo && sudo -n true 2>/dev/null; then
    SUDO="sudo -n"
else
    echo "install-chromium: not root and no passwordless sudo; install them with:" >&2
    echo "    sudo apt-get install -y chromium chromium-driver" >&2
    exit 0
fi

if ! have apt-get; then
    echo "install-chromium: apt-get not found; install Chromium and a matching chromedriver yourself" >&2
    exit 0
fi

export DEBIAN_FRONTEND=noninteractive
# The package lists may be stale or absent in a fresh container; refresh them only when the
# packages are unknown, to keep repeated runs fast.
if ! apt-cache show chromium-driver >/dev/null 2>&1; then
    $SUDO apt-get update -qq
fi
$SUDO apt-get install -y -qq --no-install-recommends chromium chromium-driver fonts-dejavu-core >/dev/null
echo "install-chromium: installed $(chromium --version 2>/dev/null || echo chromium) and $(chromedriver --version 2>/dev/null | head -1)"
