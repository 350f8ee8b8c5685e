#!/bin/bash
# Slurm job array: each task extracts one slice of the corpus into a shard; a
# dependent job merges the shards into the KB. Submit from the corpus root:
#   jid=$(sbatch --parsable docs/recipes/slurm-extract.sh)
#   sbatch --dependency=afterok:$jid --wrap 'litx merge shards/*.jsonl -o out'
#SBATCH --job-name=litx-extract
#SBATCH --array=0-31
#SBATCH --cpus-per-task=2
#SBATCH --mem=512M
set -euo pipefail
mkdir -p shards
# Task i takes every n-th file, so slices are balanced and stable between runs.
mapfile -t files < <(find corpus -type f | sort |
	awk -v n="$SLURM_ARRAY_TASK_COUNT" -v i="$SLURM_ARRAY_TASK_ID" '(NR - 1) % n == i')
[ "${#files[@]}" -gt 0 ] || exit 0
litx extract -q -j "$SLURM_CPUS_PER_TASK" "${files[@]}" > "shards/shard-$SLURM_ARRAY_TASK_ID.jsonl.tmp"
mv "shards/shard-$SLURM_ARRAY_TASK_ID.jsonl.tmp" "shards/shard-$SLURM_ARRAY_TASK_ID.jsonl"
