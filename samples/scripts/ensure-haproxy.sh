#!/usr/bin/env bash
# Installs Debian's HAProxy for the cluster sample's load-balancer test when it is missing (run by
# the Maven build). Without root it only warns: the test then skips, unless CI or
# VERTIO_REQUIRE_HAPROXY is set, where it fails.
set -euo pipefail
if command -v haproxy > /dev/null || [ -x /usr/sbin/haproxy ]; then
  exit 0
fi
if [ "$(id -u)" != "0" ]; then
  echo "HAProxy is missing and this is not root: install the Debian package 'haproxy'" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq haproxy > /dev/null
