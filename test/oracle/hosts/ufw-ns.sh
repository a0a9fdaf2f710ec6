#!/bin/sh
# Run a shell snippet with ufw inside a fresh network namespace and a private copy of /etc/ufw.
set -e
d=$(mktemp -d); cp -a /etc/ufw "$d/ufw"
exec timeout "${UFW_NS_TIMEOUT:-60}" unshare -n -m sh -c "mount --bind '$d/ufw' /etc/ufw; ip link set lo up; $1"
