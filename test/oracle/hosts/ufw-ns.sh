#!/bin/sh
# Run a shell snippet with ufw inside a fresh network namespace and private copies of /etc/ufw and
# /etc/default/ufw (`ufw default …` writes the policies there).
set -e
d=$(mktemp -d); cp -a /etc/ufw "$d/ufw"; cp -a /etc/default/ufw "$d/default-ufw"
exec timeout "${UFW_NS_TIMEOUT:-60}" unshare -n -m sh -c "mount --bind '$d/ufw' /etc/ufw; mount --bind '$d/default-ufw' /etc/default/ufw; ip link set lo up; $1"
