#!/usr/bin/env bash
# Regenerates every fixture in this folder (certs-fixtures/sup/) from scratch: certificates that
# an admin might bind to the WSUS web site of a ConfigMgr software update point (SUP), each one
# carrying one known mistake (or none).
#
#   bash certs-fixtures/sup/make.sh        (from any directory)
#
# Needs only bash, the OpenSSL 3 CLI (written against 3.0.x) and coreutils.
# Keys are random, so every run produces different bytes: the outputs are committed and tests
# read the committed files; they never run this script or OpenSSL.
# manifest.json is written by this script from the files themselves (the extensions are decoded
# from the DER, not copied from the requests), so it stays true after a regeneration.
# README.md and make.sh are the only files kept; everything else in this folder is deleted first.
set -euo pipefail
export LC_ALL=C
umask 022

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$HERE"
[[ -f make.sh ]] || { echo "make.sh: not in the fixtures folder" >&2; exit 1; }

command -v openssl >/dev/null || { echo "make.sh: openssl not found" >&2; exit 1; }
case "$(openssl version)" in
  "OpenSSL 3."*) ;;
  *) echo "make.sh: needs OpenSSL 3.x, found: $(openssl version)" >&2; exit 1 ;;
esac

TMP="$(mktemp -d)"
trap 'rm -rf -- "$TMP"' EXIT

# --- clean ------------------------------------------------------------------------------
shopt -s nullglob dotglob
for f in *; do
  case "$f" in
    make.sh|README.md) ;;
    *) rm -rf -- "$f" ;;
  esac
done
shopt -u dotglob

PW='Passw0rd!'
DAYS=825
INTRA=sup01.corp.contoso.com
INET=sup01.contoso.com
NETBIOS=SUP01

fail() { echo "make.sh: $*" >&2; exit 1; }
# quiet CMD... : run, show OpenSSL's chatter only when it fails
quiet() { "$@" 2>"$TMP/stderr" || { cat "$TMP/stderr" >&2; fail "failed: $*"; }; }

# --- command recording (manifest "command") ----------------------------------------------
declare -A CMDS=()
quote_arg() {
  local a=$1
  if [[ -n $a && $a =~ ^[A-Za-z0-9_./:=,+@%-]+$ ]]; then
    printf '%s' "$a"
  else
    printf "'%s'" "${a//\'/\'\\\'\'}"
  fi
}
quote_cmd() {
  local out="" a q
  for a in "$@"; do q=$(quote_arg "$a"); out+="${out:+ }$q"; done
  out=${out//"$TMP"/\$TMP}
  printf '%s' "$out"
}
mk() { local out=$1; shift; CMDS[$out]=$(quote_cmd "$@"); quiet "$@"; }   # mk OUTFILE cmd args...
note() { CMDS[$1]=$2; }

# --- hex / DER helpers (for the few values the config syntax cannot express) --------------
hexlen() {
  local n=$1
  if   (( n < 128 ));   then printf '%02x' "$n"
  elif (( n < 256 ));   then printf '81%02x' "$n"
  elif (( n < 65536 )); then printf '82%04x' "$n"
  else                       printf '83%06x' "$n"; fi
}
tlv() { printf '%s%s%s' "$1" "$(hexlen $(( ${#2} / 2 )))" "$2"; }   # tlv TAGHEX BODYHEX
asc() { # ASCII text -> hex
  local s=$1 i h out=""
  for (( i = 0; i < ${#s}; i++ )); do printf -v h '%02x' "'${s:i:1}"; out+=$h; done
  printf '%s' "$out"
}
bmp() { # ASCII text -> BMPString (UTF-16BE) hex
  local s=$1 i h out=""
  for (( i = 0; i < ${#s}; i++ )); do printf -v h '00%02x' "'${s:i:1}"; out+=$h; done
  printf '%s' "$out"
}
oid() { # dotted OID -> DER hex (with tag and length)
  local IFS=. v b chunk out
  local -a a
  read -r -a a <<< "$1"
  printf -v out '%02x' $(( a[0] * 40 + a[1] ))
  for v in "${a[@]:2}"; do
    printf -v chunk '%02x' $(( v & 127 )); v=$(( v >> 7 ))
    while (( v > 0 )); do printf -v b '%02x' $(( (v & 127) | 128 )); chunk=$b$chunk; v=$(( v >> 7 )); done
    out+=$chunk
  done
  tlv 06 "$out"
}
file_hex() { od -An -v -tx1 "$1" | tr -d ' \n'; }
hex_to_file() { # HEX OUTFILE
  local h=$1 i esc=""
  for (( i = 0; i < ${#h}; i += 2 )); do esc+="\\x${h:i:2}"; done
  printf '%b' "$esc" > "$2"
}
upper() { printf '%s' "${1^^}"; }

# --- OpenSSL config: CA sections, then one extension section per leaf ----------------------
CNF="$TMP/ext.cnf"
cat > "$CNF" <<'EOF'
[req]
distinguished_name = dn
[dn]

[v3_root]
basicConstraints       = critical, CA:TRUE
keyUsage               = critical, keyCertSign, cRLSign
subjectKeyIdentifier   = hash

[v3_issuing]
basicConstraints       = critical, CA:TRUE, pathlen:0
keyUsage               = critical, keyCertSign, cRLSign
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid:always

[cdp_ldap]
URI.1 = ldap:///CN=Issuing,CN=CDP,CN=Public%20Key%20Services,CN=Services,CN=Configuration,DC=contoso,DC=com?certificateRevocationList?base?objectClass=cRLDistributionPoint
EOF

# The default leaf, in this order; a leaf overrides entries (NAME=VALUE) or drops them (NAME=).
EXT_ORDER=(basicConstraints keyUsage extendedKeyUsage subjectKeyIdentifier authorityKeyIdentifier
           subjectAltName crlDistributionPoints authorityInfoAccess)
declare -A EXT_DEFAULT=(
  [basicConstraints]='CA:FALSE'
  [keyUsage]='critical, digitalSignature, keyEncipherment'
  [extendedKeyUsage]='serverAuth'
  [subjectKeyIdentifier]='hash'
  [authorityKeyIdentifier]='keyid:always'
  [subjectAltName]="DNS:$INTRA, DNS:$INET"
  [crlDistributionPoints]='URI:http://pki.contoso.com/crl/issuing.crl'
  [authorityInfoAccess]='caIssuers;URI:http://pki.contoso.com/aia/issuing.crt, OCSP;URI:http://ocsp.contoso.com'
)

# --- CAs (keys only in $TMP, never committed) ----------------------------------------------
genrsa() { quiet openssl genpkey -quiet -algorithm RSA -pkeyopt "rsa_keygen_bits:$2" -out "$1"; }
genrsa "$TMP/root.key" 2048
genrsa "$TMP/issuing.key" 2048
genrsa "$TMP/sms-root.key" 2048

mk root.pem openssl req -new -x509 -config "$CNF" -extensions v3_root -key "$TMP/root.key" \
  -subj '/CN=Contoso SUP Test Root' -sha256 -days 3650 -out root.pem
quiet openssl req -new -config "$CNF" -key "$TMP/issuing.key" -subj '/CN=Contoso SUP Issuing CA' -out "$TMP/issuing.csr"
mk issuing.pem openssl x509 -req -in "$TMP/issuing.csr" -CA root.pem -CAkey "$TMP/root.key" \
  -extfile "$CNF" -extensions v3_issuing -sha256 -days 1825 -out issuing.pem
cat issuing.pem root.pem > chain.pem
note chain.pem 'cat issuing.pem root.pem > chain.pem'
# The ConfigMgr site's own self-signed root for enhanced HTTP ("SMS Issuing")
mk sms-root.pem openssl req -new -x509 -config "$CNF" -extensions v3_root -key "$TMP/sms-root.key" \
  -subj '/CN=SMS Issuing' -sha256 -days 3650 -out sms-root.pem

# --- leaves ---------------------------------------------------------------------------------
declare -A PURPOSE=() SIGNER=()
LEAVES=()
# leaf STEM SUBJECT PURPOSE [key=rsa:BITS|ec:CURVE] [md=DIGEST] [ca=issuing|sms|self] [EXT=VALUE | EXT=]...
leaf() {
  local stem=$1 subj=$2 purpose=$3; shift 3
  local key=rsa:2048 md=sha256 ca=issuing a n v
  local -A ext=()
  local -a extra=()
  for n in "${EXT_ORDER[@]}"; do ext[$n]=${EXT_DEFAULT[$n]}; done
  for a in "$@"; do
    n=${a%%=*}; v=${a#*=}
    case "$n" in
      key) key=$v ;;
      md) md=$v ;;
      ca) ca=$v ;;
      *) [[ -n ${ext[$n]+x} ]] || extra+=("$n"); ext[$n]=$v ;;
    esac
  done
  {
    printf '\n[x_%s]\n' "$stem"
    for n in "${EXT_ORDER[@]}" "${extra[@]}"; do
      if [[ -n ${ext[$n]} ]]; then printf '%s = %s\n' "$n" "${ext[$n]}"; fi
    done
  } >> "$CNF"
  case "$key" in
    rsa:*) mk "$stem.key" openssl genpkey -quiet -algorithm RSA -pkeyopt "rsa_keygen_bits:${key#rsa:}" -out "$stem.key" ;;
    ec:*)  mk "$stem.key" openssl genpkey -quiet -algorithm EC -pkeyopt "ec_paramgen_curve:${key#ec:}" \
             -pkeyopt ec_param_enc:named_curve -out "$stem.key" ;;
    *) fail "bad key spec $key" ;;
  esac
  quiet openssl req -new -config "$CNF" -key "$stem.key" -subj "$subj" -out "$TMP/$stem.csr"
  local -a signer
  case "$ca" in
    issuing) signer=(-CA issuing.pem -CAkey "$TMP/issuing.key") ;;
    sms)     signer=(-CA sms-root.pem -CAkey "$TMP/sms-root.key") ;;
    self)    signer=(-signkey "$stem.key") ;;
    *) fail "bad ca $ca" ;;
  esac
  mk "$stem.pem" openssl x509 -req -in "$TMP/$stem.csr" "${signer[@]}" -extfile "$CNF" -extensions "x_$stem" \
    "-$md" -days "$DAYS" -out "$stem.pem"
  PURPOSE[$stem]=$purpose; SIGNER[$stem]=$ca
  LEAVES+=("$stem")
}

