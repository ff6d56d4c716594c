#!/bin/sh
# Installs the .deb built by `cpack -G DEB` into a fresh Debian 12 root made with debootstrap
# and checks that it works there: the dependencies resolve, the command line finds the
# installed lessons, and the menu's command starts the app on an X display (Xvfb).
# Usage, as root, after `cd build && cpack -G DEB`:  tools/check-deb-in-clean-root.sh build/streamscope_*.deb [ROOT]
# Needs debootstrap and network access to deb.debian.org. ROOT (default /tmp/streamscope-debroot) is made afresh.
set -eu
deb=$(readlink -f "$1")
root=${2:-/tmp/streamscope-debroot}
rm -rf "$root"
debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian >/dev/null
cp /etc/resolv.conf "$root/etc/resolv.conf"
cp "$deb" "$root/tmp/streamscope.deb"
in_root() { chroot "$root" sh -c "$1"; }
in_root 'apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends /tmp/streamscope.deb xvfb xauth >/dev/null'
in_root 'streamscope --version'
in_root 'cd /tmp && streamscope-cli lesson --all | tail -1'
exec_line=$(sed -n 's/^Exec=//p' "$root/usr/share/applications/io.github.streamscope.StreamScope.desktop" | sed 's/ %[fFuU]//')
in_root "xvfb-run -a -s '-screen 0 1600x900x24' $exec_line --screenshot /tmp/menu-launch.png"
test -s "$root/tmp/menu-launch.png"
for size in 16x16 32x32 48x48 256x256 scalable; do
  ls "$root"/usr/share/icons/hicolor/$size/apps/streamscope.* >/dev/null
done
echo "the package installs in a clean Debian 12 root and its menu command starts the app ($root/tmp/menu-launch.png)"
