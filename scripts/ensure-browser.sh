#!/usr/bin/env bash
# The end-to-end UI test opens the Agents Playground in headless Chromium (Debian's package, driven
# by playwright-core; never `npx playwright install`, which needs the internet) and takes
# screenshots, for which the Japanese cards need a Japanese font. Install both when missing and we
# may (root with apt-get); otherwise say what to do. Never fails the caller: the test itself says
# what is missing.
set -u
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
fc-list 2>/dev/null | grep -qi 'ipa\|noto sans cjk' || missing+=(fonts-ipafont-gothic)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "daicho: installing ${missing[*]} with apt-get (for the headless UI test)" >&2
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1; then
    apt-get update -qq >/dev/null 2>&1
    apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1 \
      || echo "daicho: apt-get could not install ${missing[*]}" >&2
  fi
else
  echo "daicho: the UI test needs: sudo apt-get install -y ${missing[*]}" >&2
fi
exit 0
