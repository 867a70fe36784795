#!/bin/bash
# RSS of ./corral itself (its own JVM, not the in-process bench) with 5000 empty corral-test
# groups in each of unified, cpu, cpuacct, memory, blkio, pids; removes them on exit. Root, Xvfb.
set -u
name=corral-test-rss-$$
hs="unified cpu cpuacct memory blkio pids"
cleanup() {
  [ -n "${jpid:-}" ] && kill $jpid 2>/dev/null; [ -n "${cpid:-}" ] && kill $cpid 2>/dev/null
  [ -n "${xpid:-}" ] && kill $xpid 2>/dev/null
  sleep 2
  for h in $hs; do
    d=/sys/fs/cgroup/$h/$name
    [ -d $d ] && { for i in $(seq 1 5000); do rmdir $d/g$i 2>/dev/null; done; rmdir $d; }
  done
}
trap cleanup EXIT
for h in $hs; do mkdir /sys/fs/cgroup/$h/$name; (cd /sys/fs/cgroup/$h/$name && mkdir $(seq -f 'g%g' 1 5000)); done
echo "groups made: $(ls /sys/fs/cgroup/unified/$name | wc -l) per hierarchy"
Xvfb :58 -screen 0 1600x1000x24 >/dev/null 2>&1 & xpid=$!
sleep 1
cd "$(dirname "$(readlink -f "$0")")/.."
DISPLAY=:58 ./corral > /tmp/rss-console.log 2>&1 & cpid=$!
for t in 15 30 45 60 90 120; do
  sleep $(( t - ${last:-0} )); last=$t
  jpid=$(pgrep -P $cpid java || echo $cpid)
  echo "t=${t}s pid $jpid RSS $(grep VmRSS /proc/$jpid/status | awk "{print \$2}") kB HWM $(grep VmHWM /proc/$jpid/status | awk "{print \$2}") kB"
done
DISPLAY=:58 import -window root /tmp/shot-5000.png
