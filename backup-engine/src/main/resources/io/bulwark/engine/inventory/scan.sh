# Bulwark inventory scan of one virtualization host (POSIX sh). The engine sets the positional
# parameters to the datastore folders and runs this in one round trip, as root.
#
# Output: one record per line, "TAG<TAB>VALUE". A value runs to the end of its line, so spaces and
# tabs in file names pass through; a name holding a line break could not be told from the next
# record, so such a file is reported as skipped instead. Nothing read from the host is ever
# evaluated: names are only quoted arguments, XML and qemu-img output are only printed.
LC_ALL=C
export LC_ALL
NL='
'
emit() { printf '%s\t%s\n' "$1" "$2"; }
# Prints every line of its input as a record of tag $1 (awk ends the last line even without a newline).
prefixed() { awk -v tag="$1" '{ print tag "\t" $0 }'; }
has_line_break() { case $1 in *"$NL"*) return 0 ;; esac; return 1; }

emit BULWARK-INVENTORY 1
if command -v qemu-img >/dev/null 2>&1; then QEMU=1; else QEMU=0; fi
emit QEMU-IMG "$QEMU"
ERR=$(mktemp) || exit 70
trap 'rm -f "$ERR"' EXIT

# Files some process holds open for writing (a running VM's disks), from one listing of every
# process's open files: the link mode of /proc/PID/fd/N is l-wx or lrwx for a writer. qemu-img's
# lock check alone does not see a running VM's raw images.
WRITERS=$(ls -l /proc/[0-9]*/fd 2>/dev/null | awk '/^l.w/ { i = index($0, " -> "); if (i) print substr($0, i + 4) }')

for ds in "$@"; do
  emit DATASTORE "$ds"
  if [ ! -e "$ds" ]; then emit UNREACHABLE "does not exist"; continue; fi
  if [ ! -d "$ds" ]; then emit UNREACHABLE "is not a folder"; continue; fi
  if [ ! -r "$ds" ] || [ ! -x "$ds" ]; then emit UNREACHABLE "cannot be read (permission denied)"; continue; fi
  emit FREE-KIB "$(df -Pk "$ds" 2>/dev/null | awk 'NR == 2 { print $4 }')"
  for vm in "$ds"/*; do
    [ -d "$vm" ] || continue
    if has_line_break "$vm"; then emit SKIPPED "a folder whose name holds a line break"; continue; fi
    emit VM "$vm"
    for xml in "$vm"/*.xml; do
      [ -f "$xml" ] || continue
      if has_line_break "$xml"; then emit SKIPPED "a file whose name holds a line break in $vm"; continue; fi
      if [ "$(wc -c < "$xml")" -gt 1048576 ]; then emit SKIPPED "$xml: larger than 1 MiB, not a domain XML"; continue; fi
      emit XML "$xml"
      prefixed XML-LINE < "$xml"
      emit XML-END ""
    done
    for img in "$vm"/*.qcow2 "$vm"/*.raw "$vm"/*.img; do
      [ -f "$img" ] || continue
      if has_line_break "$img"; then emit SKIPPED "a file whose name holds a line break in $vm"; continue; fi
      emit IMAGE "$img"
      if printf '%s\n' "$WRITERS" | grep -Fxq -e "$img"; then emit WRITER 1; fi
      if [ "$QEMU" = 1 ]; then
        # The format comes from the name where it says one: probing a raw image trusts what the guest wrote.
        case $img in *.qcow2) fmt='-f qcow2' ;; *.raw) fmt='-f raw' ;; *) fmt='' ;; esac
        if out=$(qemu-img info $fmt --output=json "$img" 2>"$ERR"); then
          printf '%s\n' "$out" | prefixed INFO
        elif grep -q 'Failed to get .* lock' "$ERR"; then
          # A running qemu holds the image; -U reads its facts without the lock.
          emit LOCKED 1
          if out=$(qemu-img info -U $fmt --output=json "$img" 2>"$ERR"); then
            printf '%s\n' "$out" | prefixed INFO
          else
            prefixed ERROR < "$ERR"
          fi
        else
          prefixed ERROR < "$ERR"
        fi
      else
        emit FILE-BYTES "$(wc -c < "$img")"
        emit ALLOCATED-KIB "$(du -k "$img" | awk '{ print $1 }')"
      fi
      emit IMAGE-END ""
    done
  done
done
emit END ""
