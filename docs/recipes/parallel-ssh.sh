#!/bin/bash
# vietdoc over one archive on several machines with GNU parallel and ssh.
#
#   docs/recipes/parallel-ssh.sh hosts.txt /mnt/archive 8 out
#
# hosts.txt lists the machines, one ssh login a line in GNU parallel's syntax ("2/worker1"
# runs 2 shards at once on worker1). List this machine as "localhost", not ":": GNU parallel
# does not --return files from ":". Every machine must see the archive at the same path (an NFS
# or SMB mount), have vietdoc on its PATH, and accept ssh logins without a password.
#
# Shard i of N converts the inputs whose relative path hashes to i, into a local folder on the
# machine that ran it; GNU parallel copies that folder back here as OUT/shard-i (rsync) and
# the catalogs are merged into OUT/all at the end. Rerun the same command after a failure or
# an interruption: every shard resumes, finished files are skipped.
set -euo pipefail

hosts=${1:?usage: parallel-ssh.sh HOSTS_FILE ARCHIVE_DIR SHARDS OUT_DIR}
archive=${2:?usage: parallel-ssh.sh HOSTS_FILE ARCHIVE_DIR SHARDS OUT_DIR}
shards=${3:?usage: parallel-ssh.sh HOSTS_FILE ARCHIVE_DIR SHARDS OUT_DIR}
out=${4:?usage: parallel-ssh.sh HOSTS_FILE ARCHIVE_DIR SHARDS OUT_DIR}
mkdir -p "$out"
cd "$out"

# On the worker: convert shard {} of $shards into $workdir/shard-{}; exit 1 (some inputs
# failed, recorded in status.jsonl and the catalog) counts as done, so parallel does not retry.
# --workdir: a folder on each worker (created when missing); a retried shard that lands on the
#   same worker resumes from what it left there. --return rsyncs shard-{} back into OUT.
# --retries 2: a shard whose machine died is started again (elsewhere when possible) and resumes.
# --joblog: which shard ran where, with exit codes; --resume-failed redoes only failed shards.
seq 0 $((shards - 1)) | parallel \
  --sshloginfile "$hosts" --workdir /var/tmp/vietdoc-shards \
  --return 'shard-{}' --retries 2 --joblog shards.log --resume-failed \
  --line-buffer --tagstring 'shard {}' \
  "vietdoc convert $(printf %q "$archive") -o shard-{} --shard {}/$shards --jobs 2 --quiet" \
  '|| [ $? -eq 1 ]'

shard_dirs=()
for i in $(seq 0 $((shards - 1))); do shard_dirs+=("shard-$i"); done
vietdoc catalog merge "${shard_dirs[@]}" -o all
echo "catalog: $out/all/catalog.sqlite — try: vietdoc search 'ke hoach' --catalog $out/all" >&2