BOTH="DNS:$INTRA, DNS:$INET"

leaf good-both "/CN=$INTRA" \
  "Correct: Web Server certificate naming the intranet and the internet FQDN in the SAN (SUP that serves intranet and internet-based clients)."
leaf good-intranet "/CN=$INTRA" \
  "Correct for an intranet-only SUP: the SAN holds just the intranet FQDN." \
  "subjectAltName=DNS:$INTRA"
leaf good-empty-subject "/" \
  "Correct, Microsoft's own example: empty subject, both FQDNs in a SAN marked critical (RFC 5280 4.2.1.6 requires critical when the subject is empty)." \
  "subjectAltName=critical, $BOTH"
leaf empty-subject-noncritical-san "/" \
  "Empty subject with the SAN NOT marked critical: breaks RFC 5280 4.2.1.6 (the names are still only in the SAN)."
leaf cn-only-while-san "/CN=$INTRA" \
  "Intranet FQDN only in the CN while a SAN exists: a SAN makes clients ignore the CN, so intranet clients get a name mismatch." \
  "subjectAltName=DNS:$INET"
leaf internet-name-only "/CN=$INET" \
  "Only the internet FQDN: intranet clients, which the SUP is published to as $INTRA, get a name mismatch." \
  "subjectAltName=DNS:$INET"
leaf no-san "/CN=$INTRA" \
  "No SAN extension at all, the FQDN only in the CN: works only with clients that still fall back to the CN (Windows does; browsers and RFC 6125 clients do not)." \
  "subjectAltName="
leaf amp-in-cn "/CN=$INTRA&$INET" \
  "Both names typed into the CN joined by '&' (the request-attribute syntax san:dns=a&dns=b misused): the CN matches neither FQDN, and there is no SAN." \
  "subjectAltName="
leaf amp-in-san "/CN=$INTRA" \
  "Both names pasted into ONE dNSName joined by '&': the SAN holds a single bogus name that matches neither FQDN (and the CN is ignored because a SAN exists)." \
  "subjectAltName=DNS:$INTRA&$INET"
leaf dns-prefix-in-san "/CN=$INTRA" \
  "The 'dns=' prefix of the request-attribute syntax ended up inside the dNSName value: the SAN matches nothing." \
  "subjectAltName=DNS:dns=$INTRA"
leaf short-name "/CN=$NETBIOS" \
  "NetBIOS short name next to the intranet FQDN: the FQDN still matches; the short name is useless (clients use the FQDN) and public CAs refuse it." \
  "subjectAltName=DNS:$NETBIOS, DNS:$INTRA"
leaf short-name-only "/CN=$NETBIOS" \
  "Only the NetBIOS short name: clients configured with the FQDN get a name mismatch." \
  "subjectAltName=DNS:$NETBIOS"
leaf wildcard "/CN=*.corp.contoso.com" \
  "Wildcard certificate: *.corp.contoso.com covers $INTRA and *.contoso.com covers $INET; valid for matching, though often against policy." \
  "subjectAltName=DNS:*.corp.contoso.com, DNS:*.contoso.com"
leaf wildcard-partial "/CN=sup*.corp.contoso.com" \
  "Partial-label wildcard 'sup*.corp.contoso.com': RFC 6125 allows it only optionally, CA/B Forum forbids it; whether it matches $INTRA depends on the client." \
  "subjectAltName=DNS:sup*.corp.contoso.com"
leaf wildcard-single-label "/CN=*.corp" \
  "Wildcards directly under single-label names, *.corp and *.local: refused by CA/B Forum rules and most clients, and neither covers $INTRA or $INET anyway." \
  "subjectAltName=DNS:*.corp, DNS:*.local"
leaf wildcard-cn-only "/CN=*.corp.contoso.com" \
  "Wildcard only in the CN, no SAN: matches $INTRA only for clients that fall back to the CN and accept a wildcard there." \
  "subjectAltName="
leaf ip-in-dnsname "/CN=$INTRA" \
  "An IP address typed as a dNSName (DNS:10.0.0.5) instead of an iPAddress entry: no client matches a dNSName against an IP. The FQDN and a proper IP:10.0.0.5 are present too." \
  "subjectAltName=DNS:10.0.0.5, DNS:$INTRA, IP:10.0.0.5"

