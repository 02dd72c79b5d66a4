#!/usr/bin/env bash
# The GitHub Action's check step (action.yml). Its inputs come as environment
# variables, never pasted into the script (a path or argument with shell
# syntax stays data):
#   MEDLINT_PATHS          files and folders, separated by spaces
#   MEDLINT_FORMATS        formats, separated by spaces (github, sarif:out.sarif, ...)
#   MEDLINT_CHANGED_SINCE  a git ref; "auto": the pull request's base branch
#   MEDLINT_ARGS           more arguments, separated by spaces
set -euo pipefail
# Words are split at spaces, never expanded as globs ("json:*" stays that).
read -r -a paths <<< "${MEDLINT_PATHS:-.}"
read -r -a extra <<< "${MEDLINT_ARGS:-}"
read -r -a formats <<< "${MEDLINT_FORMATS:-github}"
arguments=()
for format in "${formats[@]}"; do
  arguments+=(--format "$format")
done
since="${MEDLINT_CHANGED_SINCE:-}"
if [ "$since" = "auto" ]; then
  since=""
  if [ -n "${GITHUB_BASE_REF:-}" ]; then  # set on pull_request events only
    git fetch --quiet --no-tags origin "$GITHUB_BASE_REF" || true
    since="origin/$GITHUB_BASE_REF"
  fi
fi
if [ -n "$since" ]; then
  arguments+=(--changed-since "$since")
fi
exec medlint check "${arguments[@]}" "${extra[@]}" -- "${paths[@]}"
