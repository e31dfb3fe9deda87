#!/usr/bin/env bash
# Back up Một Cửa: the database (pg_dump, custom format) and the media folders (private dossier files and
# uploaded appendices, public media), into BACKUP_DIR/<UTC timestamp>/; keeps BACKUP_KEEP_DAYS days.
# Environment: DATABASE_URL, PRIVATE_MEDIA_ROOT, MEDIA_ROOT, BACKUP_DIR (/var/backups/motcua),
# BACKUP_KEEP_DAYS (14). Run by motcua-backup.timer (systemd) or `docker compose run --rm backup`.
set -euo pipefail
: "${DATABASE_URL:?DATABASE_URL is required}"
: "${PRIVATE_MEDIA_ROOT:?PRIVATE_MEDIA_ROOT is required}"
BACKUP_DIR=${BACKUP_DIR:-/var/backups/motcua}
KEEP=${BACKUP_KEEP_DAYS:-14}
stamp=$(date -u +%Y%m%dT%H%M%SZ)
target="$BACKUP_DIR/$stamp"
partial="$target.partial"
umask 077  # citizens' personal data
mkdir -p "$partial"

pg_dump --format=custom --no-owner --no-privileges --file="$partial/database.dump" "$DATABASE_URL"
tar -C "$PRIVATE_MEDIA_ROOT" -czf "$partial/private.tar.gz" .
if [ -n "${MEDIA_ROOT:-}" ] && [ -d "$MEDIA_ROOT" ]; then
  tar -C "$MEDIA_ROOT" -czf "$partial/media.tar.gz" .
fi
(cd "$partial" && sha256sum -- * > SHA256SUMS)
# Only a complete backup gets its final name: a crash leaves a .partial folder, never a truncated "backup".
mv "$partial" "$target"
echo "backup written: $target"

find "$BACKUP_DIR" -mindepth 1 -maxdepth 1 -type d -name '20*' -mtime "+$KEEP" -exec rm -rf {} +
find "$BACKUP_DIR" -mindepth 1 -maxdepth 1 -type d -name '*.partial' -mmin +1440 -exec rm -rf {} +