NUL_SAN=$(tlv 30 "$(tlv 82 "$(asc "$INTRA")00$(asc .evil.com)")")
leaf nul-in-dnsname "/CN=evil.com" \
  "Null-prefix attack (CVE-2009-2408 style): one dNSName 'sup01.corp.contoso.com\\u0000.evil.com'; a C-string comparison sees the SUP name. Must never match." \
  "subjectAltName=" "2.5.29.17=DER:$(upper "$NUL_SAN")"
leaf eku-clientauth-only "/CN=$INTRA" \
  "Certificate from the Computer/Workstation Authentication template: EKU Client Authentication only, no Server Authentication." \
  "extendedKeyUsage=clientAuth"
leaf eku-none "/CN=$INTRA" \
  "No EKU extension: RFC 5280 and Windows read it as valid for every purpose, so serverAuth is allowed." \
  "extendedKeyUsage="
leaf eku-any-only "/CN=$INTRA" \
  "EKU holds only anyExtendedKeyUsage (2.5.29.37.0) and no serverAuth; whether that satisfies serverAuth depends on the verifier." \
  "extendedKeyUsage=anyExtendedKeyUsage"
leaf eku-server-client "/CN=$INTRA" \
  "EKU Server + Client Authentication (a Web Server template duplicate with Client Authentication added): fine for the SUP." \
  "extendedKeyUsage=serverAuth, clientAuth"
leaf ku-certsign-only "/CN=$INTRA" \
  "KeyUsage keyCertSign only: neither digitalSignature nor keyEncipherment, so the key may not be used by a TLS server." \
  "keyUsage=critical, keyCertSign"
leaf ku-digitalsignature-only "/CN=$INTRA" \
  "RSA key with KeyUsage digitalSignature only: fine for ECDHE/TLS 1.3 handshakes, not for TLS_RSA key exchange (which needs keyEncipherment)." \
  "keyUsage=critical, digitalSignature"
leaf ku-none "/CN=$INTRA" \
  "No KeyUsage extension: the key is unrestricted; acceptable." \
  "keyUsage="
leaf ca-leaf "/CN=$INTRA" \
  "Server certificate marked basicConstraints CA:TRUE (e.g. issued from the Subordinate CA template): a CA certificate used as the TLS server certificate." \
  "basicConstraints=critical, CA:TRUE"
leaf rsa-768 "/CN=$INTRA" "768-bit RSA key: factorable; rejected by current Windows and far below the 2048-bit minimum." key=rsa:768
leaf rsa-1024 "/CN=$INTRA" "1024-bit RSA key: below today's 2048-bit minimum (NIST, CA/B Forum, Microsoft root program)." key=rsa:1024
leaf rsa-4608 "/CN=$INTRA" "4608-bit RSA key, above 4096 bits: legal and stronger, but past the 4096-bit ceiling that some clients, HSMs and key-size checks assume." key=rsa:4608
leaf ec-p256 "/CN=$INTRA" \
  "ECDSA P-256 key (KeyUsage digitalSignature only) signed by the RSA issuing CA: a non-RSA server key." \
  key=ec:P-256 "keyUsage=critical, digitalSignature"
leaf sha1-signed "/CN=$INTRA" "Signed with SHA-1 (sha1WithRSAEncryption): deprecated; Microsoft's ConfigMgr guidance is to issue SHA-2 server certificates." md=sha1
leaf md5-signed "/CN=$INTRA" "Signed with MD5 (md5WithRSAEncryption): broken signature algorithm; must be rejected." md=md5
leaf self-signed "/CN=$INTRA" \
  "Self-signed certificate with the right names (IIS 'Create Self-Signed Certificate' style): untrusted unless deployed to every client's Trusted Root store." \
  ca=self
leaf sms-role "/CN=SMS Role SSL Certificate" \
  "The ConfigMgr enhanced-HTTP 'SMS Role SSL Certificate', issued by the site's self-signed 'SMS Issuing' root, bound to WSUS: not a PKI certificate; clients do not trust it." \
  ca=sms "subjectAltName=DNS:$INTRA" "crlDistributionPoints=" "authorityInfoAccess="

MS_TEMPLATE_NAME=$(tlv 1e "$(bmp WebServer)")
MS_TEMPLATE_INFO=$(tlv 30 "$(oid 1.3.6.1.4.1.311.21.8.1.2.3.4.5.6)$(tlv 02 64)$(tlv 02 04)")
[[ $MS_TEMPLATE_NAME == 1e12005700650062005300650072007600650072 ]] || fail "template name DER: $MS_TEMPLATE_NAME"
[[ $MS_TEMPLATE_INFO == 3017060f2b0601040182371508010203040506020164020104 ]] || fail "template info DER: $MS_TEMPLATE_INFO"
leaf ms-template "/CN=$INTRA" \
  "Good, plus the AD CS template extensions an Enterprise CA adds (template name 'WebServer', template OID v100.4): unknown non-critical extensions must be ignored." \
  "1.3.6.1.4.1.311.20.2=DER:$(upper "$MS_TEMPLATE_NAME")" "1.3.6.1.4.1.311.21.7=DER:$(upper "$MS_TEMPLATE_INFO")"
leaf no-revocation "/CN=$INTRA" \
  "No CRL distribution point and no AIA: clients cannot check revocation or fetch the issuer." \
  "crlDistributionPoints=" "authorityInfoAccess="
leaf ldap-only-cdp "/CN=$INTRA" \
  "Only an LDAP CDP (the AD CS default for the directory) and no OCSP: clients outside the domain (internet-based clients) cannot check revocation. AIA keeps caIssuers over HTTP." \
  "crlDistributionPoints=@cdp_ldap" "authorityInfoAccess=caIssuers;URI:http://pki.contoso.com/aia/issuing.crt"

{
  printf '\n[san_many]\nDNS.1 = %s\nDNS.2 = %s\n' "$INTRA" "$INET"
  for (( i = 1; i <= 9998; i++ )); do printf 'DNS.%d = host%d.corp.contoso.com\n' $(( i + 2 )) "$i"; done
} >> "$CNF"
leaf many-sans "/CN=$INTRA" \
  "Both FQDNs plus 9,998 more dNSNames (10,000 SAN entries, ~270 KB of DER): size and performance limits of the parser and the name matcher." \
  "subjectAltName=@san_many"

# --- PKCS#12 ---------------------------------------------------------------------------------
declare -A PFX_PURPOSE=()
p12() { # out purpose args...
  local out=$1; PFX_PURPOSE[$out]=$2; shift 2
  mk "$out" openssl pkcs12 -export "$@" -passout "pass:$PW" -out "$out"
}
# Protected as Windows' TripleDES-SHA1 export, which every supported Windows Server imports
# (OpenSSL 3's default AES-256/SHA-256 MAC is refused by Server 2016: SUP-PFX-001).
WIN_PBE=(-certpbe PBE-SHA1-3DES -keypbe PBE-SHA1-3DES -macalg sha1)
GOOD_IN=(-in good-both.pem -inkey good-both.key -certfile chain.pem -name sup01 "${WIN_PBE[@]}")
p12 good-both.pfx "Correct export: leaf + private key + issuing CA + root, protected as Windows' TripleDES-SHA1 export (pbeWithSHAAnd3-KeyTripleDES-CBC, SHA-1 MAC), which every supported Windows Server imports (SUP-PFX-001)." \
  "${GOOD_IN[@]}"
