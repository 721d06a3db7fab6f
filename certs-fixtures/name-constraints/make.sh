#!/usr/bin/env bash
# Writes the chains of test/name-constraints-forms.test.ts (see README.md): one constrained
# issuing CA per name form under one root, and SUP leaves under each. OpenSSL 3 CLI.
set -euo pipefail
cd "$(dirname "$0")"
rm -f ./*.pem
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
ext() { printf '%s\n' "$@" > "$tmp/ext.cnf"; }
P256=(-newkey ec -pkeyopt ec_paramgen_curve:P-256)
openssl req -x509 "${P256[@]}" -nodes -keyout "$tmp/root.key" -sha256 -days 3650 \
  -subj '/CN=NC Forms Root CA' -out root.pem \
  -addext 'basicConstraints=critical,CA:TRUE' -addext 'keyUsage=critical,keyCertSign,cRLSign' \
  -addext 'subjectKeyIdentifier=hash' 2>/dev/null
ca() { # stem cn nameConstraints
  openssl req -new "${P256[@]}" -nodes -keyout "$tmp/$1.key" -subj "/CN=$2" -out "$tmp/$1.csr" 2>/dev/null
  ext 'basicConstraints=critical,CA:TRUE,pathlen:0' 'keyUsage=critical,keyCertSign,cRLSign' \
    'subjectKeyIdentifier=hash' 'authorityKeyIdentifier=keyid' "nameConstraints=critical,$3"
  openssl x509 -req -in "$tmp/$1.csr" -CA root.pem -CAkey "$tmp/root.key" -CAcreateserial \
    -sha256 -days 1825 -extfile "$tmp/ext.cnf" -out "$1.pem" 2>/dev/null
}
leaf() { # stem ca subject san
  openssl req -new "${P256[@]}" -nodes -keyout "$tmp/$1.key" -subj "$3" -out "$tmp/$1.csr" 2>/dev/null
  ext 'basicConstraints=CA:FALSE' 'keyUsage=critical,digitalSignature' 'extendedKeyUsage=serverAuth' \
    "subjectAltName=$4" 'subjectKeyIdentifier=hash' 'authorityKeyIdentifier=keyid'
  openssl x509 -req -in "$tmp/$1.csr" -CA "$2.pem" -CAkey "$tmp/$2.key" -CAcreateserial \
    -sha256 -days 825 -extfile "$tmp/ext.cnf" -out "$1.pem" 2>/dev/null
}
SUP=DNS:sup01.corp.contoso.com
# rfc822Name: mail in the contoso.com domain only (and DNS names in contoso.com).
ca email-ca 'NC Email CA' 'permitted;DNS:contoso.com,permitted;email:.contoso.com'
leaf email-good email-ca '/CN=sup01.corp.contoso.com/emailAddress=wsus@corp.contoso.com' \
  "$SUP,email:admin@corp.contoso.com"
leaf email-san-outside email-ca '/CN=sup01.corp.contoso.com' "$SUP,email:admin@fabrikam.com"
leaf email-subject-outside email-ca '/CN=sup01.corp.contoso.com/emailAddress=wsus@fabrikam.com' "$SUP"
# uniformResourceIdentifier: hosts below contoso.com.
ca uri-ca 'NC URI CA' 'permitted;DNS:contoso.com,permitted;URI:.contoso.com'
leaf uri-good uri-ca '/CN=sup01.corp.contoso.com' \
  "$SUP,URI:https://sup01.corp.contoso.com:8531/ClientWebService/client.asmx"
leaf uri-outside uri-ca '/CN=sup01.corp.contoso.com' "$SUP,URI:https://sup01.fabrikam.com/"
leaf uri-no-host uri-ca '/CN=sup01.corp.contoso.com' \
  "$SUP,URI:urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66"
# otherName UPN: supported by Windows, matching undocumented.
ca upn-ca 'NC UPN CA' 'permitted;DNS:contoso.com,permitted;otherName:1.3.6.1.4.1.311.20.2.3;UTF8:contoso.com'
leaf upn-absent upn-ca '/CN=sup01.corp.contoso.com' "$SUP"
leaf upn-present upn-ca '/CN=sup01.corp.contoso.com' \
  "$SUP,otherName:1.3.6.1.4.1.311.20.2.3;UTF8:wsus-svc@contoso.com"
# registeredID: a form Windows does not support, in an excluded subtree.
ca rid-ca 'NC RID CA' 'permitted;DNS:contoso.com,excluded;RID:1.2.3.4'
leaf rid-absent rid-ca '/CN=sup01.corp.contoso.com' "$SUP"
rm -f ./*.srl
# OpenSSL's own verdicts, recorded in README.md and asserted by the test.
v() { openssl verify -CAfile root.pem -untrusted "$2.pem" "$1.pem" >/dev/null 2>&1 && echo "$1 ok" || echo "$1 rejected"; }
for l in email-good email-san-outside email-subject-outside; do v $l email-ca; done
for l in uri-good uri-outside uri-no-host; do v $l uri-ca; done
for l in upn-absent upn-present; do v $l upn-ca; done
v rid-absent rid-ca
