#!/bin/bash
# Slurm job array: each task extracts one slice of the corpus into a shard; a
# dependent job merges the shards into the KB. Submit from the directory that
# holds corpus/:
#   jid=$(sbatch --parsable docs/recipes/slurm-extract.sh)
#   sbatch --dependency=afterok:$jid --wrap 'litx merge shards/*.jsonl -o out'
#SBATCH --job-name=litx-extract
#SBATCH --array=0-31
#SBATCH --cpus-per-task=2
#SBATCH --mem=512M
set -euo pipefail
mkdir -p shards
out="$PWD/shards/shard-$SLURM_ARRAY_TASK_ID.jsonl"
cd corpus   # sources are named relative to the corpus root, as `litx run corpus` names them
# Task i takes every n-th file, so slices are balanced and stable between runs.
mapfile -t files < <(litx extract --list . |
	awk -v n="$SLURM_ARRAY_TASK_COUNT" -v i="$SLURM_ARRAY_TASK_ID" '(NR - 1) % n == i')
[ "${#files[@]}" -gt 0 ] || exit 0
litx extract -q -j "$SLURM_CPUS_PER_TASK" "${files[@]}" > "$out.tmp"
mv "$out.tmp" "$out"
