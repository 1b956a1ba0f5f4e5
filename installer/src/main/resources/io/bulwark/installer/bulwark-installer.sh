#!/bin/sh
# Bulwark installer service.
#
# On a host without systemd this file is also the agent's SysV init script: start copies it to
# /etc/init.d/bulwark-agent, so that the supervisor comes back after a reboot.
### BEGIN INIT INFO
# Provides:          bulwark-agent
# Required-Start:    $network $remote_fs
# Required-Stop:     $network $remote_fs
# Default-Start:     2 3 4 5
# Default-Stop:      0 1 6
# Short-Description: Bulwark proxy agent, supervised
### END INIT INFO
# chkconfig: 2345 90 10
# description: Bulwark proxy agent, supervised
#
# The engine uploads this file to a managed Linux host over SSH and runs it, through sudo when
# the login account is not root. The host has no Java before the install, so this is plain POSIX
# sh: it has to work under dash and busybox ash alike (no bashisms, no GNU-only options where a
# POSIX one exists).
#
# Output contract, because the engine parses it: stdout carries only key=value lines (one pair a
# line, the key matches [a-z0-9_.]+, the value runs to the end of the line and may hold spaces);
# stderr is for people. Exit codes: 0 ok; 1 failure, and then the last stdout line is
# error=<what an admin can do about it>; 3 not enough free space; 4 needs root.
#
# Two environment variables exist for tests only, so that the script can be exercised on a
# developer's machine without touching the machine: BULWARK_ROOT prefixes every path the script
# owns (host facts such as /etc/os-release and /proc are still read from the real host), and
# BULWARK_SYSTEMCTL replaces the systemctl program; likewise BULWARK_UPDATE_RC_D and
# BULWARK_CHKCONFIG, the programs that enable an init script (under BULWARK_ROOT they run only
# when named, since the real ones act on the real /etc).

# "A && B || die" is used on purpose: die should run when either A or B fails.
# shellcheck disable=SC2015

set -u
umask 022
LC_ALL=C
export LC_ALL
# With CDPATH set, cd prints the directory it went to, which would land in captured output.
unset CDPATH
# Non-login SSH sessions may hand us a PATH without the sbin directories.
PATH=${PATH:+$PATH:}/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export PATH

ROOT=${BULWARK_ROOT:-}
ROOT=${ROOT%/}
BUNDLE=$ROOT/opt/bulwark/agent
JAVA=$BUNDLE/runtime/bin/java
AGENT_JAR=$BUNDLE/lib/bulwark-agent.jar
CONF_DIR=$ROOT/etc/bulwark/agent
STATE_DIR=$ROOT/var/lib/bulwark/agent
LOG_DIR=$ROOT/var/log/bulwark
LOG_FILE=$LOG_DIR/agent.log
UNIT_NAME=bulwark-agent.service
UNIT_FILE=$ROOT/etc/systemd/system/$UNIT_NAME
RUN_DIR=$ROOT/run
PID_FILE=$RUN_DIR/bulwark-agent.pid
# The supervisor owns the PID file; the agent's own PID is kept beside it so that status can
# report the process doing the work, as systemd's MainPID does.
CHILD_PID_FILE=$RUN_DIR/bulwark-agent.child.pid
SYSTEMCTL=${BULWARK_SYSTEMCTL:-systemctl}
INIT_NAME=bulwark-agent
INIT_SCRIPT=$ROOT/etc/init.d/$INIT_NAME

# The defaults of io.bulwark.protocol.servers.ServerPorts.
DEFAULT_CONTROL_PORT=6162
DEFAULT_DATA_PORT_FIRST=2500
DEFAULT_DATA_PORT_LAST=3300

NL='
'
WORK=
CLEAN_NEW=
RESUME_SERVICE=

# ---------------------------------------------------------------------------------------------
# Output and failure

out() {
    printf '%s=%s\n' "$1" "$2"
}

say() {
    printf 'bulwark-installer: %s\n' "$*" >&2
}

# die CODE MESSAGE: the message goes to both streams; on stdout it must stay one line, or the
# engine would read its tail as garbage.
die() {
    code=$1
    shift
    msg=$(printf '%s' "$*" | tr '\n\r' '  ')
    say "$msg"
    out error "$msg"
    exit "$code"
}

usage() {
    cat >&2 <<'EOF'
usage: sh bulwark-installer.sh COMMAND [OPTIONS]
  analyse [--datastore PATH]... [--staging DIR] [--version V]
  install --staging DIR --version V [--control-port N] [--data-ports A-B]
  keygen
  trust --cert FILE --ca FILE
  start | stop | restart | status    (also force-reload, as an init script)
  logtail [--lines N]
  remove [--staging DIR]
EOF
}

cleanup() {
    if [ -n "$CLEAN_NEW" ]; then
        rm -rf "$BUNDLE.new"
    fi
    if [ -n "$RESUME_SERVICE" ]; then
        # A failed upgrade must not leave a previously running agent stopped.
        RESUME_SERVICE=
        start_service >&2 || say "could not restart the agent: run 'start' by hand"
    fi
    if [ -n "$WORK" ]; then
        rm -rf "$WORK"
    fi
}

work_dir() {
    if [ -z "$WORK" ]; then
        WORK=$(mktemp -d "${TMPDIR:-/tmp}/bulwark-installer.XXXXXX") ||
            die 1 "cannot create a temporary directory in ${TMPDIR:-/tmp}: check that it exists and has space"
    fi
}