p12 good-both-capi.pfx "As good-both.pfx, the key bag marked for the legacy CAPI provider 'Microsoft RSA SChannel Cryptographic Provider' (Microsoft CSP Name attribute)." \
  "${GOOD_IN[@]}" -CSP 'Microsoft RSA SChannel Cryptographic Provider'
p12 good-both-cng.pfx "As good-both.pfx, the key bag marked for the CNG 'Microsoft Software Key Storage Provider' (Microsoft CSP Name attribute)." \
  "${GOOD_IN[@]}" -CSP 'Microsoft Software Key Storage Provider'
p12 good-both-nokey.pfx "Certificates only, no private key (exported with 'Do not export the private key'): IIS cannot use it for the WSUS binding." \
  -nokeys -in good-both.pem -certfile chain.pem -name sup01 "${WIN_PBE[@]}"

# key-mismatch.pfx: `openssl pkcs12 -export` refuses a key that matches no certificate
# ("No certificate matches private key"), so the PFX is assembled here in DER:
#   AuthenticatedSafe = [ data(SafeContents[certBag(good-both)]),
#                         data(SafeContents[pkcs8ShroudedKeyBag(good-intranet key, PBES2/AES-256)]) ]
# both bags with friendlyName "sup01" and localKeyID = SHA-1(good-both DER), as OpenSSL writes them,
# and a SHA-256 MAC computed with `openssl kdf PKCS12KDF` + `openssl mac HMAC`.
quiet openssl x509 -in good-both.pem -outform DER -out "$TMP/good-both.der"
quiet openssl pkcs8 -topk8 -in good-intranet.key -v2 aes-256-cbc -v2prf hmacWithSHA256 -iter 2048 \
  -passout "pass:$PW" -outform DER -out "$TMP/mismatch-epki.der"
CERT_HEX=$(file_hex "$TMP/good-both.der")
LKID=$(sha1sum < "$TMP/good-both.der" | cut -d' ' -f1)
ATTRS=$(tlv 31 "$(tlv 30 "$(oid 1.2.840.113549.1.9.20)$(tlv 31 "$(tlv 1e "$(bmp sup01)")")")$(tlv 30 "$(oid 1.2.840.113549.1.9.21)$(tlv 31 "$(tlv 04 "$LKID")")")")
CERT_BAG=$(tlv 30 "$(oid 1.2.840.113549.1.12.10.1.3)$(tlv a0 "$(tlv 30 "$(oid 1.2.840.113549.1.9.22.1)$(tlv a0 "$(tlv 04 "$CERT_HEX")")")")$ATTRS")
KEY_BAG=$(tlv 30 "$(oid 1.2.840.113549.1.12.10.1.2)$(tlv a0 "$(file_hex "$TMP/mismatch-epki.der")")$ATTRS")
data_ci() { tlv 30 "$(oid 1.2.840.113549.1.7.1)$(tlv a0 "$(tlv 04 "$1")")"; }
AUTHSAFE=$(tlv 30 "$(data_ci "$(tlv 30 "$CERT_BAG")")$(data_ci "$(tlv 30 "$KEY_BAG")")")
hex_to_file "$AUTHSAFE" "$TMP/authsafe.der"
SALT=$(openssl rand -hex 8)
PW_BMP="$(bmp "$PW")0000"
MACKEY=$(openssl kdf -keylen 32 -kdfopt digest:SHA256 -kdfopt "hexpass:$PW_BMP" -kdfopt "hexsalt:$SALT" \
  -kdfopt iter:2048 -kdfopt id:3 PKCS12KDF | tr -d ':\n')
MAC=$(openssl mac -digest SHA256 -macopt "hexkey:$MACKEY" -in "$TMP/authsafe.der" HMAC | tr -d '\n')
MACDATA=$(tlv 30 "$(tlv 30 "$(tlv 30 "$(oid 2.16.840.1.101.3.4.2.1)0500")$(tlv 04 "$MAC")")$(tlv 04 "$SALT")$(tlv 02 0800)")
hex_to_file "$(tlv 30 "$(tlv 02 03)$(data_ci "$AUTHSAFE")$MACDATA")" key-mismatch.pfx
note key-mismatch.pfx "assembled in DER by make.sh (openssl pkcs12 -export refuses a key matching no certificate): certBag(good-both.pem) + pkcs8ShroudedKeyBag(openssl pkcs8 -topk8 -in good-intranet.key -v2 aes-256-cbc -v2prf hmacWithSHA256 -iter 2048), both with friendlyName sup01 and localKeyID SHA-1(good-both DER); MAC HMAC-SHA256, key from openssl kdf PKCS12KDF (id 3, 2048 iterations)"
PFX_PURPOSE[key-mismatch.pfx]="The good-both certificate bag paired (same friendlyName and localKeyID) with the private key of good-intranet: the key does not belong to the certificate, so the binding cannot work."

# ==========================================================================================
# Inspection: everything below reads the files back and writes manifest.json
# ==========================================================================================
declare -a JCHR=()
for (( i = 0; i < 256; i++ )); do
  if (( i == 34 )); then JCHR[i]='\"'
  elif (( i == 92 )); then JCHR[i]='\\'
  elif (( i >= 32 && i < 127 )); then printf -v h '%02x' "$i"; printf -v "JCHR[i]" '%b' "\\x$h"
  else printf -v "JCHR[i]" '\\u%04x' "$i"; fi
