#!/usr/bin/env bash
# The embedded database falls back to MongoDB's wire-protocol emulator (Debian's python3-mockupdb
# + python3-mongomock) where no real mongod can be downloaded. Install it when it is missing and
# we may (root with apt-get); otherwise say what to do. Never fails the caller.
set -u
if /usr/bin/python3 -c 'import mockupdb, mongomock' >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "daicho: installing the MongoDB emulator (python3-mockupdb, python3-mongomock) with apt-get" >&2
  if ! apt-get install -y -qq --no-install-recommends python3-mockupdb python3-mongomock >/dev/null 2>&1; then
    apt-get update -qq >/dev/null 2>&1
    apt-get install -y -qq --no-install-recommends python3-mockupdb python3-mongomock >/dev/null 2>&1 \
      || echo "daicho: apt-get could not install the emulator; set MONGODB_URI" >&2
  fi
else
  echo "daicho: no MongoDB emulator; with no MONGODB_URI and no mongod download, run: sudo apt-get install -y python3-mockupdb python3-mongomock" >&2
fi
exit 0
