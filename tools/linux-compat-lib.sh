# Shared by tools/build-linux-compat.sh and tools/smoke-linux-compat.sh (sourced, not run):
# Debian bullseye chroots made from a cached debootstrap tarball, mounted and always unmounted.
# bullseye (glibc 2.31) is the oldest Debian the registry still serves; see docs/packaging.md, 信创.

COMPAT_SUITE=bullseye
# The oldest glibc the folder may need: UOS 统信 20's (Kylin V10 has 2.31).
GLIBC_MAX=2.28
COMPAT_MIRROR=${COMPAT_MIRROR:-http://deb.debian.org/debian}
COMPAT_ARCH=${COMPAT_ARCH:-amd64}
COMPAT_WORK=${COMPAT_WORK:-$PWD/build/linux-compat}
# The UOS app id: also the Debian package name and the folder under /opt/apps (docs/packaging.md).
COMPAT_APPID=cn.gik-editor
# The system's Python, which the scripts give pip and Pillow with apt-get; not whatever python3
# comes first on PATH (a pyenv or venv may lack them).
HOST_PY=/usr/bin/python3
# Every chroot mounted by this run, unmounted by compat_cleanup (the scripts' EXIT trap).
COMPAT_MOUNTED=()

compat_say() { printf '== [%4ss] %s\n' "$SECONDS" "$*" >&2; }
compat_die() { printf '错误：%s\n' "$*" >&2; exit 2; }

compat_require_root() {
  [ "$(id -u)" = 0 ] || compat_die "需要 root（debootstrap、chroot、挂载）：sudo bash $0"
}

# apt-get on the build machine, waiting for another apt run instead of failing on its lock.
compat_host_apt() {
  local missing=() pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  [ ${#missing[@]} = 0 ] && return 0
  compat_say "apt-get install ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 -qq update
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 -y -qq install --no-install-recommends "${missing[@]}" >/dev/null
}

compat_mount() {
  local root=$1
  mountpoint -q "$root/proc" || mount -t proc proc "$root/proc"
  mountpoint -q "$root/dev/shm" || mount -t tmpfs -o mode=1777,size=256m tmpfs "$root/dev/shm"
  # a private pty instance (dpkg's terminal log), never the machine's own /dev/pts
  mountpoint -q "$root/dev/pts" || mount -t devpts -o newinstance,ptmxmode=0666 devpts "$root/dev/pts"
  COMPAT_MOUNTED+=("$root")
}

compat_umount() {
  local root=$1 m
  # deepest first; lazy as the last resort so that an exiting script never leaves a mount behind
  for m in $(findmnt -rn -o TARGET | grep -F "$root/" | sort -r); do
    umount "$m" 2>/dev/null || umount -l "$m"
  done
}

# Remove a chroot folder: unmount first, and never cross into another file system even so.
compat_remove_root() {
  local root=$1
  [ -n "$root" ] && [ "$root" != / ] || return 1
  [ -e "$root" ] || return 0
  compat_umount "$root"
  rm -rf --one-file-system "$root"
}

# Stop what this run started in a chroot (a process whose root is inside it), then unmount.
compat_cleanup() {
  local root pid
  for root in "${COMPAT_MOUNTED[@]}"; do
    for pid in $(ls /proc | grep -E '^[0-9]+$'); do
      [ "$(readlink "/proc/$pid/root" 2>/dev/null)" = "$root" ] && kill -9 "$pid" 2>/dev/null || true
    done
    compat_umount "$root"
  done
}

# A fresh chroot at $1 with the packages $2 (space separated), from a tarball cached in $COMPAT_WORK
# that is named by the package list, so a changed list makes a new one.
compat_make_root() {
  local root=$1 packages=$2 key tarball base
  key=$(printf '%s %s %s' "$COMPAT_SUITE" "$COMPAT_ARCH" "$packages" | sha256sum | cut -c1-12)
  tarball="$COMPAT_WORK/cache/root-$COMPAT_SUITE-$COMPAT_ARCH-$key.tar"
  base="$COMPAT_WORK/cache/root-$COMPAT_SUITE-$COMPAT_ARCH-base.tar"
  mkdir -p "$COMPAT_WORK/cache"
  compat_remove_root "$root"
  if [ ! -f "$tarball" ]; then
    if [ ! -f "$base" ]; then
      compat_say "debootstrap $COMPAT_SUITE ($COMPAT_ARCH)"
      compat_remove_root "$root.debootstrap"
      flock /tmp/gik-heavy.lock debootstrap --variant=minbase --arch="$COMPAT_ARCH" \
        "$COMPAT_SUITE" "$root.debootstrap" "$COMPAT_MIRROR" >"$COMPAT_WORK/debootstrap.log" 2>&1 \
        || { tail -20 "$COMPAT_WORK/debootstrap.log" >&2; compat_die "debootstrap 失败（见 $COMPAT_WORK/debootstrap.log）"; }
      tar -C "$root.debootstrap" -cf "$base.part" . && mv "$base.part" "$base"
      compat_remove_root "$root.debootstrap"
    fi
    mkdir -p "$root"
    tar -C "$root" -xf "$base"
    if [ -n "$packages" ]; then
      compat_say "apt-get install in the chroot: $packages"
      cp /etc/resolv.conf "$root/etc/resolv.conf"
      compat_mount "$root"
      # shellcheck disable=SC2086  # the package list is words
      chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive \
        sh -c "apt-get -qq update && apt-get -y -qq install --no-install-recommends $packages && apt-get clean" \
        >"$COMPAT_WORK/chroot-apt.log" 2>&1 \
        || { tail -20 "$COMPAT_WORK/chroot-apt.log" >&2; compat_die "chroot 中 apt-get 失败"; }
      compat_umount "$root"
    fi
    tar -C "$root" -cf "$tarball.part" . && mv "$tarball.part" "$tarball"
  else
    mkdir -p "$root"
    tar -C "$root" -xf "$tarball"
  fi
  cp /etc/resolv.conf "$root/etc/resolv.conf"
}

# Run a command in the chroot with a clean environment (extra VAR=value words may come first).
compat_in_root() {
  local root=$1; shift
  chroot "$root" /usr/bin/env -i PATH=/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"
}