done
json_str() {
  local s=$1
  s=${s//\\/\\\\}; s=${s//\"/\\\"}; s=${s//$'\t'/\\t}; s=${s//$'\r'/\\r}; s=${s//$'\n'/\\n}
  printf '"%s"' "$s"
}
json_arr() { local out="" i; for i in "$@"; do out+="${out:+, }$(json_str "$i")"; done; printf '[%s]' "$out"; }
json_raw_arr() { local out="" i; for i in "$@"; do out+="${out:+, }\"$i\""; done; printf '[%s]' "$out"; }   # already escaped

# DER reader over the byte array B (decimal values)
load_bytes() { mapfile -t B < <(od -An -v -tu1 -w1 "$1" | tr -d ' '); }
tl() { # POS -> T_TAG T_BODY T_END
  local p=$1 l n k
  T_TAG=${B[p]}; l=${B[p + 1]}; p=$(( p + 2 ))
  if (( l & 128 )); then
    n=$(( l & 127 )); l=0
    for (( k = 0; k < n; k++ )); do l=$(( l * 256 + B[p + k] )); done
    p=$(( p + n ))
  fi
  T_BODY=$p; T_END=$(( p + l ))
}
bytes_str() { # START END -> R (JSON-escaped text)
  local i; R=""
  for (( i = $1; i < $2; i++ )); do R+=${JCHR[B[i]]}; done
}
oid_str() { # START END -> R (dotted)
  local i v=0 b first=1
  b=${B[$1]}; R="$(( b < 80 ? b / 40 : 2 )).$(( b < 80 ? b % 40 : b - 80 ))"
  for (( i = $1 + 1; i < $2; i++ )); do
    b=${B[i]}; v=$(( v * 128 + (b & 127) ))
    (( b & 128 )) || { R+=".$v"; v=0; }
  done
}
uris_in() { # START END : appends every [6] URI under the range to U (recursing into constructed)
  local p=$1 e=$2 end body tag
  while (( p < e )); do
    tl "$p"; tag=$T_TAG; body=$T_BODY; end=$T_END
    if (( tag == 0x86 )); then bytes_str "$body" "$end"; U+=("$R")
    elif (( tag & 0x20 )); then uris_in "$body" "$end"; fi
    p=$end
  done
}
KU_NAMES=(digitalSignature nonRepudiation keyEncipherment dataEncipherment keyAgreement keyCertSign cRLSign encipherOnly decipherOnly)

# inspect_cert PEM : sets X_* (extensions decoded from the DER by hand, so a NUL inside a
# dNSName or an unknown extension is reported exactly)
inspect_cert() {
  local pem=$1 l p e tbs_end ext_end oidv crit vb ve q qe tag
  quiet openssl x509 -in "$pem" -outform DER -out "$TMP/c.der"
  X_SHA=$(sha256sum < "$TMP/c.der" | cut -d' ' -f1)
  X_SUBJECT=$(openssl x509 -in "$pem" -noout -subject -nameopt RFC2253); X_SUBJECT=${X_SUBJECT#subject=}
  X_ISSUER=$(openssl x509 -in "$pem" -noout -issuer -nameopt RFC2253); X_ISSUER=${X_ISSUER#issuer=}
  while IFS= read -r l; do
    case "$l" in notBefore=*) X_NB=${l#notBefore=}; X_NB=${X_NB/ /T} ;; notAfter=*) X_NA=${l#notAfter=}; X_NA=${X_NA/ /T} ;; esac
  done < <(openssl x509 -in "$pem" -noout -startdate -enddate -dateopt iso_8601)
  X_SIG=""; X_BITS=""; X_CURVE=""; X_KEYALG=""
  while IFS= read -r l; do
    l=${l#"${l%%[! ]*}"}
    case "$l" in
      'Signature Algorithm: '*) if [[ -z $X_SIG ]]; then X_SIG=${l#Signature Algorithm: }; fi ;;
      'Public Key Algorithm: rsaEncryption') X_KEYALG=RSA ;;
      'Public Key Algorithm: id-ecPublicKey') X_KEYALG=EC ;;
      'Public-Key: ('*) X_BITS=${l#Public-Key: (}; X_BITS=${X_BITS%% bit)*} ;;
      'NIST CURVE: '*) X_CURVE=${l#NIST CURVE: } ;;
    esac
  done < <(openssl x509 -in "$pem" -noout -text -certopt no_extensions,no_sigdump,no_header,no_version,no_serial,no_subject,no_issuer,no_validity)
  X_SPKI=$(openssl x509 -in "$pem" -noout -pubkey | openssl pkey -pubin -outform DER | sha256sum | cut -d' ' -f1)

  X_HAS_SAN=false; X_SAN_CRIT=false; X_SAN_DNS=(); X_SAN_IP=(); X_SAN_OTHER=0
  X_EKU=null; X_KU=null; X_KU_CRIT=false; X_CA=false; X_PATHLEN=null; X_BC=false
  X_CDP=(); X_OCSP=(); X_CAISSUERS=(); X_CRIT=(); X_OTHER=()
  load_bytes "$TMP/c.der"
  tl 0; tl "$T_BODY"; tbs_end=$T_END; p=$T_BODY
  while (( p < tbs_end )); do
    tl "$p"; e=$T_END
    if (( T_TAG == 0xa3 )); then
      tl "$T_BODY"; ext_end=$T_END; q=$T_BODY
      while (( q < ext_end )); do
        tl "$q"; qe=$T_END
        tl "$T_BODY"; oid_str "$T_BODY" "$T_END"; oidv=$R; crit=false
        tl "$T_END"
        if (( T_TAG == 1 )); then if (( B[T_BODY] )); then crit=true; fi; tl "$T_END"; fi
        vb=$T_BODY; ve=$T_END
        if [[ $crit == true ]]; then X_CRIT+=("$oidv"); fi
        case "$oidv" in 2.5.29.14|2.5.29.15|2.5.29.17|2.5.29.19|2.5.29.31|2.5.29.35|2.5.29.37|1.3.6.1.5.5.7.1.1) ;; *) X_OTHER+=("$oidv") ;; esac
        case "$oidv" in
          2.5.29.17)
            X_HAS_SAN=true; X_SAN_CRIT=$crit
            tl "$vb"; local g=$T_BODY ge=$T_END
            while (( g < ge )); do
              tl "$g"; tag=$T_TAG
              if (( tag == 0x82 )); then bytes_str "$T_BODY" "$T_END"; X_SAN_DNS+=("$R")
              elif (( tag == 0x87 && T_END - T_BODY == 4 )); then X_SAN_IP+=("${B[T_BODY]}.${B[T_BODY+1]}.${B[T_BODY+2]}.${B[T_BODY+3]}")
              else X_SAN_OTHER=$(( X_SAN_OTHER + 1 )); fi
              g=$T_END
            done ;;
          2.5.29.37)
            tl "$vb"; local k=$T_BODY ke=$T_END o=()
            while (( k < ke )); do tl "$k"; oid_str "$T_BODY" "$T_END"; o+=("$R"); k=$T_END; done
            X_EKU=$(json_arr "${o[@]}") ;;
          2.5.29.15)
            X_KU_CRIT=$crit
            tl "$vb"; local bi n=() nb=$(( T_END - T_BODY - 1 ))
            for (( bi = 0; bi < 9 && bi < nb * 8; bi++ )); do
              if (( B[T_BODY + 1 + bi / 8] & (128 >> (bi % 8)) )); then n+=("${KU_NAMES[bi]}"); fi
            done
            X_KU=$(json_arr "${n[@]}") ;;
          2.5.29.19)
            X_BC=true
            tl "$vb"; local bq=$T_BODY be=$T_END
            while (( bq < be )); do
              tl "$bq"
              if (( T_TAG == 1 )); then if (( B[T_BODY] )); then X_CA=true; fi
              elif (( T_TAG == 2 )); then X_PATHLEN=${B[T_BODY]}; fi
              bq=$T_END
            done ;;
          2.5.29.31)
            U=(); uris_in "$vb" "$ve"; X_CDP=("${U[@]}") ;;
          1.3.6.1.5.5.7.1.1)
            tl "$vb"; local a=$T_BODY ae=$T_END m
            while (( a < ae )); do
              tl "$a"; local adend=$T_END
              tl "$T_BODY"; oid_str "$T_BODY" "$T_END"; m=$R
              tl "$T_END"
              if (( T_TAG == 0x86 )); then
                bytes_str "$T_BODY" "$T_END"
                case "$m" in 1.3.6.1.5.5.7.48.1) X_OCSP+=("$R") ;; 1.3.6.1.5.5.7.48.2) X_CAISSUERS+=("$R") ;; esac
              fi
              a=$adend
            done ;;
        esac
        q=$qe
      done
    fi
    p=$e
  done
  # cross-check the hand decoding against OpenSSL's own rendering (not possible with a NUL)
  local txt want="" d
  if [[ " ${X_SAN_DNS[*]} " == *'\u0000'* ]]; then
    :   # OpenSSL 3.0 prints a SAN with a NUL inside a dNSName as a raw byte dump
  elif txt=$(openssl x509 -in "$pem" -noout -ext subjectAltName 2>/dev/null) && [[ $txt == *"Alternative Name"* ]]; then
    txt=${txt#*$'\n'}; txt=${txt#"${txt%%[! ]*}"}
    for d in "${X_SAN_DNS[@]}"; do want+="${want:+, }DNS:$d"; done
    for d in "${X_SAN_IP[@]}"; do want+="${want:+, }IP Address:$d"; done
    [[ $txt == "$want" ]] || fail "$pem: SAN decoding differs from openssl"
  elif [[ $X_HAS_SAN == true ]]; then
    fail "$pem: openssl cannot print the SAN"
  fi
}

