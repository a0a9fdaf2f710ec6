#!/bin/sh
# conntrack-states.sh: which conntrack state and address type the kernel gives the packets around an
# untracked first packet (raw PREROUTING -j CT --notrack) and the host's own address (-m addrtype).
# Host 192.0.2.1 / 2001:db8::1 and client .2 / ::2 on a veth pair; rules that only count (no target),
# each named by a comment; TCP to 80 (every packet untracked), 82 (only the SYN untracked) and 81
# (addrtype), UDP to 53 twice from one socket (untracked), ICMP echo (untracked). TOOL=legacy|nft.
H=ccl-cth$$; C=ccl-ctc$$
cleanup() { ip netns del $H 2>/dev/null; ip netns del $C 2>/dev/null; }
trap cleanup EXIT
ip netns add $H; ip netns add $C
ip -n $H link add eth0 type veth peer name eth0 netns $C
ip -n $H addr add 192.0.2.1/24 dev eth0; ip -n $H addr add 2001:db8::1/64 dev eth0 nodad; ip -n $H link set eth0 up; ip -n $H link set lo up
ip -n $C addr add 192.0.2.2/24 dev eth0; ip -n $C addr add 2001:db8::2/64 dev eth0 nodad; ip -n $C link set eth0 up; ip -n $C link set lo up
TOOL=${TOOL:-legacy}
for fam in 4 6; do
  if [ $fam = 4 ]; then R=iptables-$TOOL-restore; ICMP="-p icmp --icmp-type echo-request"; ICMPR="-p icmp --icmp-type echo-reply"; else R=ip6tables-$TOOL-restore; ICMP="-p ipv6-icmp --icmpv6-type echo-request"; ICMPR="-p ipv6-icmp --icmpv6-type echo-reply"; fi
  {
  echo '*raw'; echo ':PREROUTING ACCEPT [0:0]'; echo ':OUTPUT ACCEPT [0:0]'
  echo '-A PREROUTING -p tcp --dport 80 -j CT --notrack'
  echo '-A PREROUTING -p tcp --dport 82 --syn -j CT --notrack'
  echo '-A PREROUTING -p udp --dport 53 -j CT --notrack'
  echo "-A PREROUTING $ICMP -j CT --notrack"
  echo 'COMMIT'
  echo '*filter'; echo ':INPUT ACCEPT [0:0]'; echo ':FORWARD ACCEPT [0:0]'; echo ':OUTPUT ACCEPT [0:0]'
  for st in NEW ESTABLISHED RELATED INVALID UNTRACKED; do
    for port in 80 82; do
      echo "-A INPUT -p tcp --dport $port --tcp-flags SYN,ACK SYN -m conntrack --ctstate $st -m comment --comment in-syn-$port-$st"
      echo "-A INPUT -p tcp --dport $port --tcp-flags SYN,ACK ACK -m conntrack --ctstate $st -m comment --comment in-ack-$port-$st"
      echo "-A OUTPUT -p tcp --sport $port --tcp-flags SYN,ACK SYN,ACK -m conntrack --ctstate $st -m comment --comment out-synack-$port-$st"
    done
    echo "-A INPUT -p udp --dport 53 -m conntrack --ctstate $st -m comment --comment in-udp-$st"
    echo "-A OUTPUT -p udp --sport 53 -m conntrack --ctstate $st -m comment --comment out-udp-$st"
    echo "-A OUTPUT $ICMPR -m conntrack --ctstate $st -m comment --comment out-echoreply-$st"
  done
  for t in UNICAST LOCAL LOCAL,UNICAST BROADCAST MULTICAST ANYCAST UNSPEC; do
    [ $fam = 6 ] && [ $t = BROADCAST ] && continue
    echo "-A INPUT -p tcp --dport 81 -m addrtype --dst-type $t -m comment --comment in-dsttype-$t"
    echo "-A INPUT -p tcp --dport 81 -m addrtype --src-type $t -m comment --comment in-srctype-$t"
    echo "-A OUTPUT -p tcp --sport 81 -m addrtype --dst-type $t -m comment --comment out-dsttype-$t"
    echo "-A OUTPUT -p tcp --sport 81 -m addrtype --src-type $t -m comment --comment out-srctype-$t"
  done
  echo 'COMMIT'
  } | ip netns exec $H $R
