#!/usr/bin/env bash
# make run: migrate, load the demo on first run, print how to sign in, serve.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p var
chmod 700 var
bin=build/commonground
db="${COMMONGROUND_DB:-sqlite:var/commonground.db}"
listen="${COMMONGROUND_LISTEN:-127.0.0.1:8080}"
"$bin" migrate --db "$db"
cred=var/admin-credentials.txt
if [[ ! -s $cred ]]; then
  "$bin" seed-demo --db "$db" --credentials "$cred" >/dev/null
fi
email=$(sed -n 's/^email: //p' "$cred")
password=$(sed -n 's/^password: //p' "$cred")
cat <<MSG

  Common Ground is starting on http://$listen
  Sign in at http://$listen/signin
    e-mail:   $email
    password: $password
  (kept in $cred, readable only by you)
  Public hub: http://$listen/d/riverside/
  Stop with Ctrl-C.

MSG
exec "$bin" serve --listen "$listen" --db "$db"