need_value() {
    [ $# -ge 2 ] || die 1 "option $1 needs a value"
}

need_root() {
    [ "$(id -u)" = 0 ] && return 0
    die 4 "$1 needs root: run the installer as root or through sudo"
}

need_sha256sum() {
    command -v sha256sum >/dev/null 2>&1 ||
        die 1 "sha256sum is missing on this host: install coreutils (or busybox) and retry"
}

# ---------------------------------------------------------------------------------------------
# Small helpers

# sums_of DIR: "<sha256> <path>" for every file under DIR except partial uploads, with one
# sha256sum for all of them (paths hold no newlines: valid_rel_path refuses control characters).
sums_of() {
    (cd "$1" && find . -type f ! -name '*.part' -exec sha256sum {} +) |
        sed -n 's#^\([0-9a-f]\{64\}\) [ *]\./#\1 #p'
}

size_of() {
    n=$(wc -c <"$1" 2>/dev/null) || return 1
    n=${n##* }
    printf '%s' "$n"
}

# A short pause; fractional sleep is not POSIX, hence the fallback.
nap() {
    sleep 0.1 2>/dev/null || sleep 1
}

# Relative bundle paths that may be written under the bundle directory. VERSION and MANIFEST are
# the installer's own, and *.part names the partial uploads.
valid_rel_path() {
    case $1 in
        '' | /* | . | .. | ./* | ../* | */. | */.. | */./* | */../* | *//* | */) return 1 ;;
        VERSION | MANIFEST | *.part) return 1 ;;
        *\\* | *[[:cntrl:]]* | [[:space:]]* | *[[:space:]]) return 1 ;;
    esac
    return 0
}

# parse_manifest_line LINE: sets M_SHA and M_PATH. Returns 2 for a blank line, 1 for garbage.
parse_manifest_line() {
    case $1 in
        '') return 2 ;;
    esac
    M_SHA=${1%% *}
    rest=${1#"$M_SHA"}
    case $rest in
        '  '* | ' *'*) M_PATH=${rest#??} ;;
        *) return 1 ;;
    esac
    [ ${#M_SHA} -eq 64 ] || return 1
    case $M_SHA in
        *[!0-9a-f]*) return 1 ;;
    esac
    valid_rel_path "$M_PATH"
}

# Joins the lines of file $1 with ", ", naming at most ten so the error line stays readable.
list_names() {
    awk 'NR <= 10 { printf "%s%s", (NR > 1 ? ", " : ""), $0 } END { if (NR > 10) printf " and %d more", NR - 10 }' "$1"
}

# Prints "<available KiB> <mount point>" of the filesystem holding $1. The capacity column is
# found by its % sign, so spaces in the device name or the mount point do not shift the fields.
df_of() {
    df -P -k "$1" 2>/dev/null | awk 'NR > 1 {
        for (i = 2; i <= NF; i++) if ($i ~ /^[0-9]+%$/) {
            m = $(i + 1); for (j = i + 2; j <= NF; j++) m = m " " $j
            print $(i - 1), m; exit
        }
    }'
}

