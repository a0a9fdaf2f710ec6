#!/usr/bin/env python3
"""Listener and prober for the kernel oracle of the packet tracer (run inside network namespaces).

serve SPEC_JSON   listen on TCP and UDP ports (IPv4 and IPv6), echo UDP datagrams, print "ready";
                 each stdin line {"ports": [...]} adds ports ("ok"); end of input stops it.
probe SPEC_JSON  print "ready"; each stdin line {"probes": [...]} runs the probes concurrently and prints
                 one JSON object per probe, then "done":
                 {"id": ..., "outcome": "accept" | "reject" | "drop" | "error", "detail": ...}
Every socket has a time-out; nothing runs longer than the time-out plus a small margin.
"""
import errno
import json
import os
import select
import socket
import struct
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

TIMEOUT = float(os.environ.get("PROBE_TIMEOUT", "0.6"))
IP_PKTINFO = getattr(socket, "IP_PKTINFO", 8)


def bind_ports(ports, socks, bound):
    for fam, any_addr in ((socket.AF_INET, "0.0.0.0"), (socket.AF_INET6, "::")):
        for port in ports:
            for kind in (socket.SOCK_STREAM, socket.SOCK_DGRAM):
                key = (fam, kind, port)
                if key in bound:
                    continue
                s = socket.socket(fam, kind)
                s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                if fam == socket.AF_INET6:
                    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
                try:
                    s.bind((any_addr, port))
                except OSError:
                    s.close()
                    continue
                if kind == socket.SOCK_STREAM:
                    s.listen(512)
                elif fam == socket.AF_INET:
                    # Learn each datagram's destination address, to answer from that same address.
                    s.setsockopt(socket.IPPROTO_IP, IP_PKTINFO, 1)
                s.setblocking(False)
                socks.append(s)
                bound.add(key)


def serve(spec):
    """Listen; each stdin line {"ports": [...]} adds ports and is answered "ok"; EOF ends."""
    socks, bound = [], set()
    bind_ports(spec["ports"], socks, bound)
    print("ready", flush=True)
    deadline = time.time() + float(spec.get("lifetime", 600))
    while time.time() < deadline:
        readable, _, _ = select.select(socks + [sys.stdin], [], [], 0.5)
        for s in readable:
            if s is sys.stdin:
                line = sys.stdin.readline()
                if line == "":
                    return
                bind_ports(json.loads(line)["ports"], socks, bound)
                print("ok", flush=True)
                continue
            try:
                if s.type == socket.SOCK_STREAM:
                    c, _ = s.accept()
                    c.close()
                elif s.family == socket.AF_INET:
                    data, anc, _, addr = s.recvmsg(2048, 256)
                    info = [d for level, kind, d in anc if level == socket.IPPROTO_IP and kind == IP_PKTINFO]
                    if info:
                        local = info[0][8:12]
                        s.sendmsg([data], [(socket.IPPROTO_IP, IP_PKTINFO, struct.pack("=I4s4s", 0, local, b"\0\0\0\0"))], 0, addr)
                    else:
                        s.sendto(data, addr)
                else:
                    data, addr = s.recvfrom(2048)
                    s.sendto(data, addr)
            except OSError:
                pass


def family_of(addr):
    return socket.AF_INET6 if ":" in addr else socket.AF_INET


# ICMP errors seen by the prober, keyed by (source address, source port) of the packet they quote:
# a TCP connect over IPv6 does not end on ICMPv6 port-unreachable (it keeps retrying the SYN), so the
# error itself is what tells a rejected connection from a dropped one.
_errors = {}
_errors_lock = threading.Lock()


def watch_errors(v6, stop):
    s = socket.socket(socket.AF_INET6 if v6 else socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMPV6 if v6 else socket.IPPROTO_ICMP)
    s.settimeout(0.2)
    while not stop.is_set():
        try:
            data = s.recv(4096)
        except socket.timeout:
            continue
        except OSError:
            break
        icmp = data if v6 else data[(data[0] & 0x0F) * 4:]
        if len(icmp) < 8 or icmp[0] != (1 if v6 else 3):
            continue
        inner = icmp[8:]
        if v6:
            if len(inner) < 44:
                continue
            src = socket.inet_ntop(socket.AF_INET6, inner[8:24])
            sport = struct.unpack("!H", inner[40:42])[0]
        else:
            if len(inner) < 24:
                continue
            ihl = (inner[0] & 0x0F) * 4
            src = socket.inet_ntop(socket.AF_INET, inner[12:16])
            sport = struct.unpack("!H", inner[ihl:ihl + 2])[0]
        with _errors_lock:
            _errors[(src, sport)] = "unreachable %d" % icmp[1]
    s.close()


def seen_error(p):
    deadline = time.time() + 0.2
    while time.time() < deadline:
        with _errors_lock:
            found = _errors.get((p["src"], p.get("sport", 0)))
        if found:
            return found
        time.sleep(0.02)
    return None


