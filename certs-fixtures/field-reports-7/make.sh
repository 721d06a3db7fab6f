#!/usr/bin/env bash
# Writes the files of test/field-reports-7.test.ts (see README.md). OpenSSL 3 CLI.
set -euo pipefail
cd "$(dirname "$0")"
rm -f ./*.pem ./*.key ./*.pfx ./*.p7b
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
ext() { printf '%s\n' "$@" > "$tmp/ext.cnf"; }
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$tmp/root.key" -sha256 -days 3650 \
  -subj '/CN=Northwind Root CA' -out root.pem \
  -addext 'basicConstraints=critical,CA:TRUE' -addext 'keyUsage=critical,keyCertSign,cRLSign' \
  -addext 'subjectKeyIdentifier=hash' 2>/dev/null
openssl req -new -newkey rsa:2048 -nodes -keyout "$tmp/issuing.key" -subj '/CN=Northwind Issuing CA' \
  -out "$tmp/issuing.csr" 2>/dev/null
ext 'basicConstraints=critical,CA:TRUE,pathlen:0' 'keyUsage=critical,keyCertSign,cRLSign' \
  'subjectKeyIdentifier=hash' 'authorityKeyIdentifier=keyid'
openssl x509 -req -in "$tmp/issuing.csr" -CA root.pem -CAkey "$tmp/root.key" -CAcreateserial \
  -sha256 -days 1825 -extfile "$tmp/ext.cnf" -out issuing.pem 2>/dev/null
# An unrelated CA certificate (another PKI), as found in an old export.
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$tmp/other.key" -sha256 -days 3650 \
  -subj '/CN=Litware Old Root' -out "$tmp/other.pem" \
  -addext 'basicConstraints=critical,CA:TRUE' -addext 'keyUsage=critical,keyCertSign,cRLSign' 2>/dev/null
leaf() { # stem keyspec cn san ku [extra extension lines...]
  local stem=$1 key=$2 cn=$3 san=$4 ku=$5; shift 5
  openssl req -new -newkey "$key" -nodes -keyout "$stem.key" -subj "/CN=$cn" -out "$tmp/$stem.csr" 2>/dev/null
  ext 'basicConstraints=CA:FALSE' "keyUsage=critical,$ku" 'extendedKeyUsage=serverAuth' \
    "subjectAltName=$san" 'subjectKeyIdentifier=hash' 'authorityKeyIdentifier=keyid' \
    'crlDistributionPoints=URI:http://pki.northwind.com/crl/issuing.crl' \
    'authorityInfoAccess=caIssuers;URI:http://pki.northwind.com/aia/issuing.crt' "$@"
  openssl x509 -req -in "$tmp/$stem.csr" -CA issuing.pem -CAkey "$tmp/issuing.key" -CAcreateserial \
    -sha256 -days 825 -extfile "$tmp/ext.cnf" -out "$stem.pem" 2>/dev/null
}
RSA=rsa:2048
TLS=digitalSignature,keyEncipherment
BOTH='DNS:sup01.corp.contoso.com,DNS:sup01.contoso.com'
leaf good "$RSA" sup01.corp.contoso.com "$BOTH" "$TLS"
leaf ec-p521 ec:<(openssl ecparam -name secp521r1) sup01.corp.contoso.com "$BOTH" digitalSignature
leaf critical-private-ext "$RSA" sup01.corp.contoso.com "$BOTH" "$TLS" \
  '1.3.6.1.4.1.55555.7.1=critical,ASN1:UTF8String:Northwind device policy'
leaf san-short-only "$RSA" sup01.corp.contoso.com 'DNS:SUP01' "$TLS"
leaf nlb-node-only "$RSA" sup01.corp.contoso.com 'DNS:sup01.corp.contoso.com' "$TLS"
leaf nlb-vip "$RSA" sup.corp.contoso.com \
  'DNS:sup.corp.contoso.com,DNS:sup01.corp.contoso.com,DNS:sup02.corp.contoso.com' "$TLS"
rm -f ./*.srl
for f in issuing good ec-p521 san-short-only nlb-node-only nlb-vip; do
  openssl verify -CAfile root.pem -untrusted issuing.pem "$f.pem" >/dev/null
done
# OpenSSL, like Windows, refuses the unknown critical extension; it verifies once told to ignore it.
! openssl verify -CAfile root.pem -untrusted issuing.pem critical-private-ext.pem >/dev/null 2>&1
openssl verify -ignore_critical -CAfile root.pem -untrusted issuing.pem critical-private-ext.pem >/dev/null
# PFX (password Passw0rd!, Windows' own TripleDES-SHA1 protection): the chain root first, then
# the issuing CA, then an unrelated CA; the leaf and its key come from -in/-inkey.
cat root.pem issuing.pem "$tmp/other.pem" > "$tmp/extra.pem"
openssl pkcs12 -export -in good.pem -inkey good.key -certfile "$tmp/extra.pem" -name sup01 \
  -certpbe PBE-SHA1-3DES -keypbe PBE-SHA1-3DES -macalg sha1 -iter 2048 \
  -passout pass:Passw0rd! -out wrong-order-extra-ca.pfx
# A DER certificate renamed .pfx (what "Copy to File…" writes when "No, do not export the private key").
openssl x509 -in good.pem -outform DER -out cer-renamed.pfx
# The CA's web enrollment "Download certificate" as PKCS #7 without the chain: the leaf alone.
openssl crl2pkcs7 -nocrl -certfile good.pem -outform DER -out leaf-only.p7b
test "$(openssl pkcs7 -inform DER -in leaf-only.p7b -print_certs | grep -c '^subject')" = 1
test "$(openssl pkcs12 -in wrong-order-extra-ca.pfx -passin pass:Passw0rd! -nokeys | grep -c '^subject')" = 4
openssl x509 -in ec-p521.pem -noout -text | grep -q 'NIST CURVE: P-521'
openssl x509 -in critical-private-ext.pem -noout -text | grep -q '1.3.6.1.4.1.55555.7.1: critical'