done
ip netns exec $H python3 - <<'PY' &
import socket, select, time
socks=[]
for fam,addr in ((socket.AF_INET,'0.0.0.0'),(socket.AF_INET6,'::')):
  for p in (80,81,82):
    s=socket.socket(fam,socket.SOCK_STREAM); s.setsockopt(socket.SOL_SOCKET,socket.SO_REUSEADDR,1)
    if fam==socket.AF_INET6: s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
    s.bind((addr,p)); s.listen(8); socks.append(s)
  u=socket.socket(fam,socket.SOCK_DGRAM)
  if fam==socket.AF_INET6: u.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
  u.bind((addr,53)); socks.append(u)
end=time.time()+8
while time.time()<end:
  r,_,_=select.select(socks,[],[],0.2)
  for s in r:
    if s.type==socket.SOCK_DGRAM:
      d,a=s.recvfrom(100); s.sendto(d,a)
    else:
      c,_=s.accept(); c.settimeout(1)
      try: c.recv(10)
      except Exception: pass
      c.close()
PY
sleep 1
ip netns exec $C python3 - <<'PY'
import socket
for fam,h in ((socket.AF_INET,'192.0.2.1'),(socket.AF_INET6,'2001:db8::1')):
  for p in (80,81,82):
    s=socket.socket(fam,socket.SOCK_STREAM); s.settimeout(2)
    try: s.connect((h,p)); s.send(b'x'); print(fam.name,'tcp',p,'connected')
    except Exception as e: print(fam.name,'tcp',p,'failed',e)
    s.close()
  u=socket.socket(fam,socket.SOCK_DGRAM); u.settimeout(2)
  for i in range(2):
    u.sendto(b'q',(h,53))
    try: u.recvfrom(10); print(fam.name,'udp 53 answer',i+1)
    except Exception as e: print(fam.name,'udp 53 no answer',e)
PY
ip netns exec $C python3 - <<'PY'
import socket, struct, time
def csum(b):
  if len(b)%2: b+=b'\0'
  s=sum(struct.unpack('!%dH'%(len(b)//2),b)); s=(s>>16)+(s&0xffff); s+=s>>16; return ~s&0xffff
for v6,h in ((False,'192.0.2.1'),(True,'2001:db8::1')):
  s=socket.socket(socket.AF_INET6 if v6 else socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMPV6 if v6 else socket.IPPROTO_ICMP)
  s.settimeout(2)
  t=128 if v6 else 8
  hdr=struct.pack('!BBHHH',t,0,0,0x1717,1)+b'ping'
  if not v6: hdr=hdr[:2]+struct.pack('!H',csum(hdr))+hdr[4:]
  s.sendto(hdr,(h,0))
  got='no answer'
  end=time.time()+2
  while time.time()<end:
    try: d=s.recv(200)
    except Exception: break
    icmp=d if v6 else d[(d[0]&15)*4:]
    if icmp[0]==(129 if v6 else 0) and struct.unpack('!H',icmp[4:6])[0]==0x1717: got='echo reply'; break
  print('ipv6' if v6 else 'ipv4','icmp echo request:',got)
PY
wait
echo '# IPv4 counters (packets matched, nonzero only)'
ip netns exec $H iptables-$TOOL-save -c | grep -- '--comment' | grep -v '^\[0:' | sed -E 's/^\[([0-9]+):[0-9]+\].*--comment ([^ ]+).*/\1 \2/'
echo '# IPv6'
ip netns exec $H ip6tables-$TOOL-save -c | grep -- '--comment' | grep -v '^\[0:' | sed -E 's/^\[([0-9]+):[0-9]+\].*--comment ([^ ]+).*/\1 \2/'
