#!/bin/sh
# Run a snippet on a host that has the packages extracted (dpkg -x) under $1 installed, without installing
# them: in a fresh network and mount namespace, /etc and /usr are overlays of the extracted tree over the
# real ones with a throw-away tmpfs as the upper layer, so the snippet may write /etc/iptables/rules.v4 or
# any other path and the real system is never changed. Bounded to 60 s.
root=$1
timeout 60 unshare -n -m sh -c '
set -e
mount --make-rprivate /
s=$(mktemp -d)
mount -t tmpfs tmpfs "$s"
for d in etc usr; do
  mkdir -p "$s/$d-up" "$s/$d-work"
  low=/$d
  if [ -d "$0/$d" ]; then low="$0/$d:/$d"; fi
  mount -t overlay overlay -o "lowerdir=$low,upperdir=$s/$d-up,workdir=$s/$d-work" "/$d"
done
set +e
'"$2" "$root"