key_spki() { openssl pkey -in "$1" -pubout -outform DER | sha256sum | cut -d' ' -f1; }
verify_chain() { # PEM -> "OK" or OpenSSL's error text
  local out
  if out=$(openssl verify -CAfile root.pem -untrusted issuing.pem "$1" 2>&1); then echo OK
  else out=$(grep -m1 '^error' <<< "$out" || true); echo "${out#error * at 0 depth lookup: }"; fi
}

ENTRIES=()
declare -A IN_MANIFEST=()
cert_entry() { # file kind purpose [keyfile]
  local file=$1 kind=$2 purpose=$3 keyf=${4:-} obj sans
  inspect_cert "$file"
  obj="{"$'\n'" \"file\": $(json_str "$file"),"$'\n'" \"kind\": \"$kind\","
  obj+=$'\n'" \"sha256\": \"$X_SHA\","
  obj+=$'\n'" \"subject\": $(json_str "$X_SUBJECT"),"
  obj+=$'\n'" \"issuer\": $(json_str "$X_ISSUER"),"
  obj+=$'\n'" \"hasSan\": $X_HAS_SAN,"
  if [[ $X_HAS_SAN == true ]]; then obj+=$'\n'" \"sanCritical\": $X_SAN_CRIT,"; fi
  obj+=$'\n'" \"sanDnsCount\": ${#X_SAN_DNS[@]},"
  if (( ${#X_SAN_DNS[@]} > 50 )); then
    sans=$(json_raw_arr "${X_SAN_DNS[@]:0:4}" "${X_SAN_DNS[@]: -1}")
    obj+=$'\n'" \"sanDns\": $sans,"
    obj+=$'\n'" \"sanDnsTruncated\": \"entries 1-4 and the last; the omitted ones are host3 .. host9997.corp.contoso.com in order\","
  else
    obj+=$'\n'" \"sanDns\": $(json_raw_arr "${X_SAN_DNS[@]}"),"
  fi
  obj+=$'\n'" \"sanIp\": $(json_raw_arr "${X_SAN_IP[@]}"),"
  if (( X_SAN_OTHER )); then obj+=$'\n'" \"sanOtherCount\": $X_SAN_OTHER,"; fi
  obj+=$'\n'" \"eku\": $X_EKU,"
  obj+=$'\n'" \"keyUsage\": $X_KU,"
  if [[ $X_KU != null ]]; then obj+=$'\n'" \"keyUsageCritical\": $X_KU_CRIT,"; fi
  obj+=$'\n'" \"hasBasicConstraints\": $X_BC,"
  obj+=$'\n'" \"isCA\": $X_CA,"
  if [[ $X_PATHLEN != null ]]; then obj+=$'\n'" \"pathLen\": $X_PATHLEN,"; fi
  obj+=$'\n'" \"keyAlgorithm\": \"$X_KEYALG\","
  obj+=$'\n'" \"keyBits\": $X_BITS,"
  if [[ -n $X_CURVE ]]; then obj+=$'\n'" \"curve\": \"$X_CURVE\","; fi
  obj+=$'\n'" \"sigAlg\": \"$X_SIG\","
  obj+=$'\n'" \"notBefore\": \"$X_NB\","
  obj+=$'\n'" \"notAfter\": \"$X_NA\","
  obj+=$'\n'" \"crlDistributionPoints\": $(json_raw_arr "${X_CDP[@]}"),"
  obj+=$'\n'" \"ocsp\": $(json_raw_arr "${X_OCSP[@]}"),"
  obj+=$'\n'" \"caIssuers\": $(json_raw_arr "${X_CAISSUERS[@]}"),"
  obj+=$'\n'" \"criticalExtensions\": $(json_arr "${X_CRIT[@]}"),"
  obj+=$'\n'" \"otherExtensions\": $(json_arr "${X_OTHER[@]}"),"
  obj+=$'\n'" \"spkiSha256\": \"$X_SPKI\","
  if [[ -n $keyf ]]; then
    [[ $(key_spki "$keyf") == "$X_SPKI" ]] || fail "$keyf does not match $file"
    obj+=$'\n'" \"key\": $(json_str "$keyf"),"
    IN_MANIFEST[$keyf]=1
  fi
  if [[ $kind == leaf ]]; then
    obj+=$'\n'" \"signer\": \"${SIGNER[${file%.pem}]}\","
    obj+=$'\n'" \"opensslVerify\": $(json_str "$(verify_chain "$file")"),"
  fi
  if [[ $kind == leaf ]]; then
    obj+=$'\n'" \"purpose\": $(json_str "$purpose")"$'\n'"}"   # command: see make.sh / README
  else
    obj+=$'\n'" \"purpose\": $(json_str "$purpose"),"
    obj+=$'\n'" \"command\": $(json_str "${CMDS[$file]:-}")"$'\n'"}"
  fi
  ENTRIES+=("$obj"); IN_MANIFEST[$file]=1
  # for the self-checks
  M_SANS[$file]=" ${X_SAN_DNS[*]:0:20} "; M_NSAN[$file]=${#X_SAN_DNS[@]}; M_EKU[$file]=$X_EKU; M_KU[$file]=$X_KU
  M_CA[$file]=$X_CA; M_BITS[$file]=$X_BITS; M_SIG[$file]=$X_SIG; M_SUBJ[$file]=$X_SUBJECT; M_SANCRIT[$file]=$X_SAN_CRIT
  M_HASSAN[$file]=$X_HAS_SAN; M_CDP[$file]=" ${X_CDP[*]} "; M_OCSP[$file]=${#X_OCSP[@]}; M_AIA[$file]=${#X_CAISSUERS[@]}
  M_IP[$file]=" ${X_SAN_IP[*]} "; M_CRIT[$file]=" ${X_CRIT[*]} "; M_ISSUER[$file]=$X_ISSUER; M_EXTS[$file]=" ${X_OTHER[*]} "
}
declare -A M_SANS=() M_NSAN=() M_EKU=() M_KU=() M_CA=() M_BITS=() M_SIG=() M_SUBJ=() M_SANCRIT=() M_HASSAN=() M_CDP=() M_OCSP=()
declare -A M_AIA=() M_IP=() M_ISSUER=() M_EXTS=() M_CRIT=()

split_pem() { # FILE PREFIX -> writes PREFIX.N.pem per block, sets NBLK and BLK_LABEL[]
  local line n=0 in=0 label
  BLK_LABEL=()
  while IFS= read -r line || [[ -n $line ]]; do
    line=${line%$'\r'}
    if (( ! in )) && [[ $line =~ ^-----BEGIN\ (.+)-----$ ]]; then
      in=1; label=${BASH_REMATCH[1]}; printf '%s\n' "$line" > "$2.$n.pem"
    elif (( in )); then
      printf '%s\n' "$line" >> "$2.$n.pem"
      if [[ $line == "-----END $label-----" ]]; then BLK_LABEL[n]=$label; n=$(( n + 1 )); in=0; fi
    fi
  done < "$1"
  NBLK=$n
}

chain_entry() { # file purpose
  local file=$1 i shas=() subj=() obj
  split_pem "$file" "$TMP/chain"
  for (( i = 0; i < NBLK; i++ )); do
    inspect_cert "$TMP/chain.$i.pem"; shas+=("$X_SHA"); subj+=("$X_SUBJECT")
  done
  obj="{"$'\n'" \"file\": $(json_str "$file"),"$'\n'" \"kind\": \"chain\","
  obj+=$'\n'" \"certCount\": $NBLK,"
  obj+=$'\n'" \"certSha256s\": $(json_arr "${shas[@]}"),"
  obj+=$'\n'" \"subjects\": $(json_arr "${subj[@]}"),"
  obj+=$'\n'" \"purpose\": $(json_str "$2"),"
  obj+=$'\n'" \"command\": $(json_str "${CMDS[$file]:-}")"$'\n'"}"
  ENTRIES+=("$obj"); IN_MANIFEST[$file]=1
  M_NCERTS[$file]=$NBLK
}
declare -A M_NCERTS=() M_NKEYS=() M_MATCH=() M_PROV=() M_LEAFSHA=()

pfx_entry() { # file
  local file=$1 out l i certs=() keys=0 keyspki="" match=null prov="" fns=() leafsha=null obj certspki=()
  out=$(openssl pkcs12 -in "$file" -passin "pass:$PW" -nodes 2>"$TMP/stderr") || { cat "$TMP/stderr" >&2; fail "$file does not open with $PW"; }
  printf '%s\n' "$out" > "$TMP/pfx.pem"
  while IFS= read -r l; do
    l=${l#"${l%%[! ]*}"}
    case "$l" in
      'Microsoft CSP Name: '*) prov=${l#Microsoft CSP Name: } ;;
      'friendlyName: '*) fns+=("${l#friendlyName: }") ;;
    esac
  done < "$TMP/pfx.pem"
  split_pem "$TMP/pfx.pem" "$TMP/pfxblk"
  for (( i = 0; i < NBLK; i++ )); do
    case "${BLK_LABEL[i]}" in
      CERTIFICATE) inspect_cert "$TMP/pfxblk.$i.pem"; certs+=("$X_SHA"); certspki+=("$X_SPKI") ;;
      'PRIVATE KEY') keys=$(( keys + 1 )); keyspki=$(key_spki "$TMP/pfxblk.$i.pem") ;;
      *) fail "$file: unexpected block ${BLK_LABEL[i]}" ;;
    esac
  done
  if (( ${#certs[@]} )); then leafsha="\"${certs[0]}\""; fi
  if (( keys )); then
    match=false
    for i in "${!certspki[@]}"; do if [[ ${certspki[i]} == "$keyspki" ]]; then match=true; fi; done
  fi
  obj="{"$'\n'" \"file\": $(json_str "$file"),"$'\n'" \"kind\": \"pfx\","
  obj+=$'\n'" \"password\": $(json_str "$PW"),"
  obj+=$'\n'" \"certCount\": ${#certs[@]},"
  obj+=$'\n'" \"keyCount\": $keys,"
  if [[ -n $prov ]]; then obj+=$'\n'" \"provider\": $(json_str "$prov"),"; fi
  obj+=$'\n'" \"friendlyNames\": $(json_arr "${fns[@]}"),"
  obj+=$'\n'" \"leafSha256\": $leafsha,"
  obj+=$'\n'" \"certSha256s\": $(json_arr "${certs[@]}"),"
  if [[ -n $keyspki ]]; then obj+=$'\n'" \"keySpkiSha256\": \"$keyspki\","; fi
  obj+=$'\n'" \"keyMatchesACert\": $match,"
  obj+=$'\n'" \"purpose\": $(json_str "${PFX_PURPOSE[$file]}"),"
  obj+=$'\n'" \"command\": $(json_str "${CMDS[$file]:-}")"$'\n'"}"
  ENTRIES+=("$obj"); IN_MANIFEST[$file]=1
  M_NCERTS[$file]=${#certs[@]}; M_NKEYS[$file]=$keys; M_MATCH[$file]=$match; M_PROV[$file]=$prov; M_LEAFSHA[$file]=${certs[0]:-}; M_KEYSPKI[$file]=$keyspki
}
declare -A M_KEYSPKI=()

cert_entry root.pem ca "Test root CA (trust anchor) for every leaf except self-signed and sms-role."
cert_entry issuing.pem ca "Issuing CA (pathlen:0) that signs the leaves; clients need it in the chain."
cert_entry sms-root.pem ca "Self-signed 'SMS Issuing' root of the ConfigMgr site (enhanced HTTP); issuer of sms-role only."
chain_entry chain.pem "Issuing CA then root, for building the chain of the issuing-CA leaves."
for s in "${LEAVES[@]}"; do cert_entry "$s.pem" leaf "${PURPOSE[$s]}" "$s.key"; done
for f in good-both.pfx good-both-capi.pfx good-both-cng.pfx good-both-nokey.pfx key-mismatch.pfx; do pfx_entry "$f"; done

# --- self-checks: fail the run if a file is not what its name says -------------------------
chk() { local f=$1; shift; "$@" || fail "check failed for $f: $*"; }
has() { [[ $1 == *"$2"* ]]; }
eq() { [[ $1 == "$2" ]]; }
E_SRV='["1.3.6.1.5.5.7.3.1"]'
KU_DSKE='["digitalSignature", "keyEncipherment"]'
CDP_HTTP=' http://pki.contoso.com/crl/issuing.crl '
for s in "${LEAVES[@]}"; do
  f=$s.pem
  case "$s" in
    self-signed) chk $f eq "${M_ISSUER[$f]}" "CN=$INTRA" ;;
    sms-role)    chk $f eq "${M_ISSUER[$f]}" "CN=SMS Issuing" ;;
    *)           chk $f eq "${M_ISSUER[$f]}" "CN=Contoso SUP Issuing CA"
                 v=$(verify_chain "$f"); chk $f eq "$v" OK ;;
  esac
  case "$s" in eku-*) ;; *) chk $f eq "${M_EKU[$f]}" "$E_SRV" ;; esac
  case "$s" in ku-*|ec-p256) ;; *) chk $f eq "${M_KU[$f]}" "$KU_DSKE" ;; esac
  case "$s" in ca-leaf) chk $f eq "${M_CA[$f]}" true ;; *) chk $f eq "${M_CA[$f]}" false ;; esac
  case "$s" in rsa-768|rsa-1024|rsa-4608|ec-p256) ;; *) chk $f eq "${M_BITS[$f]}" 2048 ;; esac
  case "$s" in sha1-signed|md5-signed) ;; *) chk $f eq "${M_SIG[$f]}" sha256WithRSAEncryption ;; esac
  case "$s" in
    no-revocation|sms-role) chk $f eq "${M_CDP[$f]}${M_OCSP[$f]}${M_AIA[$f]}" '  00' ;;
    ldap-only-cdp) chk $f has "${M_CDP[$f]}" ' ldap:///CN=Issuing,CN=CDP,CN=Public%20Key%20Services,'; chk $f eq "${M_OCSP[$f]}${M_AIA[$f]}" 01 ;;
    *) chk $f eq "${M_CDP[$f]}${M_OCSP[$f]}${M_AIA[$f]}" "${CDP_HTTP}11" ;;
  esac
