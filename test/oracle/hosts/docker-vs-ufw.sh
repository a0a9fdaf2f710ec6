#!/bin/bash
# A host namespace with ufw enabled (SSH allowed only) and Docker's rules for `-p 5432:5432`
# (as dockerd writes them: nat PREROUTING -> DOCKER DNAT, FORWARD -> DOCKER-USER/DOCKER inserted at the top),
# a "container" namespace behind docker0 and an "internet" namespace on eth0.
set -e
H=h$$; C=c$$; O=o$$
ip netns add $H; ip netns add $C; ip netns add $O
trap 'ip netns del $H; ip netns del $C; ip netns del $O' EXIT
ip link add eth0 netns $H type veth peer name out0 netns $O
ip link add docker0 netns $H type veth peer name eth0 netns $C
ip -n $H addr add 203.0.113.10/24 dev eth0; ip -n $H link set eth0 up; ip -n $H link set lo up
ip -n $O addr add 203.0.113.99/24 dev out0; ip -n $O link set out0 up
ip -n $H addr add 172.17.0.1/16 dev docker0; ip -n $H link set docker0 up
ip -n $C addr add 172.17.0.2/16 dev eth0; ip -n $C link set eth0 up; ip -n $C link set lo up; ip -n $C route add default via 172.17.0.1
ip netns exec $H sysctl -qw net.ipv4.ip_forward=1
d=$(mktemp -d); cp -a /etc/ufw "$d/ufw"
ip netns exec $H unshare -m sh -c "mount --bind $d/ufw /etc/ufw; ufw allow 22/tcp >/dev/null; ufw enable </dev/null"
ip netns exec $H sh -e -c '
iptables -t nat -N DOCKER
iptables -t nat -A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER
iptables -t nat -A DOCKER -i docker0 -j RETURN
iptables -t nat -A DOCKER ! -i docker0 -p tcp --dport 5432 -j DNAT --to-destination 172.17.0.2:5432
iptables -t nat -A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE
iptables -N DOCKER; iptables -N DOCKER-USER
iptables -A DOCKER-USER -j RETURN
iptables -I FORWARD 1 -i docker0 ! -o docker0 -j ACCEPT
iptables -I FORWARD 1 -o docker0 -j DOCKER
iptables -I FORWARD 1 -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
iptables -I FORWARD 1 -j DOCKER-USER
iptables -A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp --dport 5432 -j ACCEPT'
echo "--- filter FORWARD and nat PREROUTING in the host namespace:"
ip netns exec $H iptables -S FORWARD; ip netns exec $H iptables -t nat -S PREROUTING
srv='import socket,sys;s=socket.socket();s.setsockopt(socket.SOL_SOCKET,socket.SO_REUSEADDR,1);s.bind(("0.0.0.0",int(sys.argv[1])));s.listen();c,_=s.accept();c.send(b"hello\n");c.close()'
cli='import socket,sys
try:
  s=socket.create_connection((sys.argv[1],int(sys.argv[2])),timeout=2);print(sys.argv[2],"reached:",s.recv(10).decode().strip())
except Exception as e: print(sys.argv[2],"blocked:",type(e).__name__)'
ip netns exec $C timeout 6 python3 -c "$srv" 5432 & 
ip netns exec $H timeout 6 python3 -c "$srv" 5433 &
sleep 1.5
echo "--- from the internet namespace:"
ip netns exec $O python3 -c "$cli" 203.0.113.10 5432
ip netns exec $O python3 -c "$cli" 203.0.113.10 5433
echo "--- with -A DOCKER-USER -i eth0 -j DROP first (the DOCKER-USER recipe):"
ip netns exec $H iptables -I DOCKER-USER 1 -i eth0 -j DROP
ip netns exec $H iptables -I DOCKER-USER 1 -m conntrack --ctstate RELATED,ESTABLISHED -j RETURN
ip netns exec $C timeout 4 python3 -c "$srv" 5432 &
sleep 1.5
ip netns exec $O python3 -c "$cli" 203.0.113.10 5432
echo "--- instead, the interface-free recipe: -A DOCKER-USER -m conntrack --ctstate DNAT -j DROP:"
ip netns exec $H iptables -F DOCKER-USER
ip netns exec $H iptables -A DOCKER-USER -m conntrack --ctstate RELATED,ESTABLISHED -j RETURN
ip netns exec $H iptables -A DOCKER-USER -m conntrack --ctstate DNAT -j DROP
ip netns exec $H iptables -A DOCKER-USER -j RETURN
sleep 4.5
ip netns exec $C timeout 4 python3 -c "$srv" 5432 &
sleep 1.5
ip netns exec $O python3 -c "$cli" 203.0.113.10 5432
echo "--- and the container still reaches the internet namespace (outbound through FORWARD):"
ip netns exec $H iptables -t nat -S POSTROUTING | tail -1
ip netns exec $O timeout 4 python3 -c "$srv" 7000 &
sleep 1.5
ip netns exec $C python3 -c "$cli" 203.0.113.99 7000
wait 2>/dev/null || true