nearest_existing() {
    d=$1
    while [ ! -d "$d" ]; do
        case $d in
            */*) d=${d%/*} ;;
            *) d=. ;;
        esac
        [ -n "$d" ] || d=/
    done
    printf '%s' "$d"
}

os_release_value() {
    for f in /etc/os-release /usr/lib/os-release; do
        [ -r "$f" ] || continue
        v=$(sed -n "s/^$1=//p" "$f" | head -n 1)
        case $v in
            \"*\")
                v=${v#\"}
                v=${v%\"}
                ;;
            \'*\')
                v=${v#\'}
                v=${v%\'}
                ;;
        esac
        printf '%s' "$v"
        return 0
    done
}

conf_value() {
    [ -r "$CONF_DIR/agent.conf" ] || return 0
    sed -n "s/^$1=//p" "$CONF_DIR/agent.conf" | head -n 1
}

valid_port() {
    case $1 in
        '' | *[!0-9]*) return 1 ;;
    esac
    [ ${#1} -le 5 ] && [ "$1" -ge 1 ] && [ "$1" -le 65535 ]
}

# ensure_dir DIR MODE: sets CREATED when it had to make the directory (a global rather than
# output, because die cannot end the script from inside a command substitution). The mode is set
# every time so that a loosened directory is tightened again.
ensure_dir() {
    if [ ! -d "$1" ]; then
        mkdir -p "$1" || die 1 "cannot create $1: check the filesystem"
        CREATED=1
    fi
    chmod "$2" "$1" || die 1 "cannot set the mode of $1"
}

is_installed() {
    [ -f "$BUNDLE/VERSION" ]
}

# ---------------------------------------------------------------------------------------------
# Processes

# True when $1 is a live process. A zombie counts as gone: once our supervisor has exited, it is
# the init process's to reap, and on some hosts that takes a while.
pid_alive() {
    case $1 in
        '' | *[!0-9]*) return 1 ;;
    esac
    if [ -d /proc/self ]; then
        st=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
        st=${st##*) }
        case $st in
            Z* | X*) return 1 ;;
        esac
        return 0
    fi
    kill -0 "$1" 2>/dev/null
}

ppid_of() {
    st=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
    st=${st##*) }
    # shellcheck disable=SC2086 # the fields of /proc/PID/stat are wanted split
    set -- $st
    printf '%s' "$2"
}

cmdline_of() {
    tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null
}

read_pid() {
    [ -r "$1" ] || return 0
    p=$(head -n 1 "$1" 2>/dev/null)
    case $p in
        '' | *[!0-9]*) return 0 ;;
    esac
    printf '%s' "$p"
}

# The PID file is only trusted while it names our supervisor: a stale file may name a PID that
# has since been reused by something else, which must never be signalled.
supervisor_pid() {
    p=$(read_pid "$PID_FILE")
    pid_alive "$p" || return 0
    if [ -r "/proc/$p/cmdline" ]; then
        case $(cmdline_of "$p") in
            *bulwark-supervisor*"$CONF_DIR"*) ;;
            *) return 0 ;;
        esac
    fi
    printf '%s' "$p"
}

# The agent is ours when our supervisor is its parent, or, should the supervisor have died, when
# its command line runs the agent jar.
agent_pid() {
    p=$(read_pid "$CHILD_PID_FILE")
    pid_alive "$p" || return 0
    if [ -r "/proc/$p/stat" ]; then
        sp=$(supervisor_pid)
        if [ -z "$sp" ] || [ "$(ppid_of "$p")" != "$sp" ]; then
            case $(cmdline_of "$p") in
                *"$AGENT_JAR"*) ;;
                *) return 0 ;;
            esac
        fi
    fi
    printf '%s' "$p"
}

use_systemd() {
    [ -d "$ROOT/run/systemd/system" ]
}

systemd_active() {
    "$SYSTEMCTL" is-active "$UNIT_NAME" >/dev/null 2>&1
}

service_state() {
    if use_systemd; then
        if [ -f "$UNIT_FILE" ] && systemd_active; then
            echo running
            return
        fi
    elif [ -n "$(supervisor_pid)$(agent_pid)" ]; then
        echo running
        return
    fi
    if is_installed || [ -f "$UNIT_FILE" ]; then
        echo stopped
    else
        echo absent
    fi
}

# The supervisor runs from this string rather than from this file: the file sits in a staging
# directory that the engine may overwrite or remove while the agent keeps running. Back-off
# doubles from 1 s to 30 s while the agent keeps dying, and starts over after a run of a minute.
# Sleeps run in the background so that a stop does not wait for them.
# shellcheck disable=SC2016 # expanded by the supervisor's shell, not by this one
SUPERVISOR_CODE='
java=$1 jar=$2 conf=$3 pidfile=$4 childfile=$5
child= snooze= stopping=
stop_now() {
    stopping=1
    if [ -n "$snooze" ]; then kill "$snooze" 2>/dev/null; fi
    if [ -n "$child" ]; then kill "$child" 2>/dev/null; fi
}
trap stop_now TERM INT
echo $$ >"$pidfile.tmp" && mv -f "$pidfile.tmp" "$pidfile"
delay=1
while [ -z "$stopping" ]; do
    began=$(date +%s 2>/dev/null || echo 0)
    "$java" -jar "$jar" agent run --config "$conf" </dev/null &
    child=$!
    echo "$child" >"$childfile"
    if [ -n "$stopping" ]; then kill "$child" 2>/dev/null; fi
    wait "$child"
    status=$?
    # A trapped signal ends the first wait early; the second makes sure the agent is gone.
    wait "$child" 2>/dev/null
    child=
    if [ -n "$stopping" ]; then break; fi
    ended=$(date +%s 2>/dev/null || echo 0)
    if [ $((ended - began)) -ge 60 ]; then delay=1; fi
    echo "$(date): bulwark-supervisor: the agent exited with status $status, restarting in ${delay}s"
    sleep "$delay" &
    snooze=$!
    wait "$snooze"
    snooze=
    delay=$((delay * 2))
    if [ "$delay" -gt 30 ]; then delay=30; fi
done
rm -f "$childfile"
if [ "$(cat "$pidfile" 2>/dev/null)" = "$$" ]; then rm -f "$pidfile"; fi
exit 0
'

start_supervisor() {
    if [ -n "$(supervisor_pid)" ]; then
        return 0
    fi
    stop_supervisor
    mkdir -p "$RUN_DIR" || die 1 "cannot create $RUN_DIR"
    rm -f "$PID_FILE" "$CHILD_PID_FILE"
    # setsid puts the supervisor in its own session so that the end of the SSH session (SIGHUP to
    # its process group) does not take the agent with it.
    setsid=
    if command -v setsid >/dev/null 2>&1; then
        setsid=setsid
    fi
    (
        umask 027
        cd / || exit 1
        trap '' HUP
        $setsid sh -c "$SUPERVISOR_CODE" bulwark-supervisor "$JAVA" "$AGENT_JAR" "$CONF_DIR" \
            "$PID_FILE" "$CHILD_PID_FILE" </dev/null >>"$LOG_FILE" 2>&1 &
    )
    # The supervisor writes its own PID file: when setsid has to fork, $! would name the wrong
    # process.
    i=0
    while [ $i -lt 100 ]; do
        if [ -n "$(supervisor_pid)" ] && [ -n "$(agent_pid)" ]; then
            return 0
        fi
        nap
        i=$((i + 1))
    done
    [ -n "$(supervisor_pid)" ] ||
        die 1 "the agent supervisor did not start: see $LOG_FILE (sh bulwark-installer.sh logtail)"
}

stop_supervisor() {
    sp=$(supervisor_pid)
    ap=$(agent_pid)
    # The supervisor first, so that it does not restart the agent we are about to stop.
    [ -n "$sp" ] && kill -TERM "$sp" 2>/dev/null
    [ -n "$ap" ] && kill -TERM "$ap" 2>/dev/null
    i=0
    while pid_alive "$sp" || pid_alive "$ap"; do
        if [ $i -eq 100 ]; then
            say "the agent did not stop within 10 s of SIGTERM; killing it"
            pid_alive "$sp" && kill -KILL "$sp" 2>/dev/null
            pid_alive "$ap" && kill -KILL "$ap" 2>/dev/null
        fi
        if [ $i -ge 150 ]; then
            die 1 "could not stop the agent (PIDs $sp $ap): check the processes with ps and kill them"
        fi
        nap
        i=$((i + 1))
    done
    rm -f "$PID_FILE" "$PID_FILE.tmp" "$CHILD_PID_FILE"
}

write_unit() {
    work_dir
    # The shell in ExecStart appends to the log file: StandardOutput=append: needs systemd 240,
    # older than some supported distributions ship.
    cat >"$WORK/unit" <<EOF
# Written by the Bulwark installer; install and start rewrite it, remove deletes it.
[Unit]
Description=Bulwark proxy agent
After=network-online.target
Wants=network-online.target

[Service]
Type=simple
UMask=0027
ExecStart=/bin/sh -c 'exec $JAVA -jar $AGENT_JAR agent run --config $CONF_DIR >>$LOG_FILE 2>&1'
Restart=always
RestartSec=2

[Install]
WantedBy=multi-user.target
EOF
    if [ -f "$UNIT_FILE" ] && cmp -s "$WORK/unit" "$UNIT_FILE"; then
        return 0
    fi
    mkdir -p "${UNIT_FILE%/*}" || die 1 "cannot create ${UNIT_FILE%/*}"
    cp "$WORK/unit" "$UNIT_FILE.tmp" && chmod 0644 "$UNIT_FILE.tmp" && mv -f "$UNIT_FILE.tmp" "$UNIT_FILE" ||
        die 1 "cannot write $UNIT_FILE: check the filesystem"
    "$SYSTEMCTL" daemon-reload >&2 || die 1 "systemctl daemon-reload failed: see the messages above"
}

# The program that enables init scripts at boot on this host: update-rc.d (Debian and kin) or
# chkconfig (Red Hat and kin); empty when there is neither.
boot_tool() {
    if [ -n "${BULWARK_UPDATE_RC_D:-}" ]; then
        printf '%s' "$BULWARK_UPDATE_RC_D"
    elif [ -n "${BULWARK_CHKCONFIG:-}" ]; then
        printf '%s' "$BULWARK_CHKCONFIG"
    elif [ -z "$ROOT" ]; then
        command -v update-rc.d 2>/dev/null || command -v chkconfig 2>/dev/null
    fi
}

# Without systemd nothing would start the supervisor after a reboot: this script becomes the
# agent's init script (see its header) where the host keeps them in /etc/init.d, and is enabled
# when it is new or changed. Prints boot=sysv, or boot=none with the reason on stderr.
enable_boot_start() {
    if [ ! -d "$ROOT/etc/init.d" ]; then
        say "no $ROOT/etc/init.d on this host: the agent will not start by itself after a reboot"
        out boot none
        return 0
    fi
    if [ ! -f "$0" ] || ! grep -q '^# Provides: *bulwark-agent$' "$0"; then
        # Run from stdin (sh -s): there is no file to copy; the next start from the file enables it.
        out boot none
        return 0
    fi
    if [ -f "$INIT_SCRIPT" ] && cmp -s "$0" "$INIT_SCRIPT"; then
        out boot sysv
        return 0
    fi
    cp "$0" "$INIT_SCRIPT.tmp" && chmod 0755 "$INIT_SCRIPT.tmp" && mv -f "$INIT_SCRIPT.tmp" "$INIT_SCRIPT" ||
        die 1 "cannot write $INIT_SCRIPT: check the filesystem"
    tool=$(boot_tool)
    case ${tool##*/} in
        update-rc.d) "$tool" "$INIT_NAME" defaults >&2 || die 1 "$tool $INIT_NAME defaults failed: see the messages above" ;;
        chkconfig) "$tool" --add "$INIT_NAME" >&2 || die 1 "$tool --add $INIT_NAME failed: see the messages above" ;;
        *)
            say "neither update-rc.d nor chkconfig is here to enable $INIT_SCRIPT: link it into the boot runlevels by hand"
            out boot none
            return 0
            ;;
    esac
    out boot sysv
}