done
chk good-both.pem eq "${M_SANS[good-both.pem]}" " $INTRA $INET "
chk good-intranet.pem eq "${M_SANS[good-intranet.pem]}" " $INTRA "
chk good-empty-subject.pem eq "${M_SUBJ[good-empty-subject.pem]}|${M_SANCRIT[good-empty-subject.pem]}|${M_SANS[good-empty-subject.pem]}" "|true| $INTRA $INET "
chk empty-subject-noncritical-san.pem eq "${M_SUBJ[empty-subject-noncritical-san.pem]}|${M_SANCRIT[empty-subject-noncritical-san.pem]}" "|false"
chk cn-only-while-san.pem eq "${M_SANS[cn-only-while-san.pem]}" " $INET "
chk internet-name-only.pem eq "${M_SUBJ[internet-name-only.pem]}${M_SANS[internet-name-only.pem]}" "CN=$INET $INET "
for f in no-san.pem amp-in-cn.pem wildcard-cn-only.pem; do chk $f eq "${M_HASSAN[$f]}" false; done
chk amp-in-cn.pem eq "${M_SUBJ[amp-in-cn.pem]}" "CN=$INTRA&$INET"
chk amp-in-san.pem eq "${M_SANS[amp-in-san.pem]}" " $INTRA&$INET "
chk dns-prefix-in-san.pem eq "${M_SANS[dns-prefix-in-san.pem]}" " dns=$INTRA "
chk short-name.pem eq "${M_SANS[short-name.pem]}" " $NETBIOS $INTRA "
chk short-name-only.pem eq "${M_SANS[short-name-only.pem]}" " $NETBIOS "
chk wildcard.pem eq "${M_SANS[wildcard.pem]}" " *.corp.contoso.com *.contoso.com "
chk wildcard-partial.pem eq "${M_SANS[wildcard-partial.pem]}" " sup*.corp.contoso.com "
chk wildcard-single-label.pem eq "${M_SANS[wildcard-single-label.pem]}" " *.corp *.local "
chk ip-in-dnsname.pem eq "${M_SANS[ip-in-dnsname.pem]}${M_IP[ip-in-dnsname.pem]}" " 10.0.0.5 $INTRA  10.0.0.5 "
chk nul-in-dnsname.pem eq "${M_SUBJ[nul-in-dnsname.pem]}${M_SANS[nul-in-dnsname.pem]}" "CN=evil.com $INTRA\\u0000.evil.com "
chk eku-clientauth-only.pem eq "${M_EKU[eku-clientauth-only.pem]}" '["1.3.6.1.5.5.7.3.2"]'
chk eku-none.pem eq "${M_EKU[eku-none.pem]}" null
chk eku-any-only.pem eq "${M_EKU[eku-any-only.pem]}" '["2.5.29.37.0"]'
chk eku-server-client.pem eq "${M_EKU[eku-server-client.pem]}" '["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"]'
chk ku-certsign-only.pem eq "${M_KU[ku-certsign-only.pem]}" '["keyCertSign"]'
chk ku-digitalsignature-only.pem eq "${M_KU[ku-digitalsignature-only.pem]}" '["digitalSignature"]'
chk ec-p256.pem eq "${M_KU[ec-p256.pem]}" '["digitalSignature"]'
chk ku-none.pem eq "${M_KU[ku-none.pem]}" null
chk rsa-768.pem eq "${M_BITS[rsa-768.pem]}" 768
chk rsa-1024.pem eq "${M_BITS[rsa-1024.pem]}" 1024
chk rsa-4608.pem eq "${M_BITS[rsa-4608.pem]}" 4608
chk ec-p256.pem eq "${M_BITS[ec-p256.pem]}" 256
chk sha1-signed.pem eq "${M_SIG[sha1-signed.pem]}" sha1WithRSAEncryption
chk md5-signed.pem eq "${M_SIG[md5-signed.pem]}" md5WithRSAEncryption
chk self-signed.pem eq "${M_SANS[self-signed.pem]}" " $INTRA $INET "
chk sms-role.pem eq "${M_SUBJ[sms-role.pem]}${M_SANS[sms-role.pem]}" "CN=SMS Role SSL Certificate $INTRA "
chk ms-template.pem eq "${M_EXTS[ms-template.pem]}" ' 1.3.6.1.4.1.311.20.2 1.3.6.1.4.1.311.21.7 '
chk good-empty-subject.pem eq "${M_CRIT[good-empty-subject.pem]}" ' 2.5.29.15 2.5.29.17 '
chk ca-leaf.pem eq "${M_CRIT[ca-leaf.pem]}" ' 2.5.29.19 2.5.29.15 '
chk many-sans.pem eq "${M_NSAN[many-sans.pem]}" 10000
chk many-sans.pem has "${M_SANS[many-sans.pem]}" " $INTRA $INET host1.corp.contoso.com host2.corp.contoso.com "
GOOD_SHA=$(openssl x509 -in good-both.pem -outform DER | sha256sum | cut -d' ' -f1)
chk chain.pem eq "${M_NCERTS[chain.pem]}" 2
for f in good-both.pfx good-both-capi.pfx good-both-cng.pfx; do
  chk $f eq "${M_NCERTS[$f]}|${M_NKEYS[$f]}|${M_MATCH[$f]}|${M_LEAFSHA[$f]}" "3|1|true|$GOOD_SHA"
