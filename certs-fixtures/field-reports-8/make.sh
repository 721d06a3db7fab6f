#!/usr/bin/env bash
# Writes the certificate files of test/field-reports-8.test.ts (see README.md). OpenSSL 3 CLI.
set -euo pipefail
cd "$(dirname "$0")"
rm -f ./*.pem ./*.key ./*.pfx ./*.p7b
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
ext() { printf '%s\n' "$@" > "$tmp/ext.cnf"; }
CA='basicConstraints=critical,CA:TRUE'
CAKU='keyUsage=critical,keyCertSign,cRLSign'
# The old root, and the new root G2 (self-signed, what clients trust) ...
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$tmp/old-root.key" -sha256 -days 3650 \
  -subj '/CN=Tailspin Root CA' -out old-root.pem -addext "$CA" -addext "$CAKU" \
  -addext 'subjectKeyIdentifier=hash' 2>/dev/null
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$tmp/root.key" -sha256 -days 3650 \
  -subj '/CN=Tailspin Root CA G2' -out root.pem -addext "$CA" -addext "$CAKU" \
  -addext 'subjectKeyIdentifier=hash' 2>/dev/null
# ... and G2 cross-signed by the old root for the migration, valid 30 days only (expired when
# the tests judge the leaf at day 60): same subject and key as root.pem.
openssl req -new -key "$tmp/root.key" -subj '/CN=Tailspin Root CA G2' -out "$tmp/cross.csr"
ext "$CA" "$CAKU" 'subjectKeyIdentifier=hash' 'authorityKeyIdentifier=keyid'
openssl x509 -req -in "$tmp/cross.csr" -CA old-root.pem -CAkey "$tmp/old-root.key" \
  -CAcreateserial -sha256 -days 30 -extfile "$tmp/ext.cnf" -out cross-g2-by-old.pem 2>/dev/null
openssl req -new -newkey rsa:2048 -nodes -keyout "$tmp/issuing.key" -subj '/CN=Tailspin Issuing CA' \
  -out "$tmp/issuing.csr" 2>/dev/null
ext "$CA,pathlen:0" "$CAKU" 'subjectKeyIdentifier=hash' 'authorityKeyIdentifier=keyid'
openssl x509 -req -in "$tmp/issuing.csr" -CA root.pem -CAkey "$tmp/root.key" -CAcreateserial \
  -sha256 -days 1825 -extfile "$tmp/ext.cnf" -out issuing.pem 2>/dev/null
CDP='crlDistributionPoints=URI:http://pki.tailspin.com/crl/issuing.crl'
leaf() { # stem cn san cdp [extra extension lines...]
  local stem=$1 cn=$2 san=$3 cdp=$4; shift 4
  openssl req -new -newkey rsa:2048 -nodes -keyout "$stem.key" -subj "/CN=$cn" -out "$tmp/$stem.csr" 2>/dev/null
  ext 'basicConstraints=CA:FALSE' 'keyUsage=critical,digitalSignature,keyEncipherment' \
    'extendedKeyUsage=serverAuth' "subjectAltName=$san" 'subjectKeyIdentifier=hash' \
    'authorityKeyIdentifier=keyid' "$cdp" \
    'authorityInfoAccess=caIssuers;URI:http://pki.tailspin.com/aia/issuing.crt' "$@"
  openssl x509 -req -in "$tmp/$stem.csr" -CA issuing.pem -CAkey "$tmp/issuing.key" -CAcreateserial \
    -sha256 -days 825 -extfile "$tmp/ext.cnf" -out "$stem.pem" 2>/dev/null
}
BOTH='DNS:sup01.corp.contoso.com,DNS:sup01.contoso.com'
leaf good sup01.corp.contoso.com "$BOTH" "$CDP"
leaf san-ip-only sup01.corp.contoso.com 'IP:10.20.30.40' "$CDP"
leaf san-trailing-dot sup01.corp.contoso.com 'DNS:sup01.corp.contoso.com.,DNS:sup01.contoso.com.' "$CDP"
# The CDP as an enterprise CA writes it by default, LDAP only (its value holds commas: a section).
leaf ldap-only-cdp sup01.corp.contoso.com "$BOTH" 'crlDistributionPoints=@cdps' '[cdps]' \
  'URI.0=ldap:///CN=Tailspin%20Issuing%20CA,CN=PKI01,CN=CDP,CN=Public%20Key%20Services,CN=Services,CN=Configuration,DC=corp,DC=contoso,DC=com?certificateRevocationList?base?objectClass=cRLDistributionPoint'
rm -f ./*.srl
# The bundle the CA sent for the migration: the leaf, the issuing CA and the cross certificate.
cat good.pem issuing.pem cross-g2-by-old.pem > chain-with-cross.pem
for f in issuing good san-ip-only san-trailing-dot ldap-only-cdp; do
  openssl verify -CAfile root.pem -untrusted issuing.pem "$f.pem" >/dev/null
done
# Both paths are there: G2 self-signed, and G2 by the old root (in date on the day this runs).
openssl verify -CAfile old-root.pem -untrusted <(cat issuing.pem cross-g2-by-old.pem) good.pem >/dev/null
# The web enrollment's "Base 64 encoded" PKCS #7 with the whole chain: PEM, BEGIN PKCS7.
openssl crl2pkcs7 -nocrl -certfile good.pem -certfile issuing.pem -certfile root.pem -out chain-base64.p7b
head -1 chain-base64.p7b | grep -qx -- '-----BEGIN PKCS7-----'
test "$(openssl pkcs7 -in chain-base64.p7b -print_certs | grep -c '^subject')" = 3
# A PFX exported on a German server: friendly name and password not ASCII (OpenSSL 3 turns the
# UTF-8 password into the BMPString that PKCS #12 and Windows use); Windows' TripleDES-SHA1.
openssl pkcs12 -export -in good.pem -inkey good.key -certfile issuing.pem \
  -name 'WSUS-Zertifikat für sup01 – 2026' \
  -certpbe PBE-SHA1-3DES -keypbe PBE-SHA1-3DES -macalg sha1 -iter 2048 \
  -passout 'pass:Kennwört€2026' -out unicode-name-password.pfx
# (OpenSSL 3.0 prints a BMPString's characters cut to one byte: only the ASCII head is compared.)
openssl pkcs12 -in unicode-name-password.pfx -passin 'pass:Kennwört€2026' -nokeys 2>/dev/null \
  | grep -qa 'friendlyName: WSUS-Zertifikat f'
! openssl pkcs12 -in unicode-name-password.pfx -passin 'pass:Kennwort2026' -nokeys >/dev/null 2>&1
openssl x509 -in san-trailing-dot.pem -noout -ext subjectAltName | grep -q 'DNS:sup01.corp.contoso.com\.,'
openssl x509 -in san-ip-only.pem -noout -ext subjectAltName | grep -q 'IP Address:10.20.30.40'
# Server snapshots, each one file of ../deployment (the certs-fixtures/sup certificates: the SUP's
# 17885EA0…, the previous A2BAA334…) changed as the report describes.
B=../deployment NEW=17885ea06b4ecb211827190e53cc57cba2ee240a OLD=a2baa3345ab2d9ea449b17df07f8bd4c9be2b2cd
# reg export of the MY store of the administrator's own account (certmgr.msc, not certlm.msc):
# HKEY_CURRENT_USER\Software\... instead of HKEY_LOCAL_MACHINE\SOFTWARE\..., UTF-16 LE as reg.exe writes.
iconv -f UTF-16 -t UTF-8 "$B/reg/my-good.reg" \
  | sed 's/HKEY_LOCAL_MACHINE\\SOFTWARE\\/HKEY_CURRENT_USER\\Software\\/' \
  | iconv -f UTF-8 -t UTF-16 > my-current-user.reg
test "$(iconv -f UTF-16 -t UTF-8 my-current-user.reg | grep -c '^\[HKEY_CURRENT_USER')" -ge 3
# The renewal bound in IIS on the Default Web Site's https binding (0.0.0.0:443), while WSUS's
# 0.0.0.0:8531 keeps the previous certificate: netsh http show sslcert lists both entries.
{ sed 's/0\.0\.0\.0:8531/0.0.0.0:443/' "$B/netsh/current-good.txt"
  sed -n '/IP:port/,$p' "$B/netsh/current-good.txt" | sed "s/$NEW/$OLD/"; } > sslcert-new-on-443-old-on-8531.txt
test "$(grep -c 'IP:port' sslcert-new-on-443-old-on-8531.txt)" = 2
# The WSUS Administration site's https binding moved to 443 (and HTTP.sys with it); WSUS's Setup
# key and the SUP's properties in ConfigMgr still say 8530/8531.
sed 's/\*:8531:/*:443:/' "$B/iis/wsus-admin-good.config" > wsus-admin-https-443.config
sed 's/0\.0\.0\.0:8531/0.0.0.0:443/' "$B/netsh/current-good.txt" > sslcert-443.txt
grep -q '"\*:443:"' wsus-admin-https-443.config && grep -q '0.0.0.0:443' sslcert-443.txt
