#!/usr/bin/env bash
# PKCS#10 requests made with the OpenSSL 3 CLI, one per common mistake, plus a good one.
# Outputs are committed; tests never run OpenSSL to read them. Run: bash make.sh
set -euo pipefail
cd "$(dirname "$0")"
rm -f ./*.csr ./*.key.tmp
I=sup01.corp.contoso.com
E=sup01.contoso.com
csr() { # name keyargs subject [extension lines...]
  local name=$1 keyopt=$2 subj=$3; shift 3
  local cnf; cnf=$(mktemp)
  { echo '[req]'; echo 'distinguished_name = dn'; echo 'prompt = no'; echo 'req_extensions = ext'; echo '[dn]'; echo '[ext]'; for line in "$@"; do echo "$line"; done; } > "$cnf"
  openssl genpkey $keyopt -out "$name.key.tmp" 2>/dev/null
  openssl req -new -config "$cnf" -key "$name.key.tmp" -subj "$subj" -sha256 -out "$name.csr"
  rm -f "$cnf" "$name.key.tmp"
}
RSA='-algorithm RSA -pkeyopt rsa_keygen_bits:2048'
csr good-both "$RSA" "/CN=$I" "subjectAltName = DNS:$I, DNS:$E" "extendedKeyUsage = serverAuth" "keyUsage = critical, digitalSignature, keyEncipherment"
csr no-san "$RSA" "/CN=$I" "extendedKeyUsage = serverAuth"
csr cn-only-while-san "$RSA" "/CN=$I" "subjectAltName = DNS:$E" "extendedKeyUsage = serverAuth"
csr clientauth-eku "$RSA" "/CN=$I" "subjectAltName = DNS:$I, DNS:$E" "extendedKeyUsage = clientAuth"
csr rsa-1024 '-algorithm RSA -pkeyopt rsa_keygen_bits:1024' "/CN=$I" "subjectAltName = DNS:$I, DNS:$E" "extendedKeyUsage = serverAuth"
csr amp-in-cn "$RSA" "/CN=$I&$E" "extendedKeyUsage = serverAuth"
openssl req -in good-both.csr -outform DER -out good-both.der.csr
# A request whose signature no longer matches: flip one byte inside the subject's name.
cp good-both.der.csr tampered.der.csr
offset=$(grep -obUaP "sup01\\.corp" tampered.der.csr | head -1 | cut -d: -f1)
printf 'S' | dd of=tampered.der.csr bs=1 seek="$offset" conv=notrunc 2>/dev/null
echo "make.sh: wrote $(ls ./*.csr | wc -l) requests"
