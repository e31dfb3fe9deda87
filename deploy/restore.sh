#!/usr/bin/env bash
# Restore a backup written by backup.sh: `deploy/restore.sh BACKUP_FOLDER`.
# The database named by DATABASE_URL is overwritten (objects of the dump are dropped and recreated); the
# media folders are replaced. Stop the web and worker services first (docs/DEPLOY.md, "Restore").
# Environment: DATABASE_URL, PRIVATE_MEDIA_ROOT, MEDIA_ROOT.
set -euo pipefail
src=${1:?usage: restore.sh BACKUP_FOLDER}
: "${DATABASE_URL:?DATABASE_URL is required}"
: "${PRIVATE_MEDIA_ROOT:?PRIVATE_MEDIA_ROOT is required}"
[ -f "$src/database.dump" ] || { echo "no database.dump in $src" >&2; exit 2; }
(cd "$src" && sha256sum --check --quiet SHA256SUMS) || { echo "checksums do not match in $src" >&2; exit 2; }

pg_restore --clean --if-exists --no-owner --no-privileges --exit-on-error --single-transaction \
  --dbname="$DATABASE_URL" "$src/database.dump"

restore_tree() {  # archive, folder: unpack beside the folder, then swap, so a failed unpack changes nothing
  local archive=$1 folder=$2 staging="$2.restoring"
  rm -rf "$staging" && mkdir -p "$staging"
  tar -C "$staging" -xzf "$archive"
  rm -rf "$folder.previous"
  if [ -d "$folder" ]; then mv "$folder" "$folder.previous"; fi
  mv "$staging" "$folder"
  rm -rf "$folder.previous"
}
restore_tree "$src/private.tar.gz" "$PRIVATE_MEDIA_ROOT"
if [ -f "$src/media.tar.gz" ] && [ -n "${MEDIA_ROOT:-}" ]; then
  restore_tree "$src/media.tar.gz" "$MEDIA_ROOT"
fi
echo "restored $src"