disable_boot_start() {
    [ -f "$INIT_SCRIPT" ] || return 1
    tool=$(boot_tool)
    case ${tool##*/} in
        update-rc.d) "$tool" -f "$INIT_NAME" remove >&2 ;;
        chkconfig) "$tool" --del "$INIT_NAME" >&2 ;;
    esac
    rm -f "$INIT_SCRIPT" || die 1 "cannot remove $INIT_SCRIPT"
}

start_service() {
    if [ ! -x "$JAVA" ] || [ ! -f "$AGENT_JAR" ]; then
        die 1 "the agent is not installed ($JAVA is missing): run install first"
    fi
    if [ ! -d "$LOG_DIR" ]; then
        mkdir -p "$LOG_DIR" && chmod 0750 "$LOG_DIR" || die 1 "cannot create $LOG_DIR"
    fi
    if use_systemd; then
        write_unit
        "$SYSTEMCTL" enable "$UNIT_NAME" >&2 || die 1 "systemctl enable $UNIT_NAME failed: see the messages above"
        "$SYSTEMCTL" start "$UNIT_NAME" >&2 ||
            die 1 "systemctl start $UNIT_NAME failed: see journalctl -u $UNIT_NAME and $LOG_FILE"
    else
        start_supervisor
        enable_boot_start
    fi
}

stop_service() {
    if use_systemd && [ -f "$UNIT_FILE" ]; then
        "$SYSTEMCTL" stop "$UNIT_NAME" >&2 || die 1 "systemctl stop $UNIT_NAME failed: see the messages above"
    fi
    # Also when systemd runs: a supervisor left from before systemd was enabled would still run.
    stop_supervisor
}

print_status() {
    state=$(service_state)
    if use_systemd; then
        out manager systemd
        pid=
        if [ "$state" = running ]; then
            pid=$("$SYSTEMCTL" show -p MainPID "$UNIT_NAME" 2>/dev/null | sed -n 's/^MainPID=//p')
            [ "$pid" = 0 ] && pid=
        fi
        out service "$state"
        out pid "$pid"
    else
        out manager supervisor
        out service "$state"
        out pid "$(agent_pid)"
        out supervisor.pid "$(supervisor_pid)"
    fi
}

# ---------------------------------------------------------------------------------------------
# analyse