done
chk good-both.pfx eq "${M_PROV[good-both.pfx]}" ""
chk good-both-capi.pfx eq "${M_PROV[good-both-capi.pfx]}" "Microsoft RSA SChannel Cryptographic Provider"
chk good-both-cng.pfx eq "${M_PROV[good-both-cng.pfx]}" "Microsoft Software Key Storage Provider"
chk good-both-nokey.pfx eq "${M_NCERTS[good-both-nokey.pfx]}|${M_NKEYS[good-both-nokey.pfx]}|${M_MATCH[good-both-nokey.pfx]}" "3|0|null"
chk key-mismatch.pfx eq "${M_NCERTS[key-mismatch.pfx]}|${M_NKEYS[key-mismatch.pfx]}|${M_MATCH[key-mismatch.pfx]}|${M_LEAFSHA[key-mismatch.pfx]}" "1|1|false|$GOOD_SHA"
chk key-mismatch.pfx eq "${M_KEYSPKI[key-mismatch.pfx]}" "$(key_spki good-intranet.key)"
openssl pkcs12 -in key-mismatch.pfx -passin pass:wrong-password -nodes -out /dev/null 2>/dev/null \
  && fail "key-mismatch.pfx accepts a wrong password"

# --- manifest.json ---------------------------------------------------------------------------
{
  printf '[\n'
  for i in "${!ENTRIES[@]}"; do
    printf '%s' "${ENTRIES[$i]}"
    (( i + 1 < ${#ENTRIES[@]} )) && printf ',\n' || printf '\n'
  done
  printf ']\n'
} > manifest.json

for f in *; do
  case "$f" in make.sh|README.md|manifest.json) continue ;; esac
  [[ -n ${IN_MANIFEST[$f]:-} ]] || fail "$f is not in manifest.json"
done
for f in *; do [[ $f == make.sh ]] || chmod 644 -- "$f"; done   # OpenSSL writes keys and PKCS#12 as 0600
bytes=$(cat -- * | wc -c)
(( bytes < 600 * 1024 )) || echo "make.sh: warning: folder is $bytes bytes (over 600 KB)" >&2
echo "make.sh: wrote ${#ENTRIES[@]} manifest entries (${#LEAVES[@]} leaves with keys) + manifest.json in $HERE ($bytes bytes) with $(openssl version)"
