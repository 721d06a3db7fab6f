#!/usr/bin/env bash
# Writes the certificates of test/field-reports-6.test.ts (see README.md). OpenSSL 3 CLI.
set -euo pipefail
cd "$(dirname "$0")"
rm -f ./*.pem ./*.key
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
ext() { printf '%s\n' "$@" > "$tmp/ext.cnf"; }
# Root: self-signed with SHA-1 (a root's own signature is never checked by Windows).
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$tmp/root.key" -sha1 -days 3650 \
  -subj '/CN=Fabrikam Legacy Root' -out root-sha1.pem \
  -addext 'basicConstraints=critical,CA:TRUE' -addext 'keyUsage=critical,keyCertSign,cRLSign' 2>/dev/null
ca() { # name subject digest days
  openssl req -new -newkey rsa:2048 -nodes -keyout "$tmp/$1.key" -subj "/CN=$2" -out "$tmp/$1.csr" 2>/dev/null
  ext 'basicConstraints=critical,CA:TRUE,pathlen:0' 'keyUsage=critical,keyCertSign,cRLSign' \
    'subjectKeyIdentifier=hash' 'authorityKeyIdentifier=keyid'
  openssl x509 -req -in "$tmp/$1.csr" -CA root-sha1.pem -CAkey "$tmp/root.key" -CAcreateserial \
    "-$3" -days "$4" -extfile "$tmp/ext.cnf" -out "$1.pem" 2>/dev/null
}
ca issuing-sha1 'Fabrikam Issuing CA SHA1' sha1 1825
ca issuing-short 'Fabrikam Issuing CA 2' sha256 30
leaf() { # stem issuer cn san
  openssl req -new -newkey rsa:2048 -nodes -keyout "$1.key" -subj "/CN=$3" -out "$tmp/$1.csr" 2>/dev/null
  ext 'basicConstraints=CA:FALSE' 'keyUsage=critical,digitalSignature,keyEncipherment' \
    'extendedKeyUsage=serverAuth' "subjectAltName=$4" 'subjectKeyIdentifier=hash' \
    'authorityKeyIdentifier=keyid' 'crlDistributionPoints=URI:http://pki.fabrikam.com/crl/issuing.crl' \
    'authorityInfoAccess=caIssuers;URI:http://pki.fabrikam.com/aia/issuing.crt'
  openssl x509 -req -in "$tmp/$1.csr" -CA "$2.pem" -CAkey "$tmp/$2.key" -CAcreateserial \
    -sha256 -days 825 -extfile "$tmp/ext.cnf" -out "$1.pem" 2>/dev/null
}
leaf via-sha1-issuing issuing-sha1 sup01.corp.contoso.com 'DNS:sup01.corp.contoso.com,DNS:sup01.contoso.com'
leaf via-short-issuing issuing-short sup01.corp.contoso.com 'DNS:sup01.corp.contoso.com,DNS:sup01.contoso.com'
leaf internet-cn-intranet-san issuing-short sup01.contoso.com 'DNS:sup01.corp.contoso.com'
rm -f ./*.srl
for f in issuing-sha1 issuing-short via-sha1-issuing via-short-issuing internet-cn-intranet-san; do
  openssl verify -CAfile root-sha1.pem -untrusted issuing-sha1.pem -untrusted issuing-short.pem "$f.pem" >/dev/null
done
openssl x509 -in issuing-sha1.pem -noout -text | grep -q 'Signature Algorithm: sha1WithRSAEncryption'
openssl x509 -in via-sha1-issuing.pem -noout -text | grep -q 'Signature Algorithm: sha256WithRSAEncryption'