cmd_analyse() {
    datastores=
    staging=
    deploying=
    while [ $# -gt 0 ]; do
        case $1 in
            --datastore) need_value "$@"; datastores=$datastores$2$NL; shift 2 ;;
            --staging) need_value "$@"; staging=$2; shift 2 ;;
            --version) need_value "$@"; deploying=$2; shift 2 ;;
            *) die 1 "unknown option for analyse: $1" ;;
        esac
    done

    name=$(os_release_value NAME)
    [ -n "$name" ] || name=$(uname -s)
    version=$(os_release_value VERSION_ID)
    [ -n "$version" ] || version=$(os_release_value VERSION)
    out os "$name"
    out os.version "$version"
    out kernel "$(uname -r)"
    arch=$(uname -m)
    case $arch in
        x86_64 | amd64) arch=x86_64 ;;
        aarch64 | arm64) arch=aarch64 ;;
    esac
    out arch "$arch"
    cores=$(nproc 2>/dev/null) || cores=
    [ -n "$cores" ] || cores=$(getconf _NPROCESSORS_ONLN 2>/dev/null) || cores=
    [ -n "$cores" ] || cores=$(grep -c '^processor' /proc/cpuinfo 2>/dev/null) || cores=
    out cpu.cores "$cores"
    out memory.bytes "$(awk '$1 == "MemTotal:" { printf "%.0f", $2 * 1024; exit }' /proc/meminfo 2>/dev/null)"
    free=$(df_of "$(nearest_existing "$ROOT/opt")")
    free=${free%% *}
    case $free in
        '' | *[!0-9]*) free= ;;
        *) free=$((free * 1024)) ;;
    esac
    out free.bytes "$free"
    if use_systemd; then out systemd true; else out systemd false; fi
    if command -v qemu-nbd >/dev/null 2>&1; then out qemu_nbd true; else out qemu_nbd false; fi
    if command -v sha256sum >/dev/null 2>&1; then out sha256sum true; else out sha256sum false; fi
    printf '%s' "$datastores" | while IFS= read -r d; do
        [ -n "$d" ] && [ -d "$d" ] && out datastore "$d"
    done
    installed=
    if is_installed; then
        installed=$(head -n 1 "$BUNDLE/VERSION")
    fi
    out installed.version "$installed"
    out service "$(service_state)"
    # With the version being deployed installed already, nothing will be uploaded: the staged
    # copies need not be read.
    if [ -n "$staging" ] && [ -d "$staging" ] && command -v sha256sum >/dev/null 2>&1 &&
        { [ -z "$deploying" ] || [ "$deploying" != "$installed" ]; }; then
        # Sorted by path so that the output is stable.
        sums_of "$staging" | sort -k 2 | sed 's/^\([0-9a-f]\{64\}\) /staged=\1  /'
        (cd "$staging" && find . -type f -name '*.part') | sort | while IFS= read -r f; do
            out partial "$(size_of "$staging/$f") $(printf '%s' "${f#./}" | sed 's/\.part$//')"
        done
    fi
    if [ -f "$BUNDLE/MANIFEST" ]; then
        sed -n '/./s/^/installed=/p' "$BUNDLE/MANIFEST"
    fi
}

# ---------------------------------------------------------------------------------------------
# install

recover_interrupted_swap() {
    # An install killed between its two renames leaves only agent.old: that is the last good one.
    if [ ! -d "$BUNDLE" ] && [ -d "$BUNDLE.old" ]; then
        say "restoring $BUNDLE from an interrupted install"
        mv "$BUNDLE.old" "$BUNDLE" || die 1 "cannot restore $BUNDLE from $BUNDLE.old: move it back by hand"
    fi
    rm -rf "$BUNDLE.new" "$BUNDLE.old"
}