def tcp_probe(p):
    s = socket.socket(family_of(p["dst"]), socket.SOCK_STREAM)
    s.settimeout(TIMEOUT)
    try:
        s.bind((p["src"], p.get("sport", 0)))
        s.connect((p["dst"], p["dport"]))
    except socket.timeout:
        error = seen_error(p)
        return ("reject", "%s (connect did not end on it)" % error) if error else ("drop", "timeout")
    except ConnectionRefusedError:
        return "reject", "refused"
    except OSError as e:
        if e.errno in (errno.EHOSTUNREACH, errno.ENETUNREACH, errno.EACCES, errno.EPERM, errno.ECONNRESET):
            return "reject", errno.errorcode.get(e.errno, str(e.errno))
        if e.errno == errno.ETIMEDOUT:
            return "drop", "timeout"
        return "error", str(e)
    else:
        # The handshake is done from the client's side; the connection is usable when the server's
        # close (it accepts and closes) comes back, which needs the client's next packets to get in.
        try:
            s.settimeout(max(TIMEOUT * 3, 2.0))
            while s.recv(64):
                pass
            return "accept", "connected"
        except socket.timeout:
            error = seen_error(p)
            return ("reject", "%s after the handshake" % error) if error else ("drop", "connected, then nothing came back")
        except ConnectionRefusedError:
            return "reject", "refused after the handshake"
        except OSError as e:
            return "reject", "%s after the handshake" % errno.errorcode.get(e.errno, str(e.errno))
    finally:
        s.close()


def udp_probe(p):
    s = socket.socket(family_of(p["dst"]), socket.SOCK_DGRAM)
    s.settimeout(TIMEOUT)
    try:
        s.bind((p["src"], p.get("sport", 0)))
        s.connect((p["dst"], p["dport"]))
        token = ("%s" % p["id"]).encode()
        s.send(token)
        while True:
            data = s.recv(2048)
            if data == token:
                return "accept", "reply"
    except socket.timeout:
        # Host- and network-unreachable are soft errors a UDP socket does not report (only
        # port-unreachable and the like end a recv): the error watcher saw them.
        error = seen_error(p)
        return ("reject", "%s (recv did not end on it)" % error) if error else ("drop", "timeout")
    except ConnectionRefusedError:
        return "reject", "refused"
    except OSError as e:
        if e.errno in (errno.EHOSTUNREACH, errno.ENETUNREACH, errno.EACCES, errno.EPERM):
            return "reject", errno.errorcode.get(e.errno, str(e.errno))
        return "error", str(e)
    finally:
        s.close()


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    total = (total >> 16) + (total & 0xFFFF)
    total += total >> 16
    return ~total & 0xFFFF


_ident_lock = threading.Lock()
_ident = [os.getpid() & 0x7FFF]


def icmp_probe(p):
    v6 = ":" in p["dst"]
    with _ident_lock:
        _ident[0] = (_ident[0] + 1) & 0xFFFF
        ident = _ident[0]
    if v6:
        s = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_ICMPV6)
        packet = struct.pack("!BBHHH", 128, 0, 0, ident, 1) + b"ccl-oracle"  # kernel fills the checksum
    else:
        s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
        body = struct.pack("!BBHHH", 8, 0, 0, ident, 1) + b"ccl-oracle"
        packet = struct.pack("!BBHHH", 8, 0, checksum(body), ident, 1) + b"ccl-oracle"
    try:
        s.bind((p["src"], 0))
        s.sendto(packet, (p["dst"], 0))
        end = time.time() + TIMEOUT
        while True:
            left = end - time.time()
            if left <= 0:
                return "drop", "timeout"
            r, _, _ = select.select([s], [], [], left)
            if not r:
                return "drop", "timeout"
            data, addr = s.recvfrom(4096)
            icmp = data if v6 else data[(data[0] & 0x0F) * 4:]
            kind = icmp[0]
            if (kind == 129 if v6 else kind == 0) and struct.unpack("!H", icmp[4:6])[0] == ident:
                return "accept", "echo-reply"
            if (kind == 1 if v6 else kind == 3):
                inner = icmp[8:]
                inner_icmp = inner[40:] if v6 else inner[(inner[0] & 0x0F) * 4:]
                if len(inner_icmp) >= 6 and struct.unpack("!H", inner_icmp[4:6])[0] == ident:
                    return "reject", "unreachable %d" % icmp[1]
    except OSError as e:
        return "error", str(e)
    finally:
        s.close()


def run_probe(p):
    fn = {"tcp": tcp_probe, "udp": udp_probe, "icmp": icmp_probe, "icmpv6": icmp_probe}[p["proto"]]
    outcome, detail = fn(p)
    return {"id": p["id"], "outcome": outcome, "detail": detail}


def probe(spec):
    """Each stdin line {"probes": [...]} is answered with one result line per probe, then "done"."""
    stop = threading.Event()
    for v6 in (False, True):
        threading.Thread(target=watch_errors, args=(v6, stop), daemon=True).start()
    with ThreadPoolExecutor(max_workers=int(spec.get("parallel", 64))) as pool:
        print("ready", flush=True)
        for line in sys.stdin:
            for result in pool.map(run_probe, json.loads(line)["probes"]):
                print(json.dumps(result), flush=True)
            print("done", flush=True)


if __name__ == "__main__":
    mode = sys.argv[1]
    spec = json.loads(sys.argv[2])
    {"serve": serve, "probe": probe}[mode](spec)