cmd_install() {
    staging=
    version=
    control_port=
    data_ports=
    while [ $# -gt 0 ]; do
        case $1 in
            --staging) need_value "$@"; staging=$2; shift 2 ;;
            --version) need_value "$@"; version=$2; shift 2 ;;
            --control-port) need_value "$@"; control_port=$2; shift 2 ;;
            --data-ports) need_value "$@"; data_ports=$2; shift 2 ;;
            *) die 1 "unknown option for install: $1" ;;
        esac
    done
    [ -n "$staging" ] || die 1 "install needs --staging DIR"
    [ -n "$version" ] || die 1 "install needs --version V"
    case $version in
        *[!A-Za-z0-9._+-]*) die 1 "version '$version' may only hold letters, digits and . _ + -" ;;
    esac
    [ ${#version} -le 64 ] || die 1 "version '$version' is longer than 64 characters"
    if [ -n "$control_port" ]; then
        valid_port "$control_port" || die 1 "control port '$control_port' is not a port number (1-65535)"
    fi
    if [ -n "$data_ports" ]; then
        case $data_ports in
            *-*) ;;
            *) die 1 "data ports '$data_ports' are not a range A-B of port numbers with A <= B" ;;
        esac
        first=${data_ports%%-*}
        last=${data_ports#*-}
        if ! valid_port "$first" || ! valid_port "$last" || [ "$first" -gt "$last" ]; then
            die 1 "data ports '$data_ports' are not a range A-B of port numbers with A <= B"
        fi
    fi
    need_root install
    need_sha256sum
    [ -d "$staging" ] || die 1 "staging directory $staging does not exist: upload the bundle and retry"
    staging=$(cd "$staging" && pwd -P) || die 1 "cannot enter the staging directory"
    [ -f "$staging/MANIFEST" ] || die 1 "no MANIFEST in $staging: upload the bundle and retry"

    work_dir
    recover_interrupted_swap

    # Pass 1 reads no file content: it finds missing files and the space the copy needs, so that
    # an admin learns about both before waiting for any hashing. A file counts as reusable when
    # the installed MANIFEST lists it with the same hash; pass 2 checks that claim.
    : >"$WORK/plan"
    : >"$WORK/missing"
    : >"$WORK/corrupt"
    : >"$WORK/bad"
    needed=0
    entries=0
    n=0
    while IFS= read -r line || [ -n "$line" ]; do
        n=$((n + 1))
        parse_manifest_line "$line"
        case $? in
            2) continue ;;
            1) echo "$n" >>"$WORK/bad"; continue ;;
        esac
        entries=$((entries + 1))
        if [ -f "$BUNDLE/MANIFEST" ] && [ -f "$BUNDLE/$M_PATH" ] && grep -Fxq -e "$M_SHA  $M_PATH" "$BUNDLE/MANIFEST"; then
            echo "I $M_SHA $M_PATH" >>"$WORK/plan"
        elif [ -f "$staging/$M_PATH" ] && [ ! -L "$staging/$M_PATH" ]; then
            echo "S $M_SHA $M_PATH" >>"$WORK/plan"
            size=$(size_of "$staging/$M_PATH") || size=0
            case $size in '' | *[!0-9]*) size=0 ;; esac
            needed=$((needed + size))
        else
            echo "$M_PATH" >>"$WORK/missing"
        fi
    done <"$staging/MANIFEST"
    if [ -s "$WORK/bad" ]; then
        die 1 "$staging/MANIFEST has invalid lines ($(list_names "$WORK/bad")): each line must be '<sha256>  <relative path>', without '..', absolute paths, *.part or the names VERSION and MANIFEST"
    fi
    [ "$entries" -gt 0 ] || die 1 "$staging/MANIFEST lists no files: upload the bundle and retry"
    if [ -s "$WORK/missing" ]; then
        die 1 "the staged bundle is incomplete, missing: $(list_names "$WORK/missing"): upload these files to $staging and retry"
    fi

    mkdir -p "$ROOT/opt/bulwark" || die 1 "cannot create $ROOT/opt/bulwark"
    space=$(df_of "$ROOT/opt/bulwark")
    avail_kib=${space%% *}
    fs=${space#* }
    case $avail_kib in
        '' | *[!0-9]*) say "cannot read the free space of $ROOT/opt/bulwark; installing anyway" ;;
        *)
            # One MiB more for VERSION, MANIFEST and the configuration.
            need_mib=$(((needed + 1048575) / 1048576 + 1))
            have_mib=$((avail_kib / 1024))
            if [ "$need_mib" -gt "$have_mib" ]; then
                out needed.bytes "$((need_mib * 1048576))"
                out free.bytes "$((avail_kib * 1024))"
                die 3 "needs $need_mib MiB on $fs, has $have_mib MiB: free space on the host and retry"
            fi
            ;;
    esac

    # Pass 2: an installed file is kept only while its content still matches its MANIFEST line.
    # One sha256sum reads them all. Staged files are checked once copied (below): as root's copies,
    # since the staging directory belongs to the login user and may change in between.
    : >"$WORK/verified"
    if grep -q '^I ' "$WORK/plan"; then
        sums_of "$BUNDLE" >"$WORK/installed.sums"
    else
        : >"$WORK/installed.sums"
    fi
    # Plan lines are "I|S <sha> <path>": the path starts at column 68, and at 66 in sums_of's lines.
    # (FILENAME, not NR == FNR: the first file may be empty.)
    awk 'FILENAME == ARGV[1] { have[substr($0, 66)] = substr($0, 1, 64); next }
        $1 == "I" && have[substr($0, 68)] != $2 { print "R " substr($0, 3); next }
        { print }' "$WORK/installed.sums" "$WORK/plan" >"$WORK/checked"
    while read -r src sha path; do
        if [ "$src" = R ]; then
            # The installed copy was changed behind our back; the staged one may still serve.
            if [ -f "$staging/$path" ] && [ ! -L "$staging/$path" ]; then
                src=S
            else
                echo "$path" >>"$WORK/missing"
                continue
            fi
        fi
        echo "$src $sha $path" >>"$WORK/verified"
    done <"$WORK/checked"
    if [ -s "$WORK/missing" ]; then
        die 1 "the staged bundle does not match its MANIFEST, missing: $(list_names "$WORK/missing"): upload these files to $staging again and retry"
    fi

    changed=false
    copied=$(grep -c '^S ' "$WORK/verified")
    kept=$(grep -c '^I ' "$WORK/verified")
    bundle_same=false
    # The same files, VERSION and MANIFEST, and nothing else: then the bundle is left alone.
    present=$(find "$BUNDLE" ! -type d 2>/dev/null | wc -l)
    present=${present##* }
    if [ "$copied" -eq 0 ] && is_installed && [ "$(head -n 1 "$BUNDLE/VERSION")" = "$version" ] &&
        cmp -s "$staging/MANIFEST" "$BUNDLE/MANIFEST" && [ "$present" = $((entries + 2)) ]; then
        bundle_same=true
    fi

    was=$(service_state)
    if [ "$bundle_same" = false ]; then
        CLEAN_NEW=1
        new=$BUNDLE.new
        mkdir -p "$new" || die 1 "cannot create $new"
        : >"$WORK/executables"
        umask_before=$(umask)
        umask 022
        while read -r src sha path; do
            dst=$new/$path
            [ -d "${dst%/*}" ] || mkdir -p "${dst%/*}" || die 1 "cannot create ${dst%/*}"
            if [ "$src" = I ]; then
                # A hard link costs no space and no time; the old name goes with agent.old.
                ln "$BUNDLE/$path" "$dst" 2>/dev/null || cp "$BUNDLE/$path" "$dst" ||
                    die 1 "cannot copy $BUNDLE/$path: check the filesystem"
                continue
            fi
            # A new file written under umask 022 is 0644 whatever the staged file's mode: no chmod each.
            cat "$staging/$path" >"$dst" || die 1 "cannot copy $path into $new: check the free space"
            # SFTP uploads do not always keep modes; the runtime's launchers must be executable.
            case $path in
                runtime/bin/* | runtime/lib/jspawnhelper | runtime/lib/jexec) echo "$dst" >>"$WORK/executables" ;;
                *) [ -x "$staging/$path" ] && echo "$dst" >>"$WORK/executables" ;;
            esac
        done <"$WORK/verified"
        umask "$umask_before"
        # The copies, not the staged files, are what must match: they are root's and cannot change now.
        sums_of "$new" >"$WORK/new.sums"
        awk 'FILENAME == ARGV[1] { have[substr($0, 66)] = substr($0, 1, 64); next }
            $1 == "S" && have[substr($0, 68)] != $2 { print substr($0, 68) }' "$WORK/new.sums" "$WORK/verified" \
            >"$WORK/corrupt"
        if [ -s "$WORK/corrupt" ]; then
            die 1 "the staged bundle does not match its MANIFEST, corrupt: $(list_names "$WORK/corrupt"): upload these files to $staging again and retry"
        fi
        while IFS= read -r file; do
            chmod 0755 "$file" || die 1 "cannot set the mode of $file"
        done <"$WORK/executables"
        printf '%s\n' "$version" >"$new/VERSION" && cp "$staging/MANIFEST" "$new/MANIFEST" &&
            chmod 0644 "$new/VERSION" "$new/MANIFEST" || die 1 "cannot write VERSION and MANIFEST into $new"

        if [ "$was" = running ]; then
            say "stopping the agent for the upgrade"
            stop_service
            RESUME_SERVICE=1
        fi
        if [ -d "$BUNDLE" ]; then
            mv "$BUNDLE" "$BUNDLE.old" || die 1 "cannot move $BUNDLE aside"
        fi
        if ! mv "$new" "$BUNDLE"; then
            mv "$BUNDLE.old" "$BUNDLE"
            die 1 "cannot move $new into place: check the filesystem"
        fi
        CLEAN_NEW=
        rm -rf "$BUNDLE.old"
        changed=true
    fi

    CREATED=
    for d in "$ROOT/etc/bulwark:0755" "$CONF_DIR:0700" "$ROOT/var/lib/bulwark:0755" "$STATE_DIR:0700" "$LOG_DIR:0750"; do
        ensure_dir "${d%:*}" "${d##*:}"
    done
    [ -n "$CREATED" ] && changed=true

    # Ports not given keep their current value, so that an upgrade does not undo an admin's choice.
    [ -n "$control_port" ] || control_port=$(conf_value CONTROL_PORT)
    valid_port "$control_port" || control_port=$DEFAULT_CONTROL_PORT
    if [ -z "$data_ports" ]; then
        first=$(conf_value DATA_PORT_FIRST)
        last=$(conf_value DATA_PORT_LAST)
        if ! valid_port "$first" || ! valid_port "$last" || [ "$first" -gt "$last" ]; then
            first=$DEFAULT_DATA_PORT_FIRST
            last=$DEFAULT_DATA_PORT_LAST
        fi
    fi
    if [ "$control_port" -ge "$first" ] && [ "$control_port" -le "$last" ]; then
        die 1 "control port $control_port lies inside the data port range $first-$last: choose another"
    fi
    {
        echo "# Written by the Bulwark installer; install rewrites it."
        echo "CONTROL_PORT=$control_port"
        echo "DATA_PORT_FIRST=$first"
        echo "DATA_PORT_LAST=$last"
    } >"$WORK/agent.conf"
    conf_changed=false
    if ! cmp -s "$WORK/agent.conf" "$CONF_DIR/agent.conf"; then
        cp "$WORK/agent.conf" "$CONF_DIR/agent.conf.tmp" && chmod 0600 "$CONF_DIR/agent.conf.tmp" &&
            mv -f "$CONF_DIR/agent.conf.tmp" "$CONF_DIR/agent.conf" || die 1 "cannot write $CONF_DIR/agent.conf"
        changed=true
        conf_changed=true
    fi

    if [ "$was" = running ]; then
        if [ -n "$RESUME_SERVICE" ]; then
            RESUME_SERVICE=
            start_service
        elif [ "$conf_changed" = true ]; then
            say "restarting the agent for its new ports"
            stop_service
            start_service
        fi
    fi

    out version "$version"
    out files.copied "$copied"
    out files.kept "$kept"
    out service "$(service_state)"
    out changed "$changed"
}

# ---------------------------------------------------------------------------------------------
# keygen and trust

cmd_keygen() {
    [ $# -eq 0 ] || die 1 "keygen takes no options"
    need_root keygen
    ensure_dir "$ROOT/etc/bulwark" 0755
    ensure_dir "$CONF_DIR" 0700
    key=$CONF_DIR/agent.key
    csr=$CONF_DIR/agent.csr
    generated=false
    if [ -f "$key" ]; then
        # Regenerating would orphan a certificate the engine already signed for this key.
        [ -f "$csr" ] ||
            die 1 "$key exists but $csr does not: restore the CSR, or remove the key (the agent then needs a new certificate) and run keygen again"
    else
        if [ ! -x "$JAVA" ] || [ ! -f "$AGENT_JAR" ]; then
            die 1 "the agent is not installed ($JAVA is missing): run install first"
        fi
        # The agent's own output goes to stderr: stdout is for key=value lines only. A run this short
        # gains nothing from the optimising compiler or a parallel collector, only their CPU time.
        (umask 077 && "$JAVA" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$AGENT_JAR" agent keygen \
            --dir "$CONF_DIR" </dev/null >&2)
        rc=$?
        [ $rc -eq 0 ] || die 1 "the agent's keygen failed with exit code $rc: see the messages above"
        [ -f "$key" ] && [ -f "$csr" ] || die 1 "the agent's keygen did not write $key and $csr"
        generated=true
    fi
    chmod 0600 "$key" && chmod 0644 "$csr" || die 1 "cannot set the modes of $key and $csr"
    # Only PEM characters may pass, so that the \n encoding below is unambiguous and nothing but
    # a certificate request can ever reach the output.
    grep -q -e '-----BEGIN CERTIFICATE REQUEST-----' "$csr" ||
        die 1 "$csr is not a PEM certificate request: remove agent.key and agent.csr and run keygen again"
    if grep -q -e 'PRIVATE' "$csr" || tr -d '\r' <"$csr" | grep -q -v -e '^[A-Za-z0-9+/=:, -]*$'; then
        die 1 "$csr holds more than a certificate request: remove agent.key and agent.csr and run keygen again"
    fi
    out key.generated "$generated"
    printf 'csr='
    awk '{ sub(/\r$/, ""); printf "%s%s", (NR > 1 ? "\\n" : ""), $0 } END { printf "\n" }' "$csr"
}

looks_like_certificate() {
    [ -f "$1" ] && [ -r "$1" ] || die 1 "cannot read $1: upload it and retry"
    grep -q -e '-----BEGIN CERTIFICATE-----' "$1" || die 1 "$1 is not a PEM certificate"
    if grep -q -e 'PRIVATE' "$1"; then
        die 1 "$1 holds a private key: only certificates may be trusted"
    fi
}

# install_file SRC DST MODE: sets WROTE when DST had to be written.
install_file() {
    if [ -f "$2" ] && cmp -s "$1" "$2"; then
        chmod "$3" "$2"
        return 0
    fi
    cp "$1" "$2.tmp" && chmod "$3" "$2.tmp" && mv -f "$2.tmp" "$2" || die 1 "cannot write $2"
    WROTE=1
}

cmd_trust() {
    cert=
    ca=
    while [ $# -gt 0 ]; do
        case $1 in
            --cert) need_value "$@"; cert=$2; shift 2 ;;
            --ca) need_value "$@"; ca=$2; shift 2 ;;
            *) die 1 "unknown option for trust: $1" ;;
        esac
    done
    [ -n "$cert" ] && [ -n "$ca" ] || die 1 "trust needs --cert FILE and --ca FILE"
    need_root trust
    looks_like_certificate "$cert"
    looks_like_certificate "$ca"
    ensure_dir "$ROOT/etc/bulwark" 0755
    ensure_dir "$CONF_DIR" 0700
    WROTE=
    install_file "$cert" "$CONF_DIR/agent.crt" 0644
    install_file "$ca" "$CONF_DIR/ca.crt" 0644
    if [ -n "$WROTE" ]; then out changed true; else out changed false; fi
}

# ---------------------------------------------------------------------------------------------
# service control, logs, removal

cmd_service() {
    [ $# -eq 1 ] || die 1 "$1 takes no options"
    case $1 in
        status) ;;
        start) need_root start; start_service ;;
        stop) need_root stop; stop_service ;;
        restart) need_root restart; stop_service; start_service ;;
    esac
    print_status
}

cmd_logtail() {
    lines=40
    while [ $# -gt 0 ]; do
        case $1 in
            --lines) need_value "$@"; lines=$2; shift 2 ;;
            *) die 1 "unknown option for logtail: $1" ;;
        esac
    done
    case $lines in
        '' | *[!0-9]*) die 1 "--lines needs a number, not '$lines'" ;;
    esac
    [ ${#lines} -le 6 ] || die 1 "--lines $lines is too many: ask for 999999 lines or fewer"
    # The log directory is 0750: without root the log would look absent rather than unreadable.
    if [ -d "$LOG_DIR" ] && [ ! -x "$LOG_DIR" ]; then
        die 4 "cannot read $LOG_DIR: run the installer as root or through sudo"
    fi
    if [ ! -f "$LOG_FILE" ]; then
        out log absent
        return 0
    fi
    [ -r "$LOG_FILE" ] || die 4 "cannot read $LOG_FILE: run the installer as root or through sudo"
    out log present
    tail -n "$lines" "$LOG_FILE" | sed 's/^/line=/'
}

# Refuses to delete a staging directory that could be anything but one: /, a top-level
# directory, or someone's home. The engine passes a directory it created, never these.
check_staging_removable() {
    d=$(cd "$1" 2>/dev/null && pwd -P) || return 0
    case ${d#/} in
        */*) ;;
        *) die 1 "refusing to remove the staging directory $d: it is a top-level directory" ;;
    esac
    if [ -r /etc/passwd ] && awk -F: -v d="$d" '$6 == d { found = 1 } END { exit !found }' /etc/passwd; then
        die 1 "refusing to remove the staging directory $d: it is a home directory"
    fi
}

cmd_remove() {
    staging=
    while [ $# -gt 0 ]; do
        case $1 in
            --staging) need_value "$@"; staging=$2; shift 2 ;;
            *) die 1 "unknown option for remove: $1" ;;
        esac
    done
    need_root remove
    [ -z "$staging" ] || check_staging_removable "$staging"
    changed=false
    if [ -f "$UNIT_FILE" ]; then
        if use_systemd; then
            "$SYSTEMCTL" stop "$UNIT_NAME" >&2
            "$SYSTEMCTL" disable "$UNIT_NAME" >&2
        fi
        rm -f "$UNIT_FILE" || die 1 "cannot remove $UNIT_FILE"
        if use_systemd; then
            "$SYSTEMCTL" daemon-reload >&2
        fi
        changed=true
    fi
    if disable_boot_start; then
        changed=true
    fi
    if [ -n "$(supervisor_pid)$(agent_pid)" ]; then
        changed=true
    fi
    stop_supervisor
    for p in "$BUNDLE" "$BUNDLE.new" "$BUNDLE.old" "$CONF_DIR" "$STATE_DIR" "$LOG_FILE" "$LOG_DIR"/agent.log.*; do
        if [ -e "$p" ] || [ -L "$p" ]; then
            rm -rf "$p" || die 1 "cannot remove $p"
            changed=true
        fi
    done
    # The parents may hold what other products or an admin put there: only empty ones go.
    for d in "$ROOT/opt/bulwark" "$ROOT/etc/bulwark" "$ROOT/var/lib/bulwark" "$LOG_DIR"; do
        if [ -d "$d" ]; then
            if rmdir "$d" 2>/dev/null; then
                changed=true
            else
                say "kept $d: it is not empty"
            fi
        fi
    done
    if [ -n "$staging" ] && [ -d "$staging" ]; then
        rm -rf "$staging" || die 1 "cannot remove $staging"
        changed=true
    fi
    out service "$(service_state)"
    out changed "$changed"
}

# ---------------------------------------------------------------------------------------------

trap cleanup EXIT
trap 'exit 1' INT TERM HUP

if [ $# -eq 0 ]; then
    usage
    die 1 "no command given: use analyse, install, keygen, trust, start, stop, restart, status, logtail or remove"
fi
command=$1
shift
case $command in
    analyse | analyze) cmd_analyse "$@" ;;
    install) cmd_install "$@" ;;
    keygen) cmd_keygen "$@" ;;
    trust) cmd_trust "$@" ;;
    start | stop | restart | status) cmd_service "$command" "$@" ;;
    force-reload) cmd_service restart "$@" ;;
    logtail) cmd_logtail "$@" ;;
    remove) cmd_remove "$@" ;;
    help | -h | --help) usage ;;
    *)
        usage
        die 1 "unknown command '$command': use analyse, install, keygen, trust, start, stop, restart, status, logtail or remove"
        ;;
esac
